package io.mimamori.maintenance;

import io.mimamori.alert.Alert;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/** Tenants, a simulated clock and small builders shared by the maintenance tests. */
final class Fixtures {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneLookup ZONES = ZoneLookup.of(Map.of(
            "acme", BERLIN, "globex", NEW_YORK, "initech", ZoneOffset.UTC));
    static final Instant JAN_1 = Instant.parse("2026-01-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(JAN_1, ZoneOffset.UTC);

    private Fixtures() {
    }

    static Instant at(String utc) {
        return Instant.parse(utc);
    }

    /** Writes {@code yaml} as {@code dir/windows.yaml} and loads the directory. */
    static MaintenanceCalendar load(Path dir, String yaml) {
        write(dir, "windows.yaml", yaml);
        return MaintenanceCalendar.load(dir, ZONES, CLOCK);
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one window of a file holding only {@code windowYaml} (indented as a list item). */
    static Window window(Path dir, String windowYaml) {
        MaintenanceCalendar calendar = load(dir, "windows:\n" + windowYaml.indent(4).replaceFirst("^    ", "  - "));
        return calendar.get(calendar.list(JAN_1).get(0).id()).orElseThrow();
    }

    static Alert alert(String tenant) {
        return alert(tenant, "db1:/var", "db1", Layer.OS, Map.of());
    }

    static Alert alert(String tenant, String resource, String host, Layer layer, Map<String, String> labels) {
        return Alert.builder().tenant(tenant).severity(Severity.MAJOR).event("diskFull")
                .resource(resource).host(host).layer(layer).labels(labels).build();
    }
}
