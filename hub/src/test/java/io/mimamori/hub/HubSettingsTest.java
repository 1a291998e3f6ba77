package io.mimamori.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubSettingsTest {
    @TempDir
    Path dir;

    @Test
    void defaultsThenFileThenEnvironmentThenCommandLine() throws Exception {
        Files.writeString(dir.resolve("application.properties"),
                "camel.server.port=8081\ncamel.management.port=9001\nmimamori.api.maxAlerts=5\n");
        HubSettings s = HubSettings.resolve(dir, dir.resolve("routes"), dir.resolve("data"),
                Map.of("mimamori.api.maxAlerts", "7"),
                Map.of("CAMEL_MANAGEMENT_PORT", "9002", "MIMAMORI_API_MAXALERTS", "6"));
        assertThat(s.get("mimamori.outbox.fsync")).isEqualTo("true");   // built-in default
        assertThat(s.get("camel.server.port")).isEqualTo("8081");          // file over default
        assertThat(s.get("camel.management.port")).isEqualTo("9002");     // environment over file
        assertThat(s.get("mimamori.api.maxAlerts")).isEqualTo("7");        // command line over all
        assertThat(s.pipeline().storeCapacity()).isEqualTo(7);
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void directoriesComeFromOptionsThenEnvironment() {
        HubSettings s = HubSettings.resolve(null, null, dir.resolve("d"), Map.of(),
                Map.of("MIMAMORI_CONFIG_DIR", dir.toString(), "MIMAMORI_ROUTES_DIR", dir.resolve("r").toString()));
        assertThat(s.configDir()).isEqualTo(dir.toAbsolutePath());
        assertThat(s.routesDir()).isEqualTo(dir.resolve("r").toAbsolutePath());
        assertThat(s.dataDir()).isEqualTo(dir.resolve("d").toAbsolutePath());
        assertThat(s.get("mimamori.config.dir")).isEqualTo(dir.toAbsolutePath().toString());
        assertThat(s.get("mimamori.site")).isNotBlank();
    }

    @Test
    void missingConfigDirectoryIsAProblem() {
        HubSettings s = HubSettings.resolve(dir.resolve("nope"), null, null, Map.of(), Map.of());
        assertThat(s.problems()).singleElement().asString()
                .contains("nope").contains("config directory does not exist");
    }

    @Test
    void environmentNames() {
        assertThat(HubSettings.envName("mimamori.api.maxAlerts")).isEqualTo("MIMAMORI_API_MAXALERTS");
        assertThat(HubSettings.envName("camel.server.port")).isEqualTo("CAMEL_SERVER_PORT");
    }
}
