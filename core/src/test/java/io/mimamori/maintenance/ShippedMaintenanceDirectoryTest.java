package io.mimamori.maintenance;

import static io.mimamori.maintenance.Fixtures.CLOCK;
import static io.mimamori.maintenance.Fixtures.ZONES;
import static io.mimamori.maintenance.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config/maintenance} of the repository: loads as shipped, and its example is valid. */
class ShippedMaintenanceDirectoryTest {
    @TempDir
    Path dir;

    private static Path shipped() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("config/maintenance");
            if (Files.isRegularFile(candidate.resolve("example.yaml.example"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("config/maintenance not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void theShippedDirectoryLoadsNoWindowByDefault() {
        assertThat(MaintenanceCalendar.load(shipped(), ZONES, CLOCK).list(at("2026-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void theExampleIsValidOnceCopiedToAYamlFile() throws IOException {
        Files.copy(shipped().resolve("example.yaml.example"), dir.resolve("acme.yaml"));
        MaintenanceCalendar calendar = MaintenanceCalendar.load(dir, ZONES, CLOCK);

        assertThat(calendar.list(at("2026-01-01T00:00:00Z"))).extracting(WindowView::id).containsExactly(
                "acme-db1-upgrade", "acme-dc-move", "acme-monthly-patching", "acme-tokyo-backups");
        WindowView upgrade = calendar.list(at("2026-01-01T00:00:00Z")).get(0);
        assertThat(upgrade.occurrence()).isEqualTo(new WindowView.OccurrenceView(
                "2026-03-29T00:00:00Z", "2026-03-29T02:00:00Z",
                "2026-03-29T01:00:00+01:00", "2026-03-29T04:00:00+02:00"));
    }
}
