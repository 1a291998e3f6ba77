package io.mimamori.tenant;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes a {@code tenants.yaml} into a directory and loads it as the hub would. */
final class TenantFiles {
    static final Set<String> SINKS = Set.of("file", "pagerduty", "opsgenie");

    private TenantFiles() {
    }

    static TenantDirectory load(Path dir, String yaml, Map<String, String> env) {
        write(dir, yaml);
        return TenantDirectory.load(dir, "default", SINKS, env::get);
    }

    static TenantDirectory load(Path dir, String yaml) {
        return load(dir, yaml, Map.of());
    }

    /** The problems loading {@code yaml} reports, as {@code tenants.yaml:LINE: message}. */
    static List<String> problems(Path dir, String yaml, Map<String, String> env) {
        write(dir, yaml);
        ConfigException[] thrown = new ConfigException[1];
        assertThatThrownBy(() -> TenantDirectory.load(dir, "default", SINKS, env::get))
                .isInstanceOfSatisfying(ConfigException.class, e -> thrown[0] = e);
        String prefix = dir.toAbsolutePath() + "/";
        return thrown[0].problems().stream().map(ConfigProblem::toString)
                .map(p -> p.startsWith(prefix) ? p.substring(prefix.length()) : p).toList();
    }

    static List<String> problems(Path dir, String yaml) {
        return problems(dir, yaml, Map.of());
    }

    private static void write(Path dir, String yaml) {
        try {
            Files.writeString(dir.resolve(TenantDirectory.FILE_NAME), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
