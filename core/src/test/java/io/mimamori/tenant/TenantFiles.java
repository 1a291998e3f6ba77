package io.mimamori.tenant;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mimamori.alert.Severity;
import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import io.mimamori.spi.TenantSourceSettings;
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

    /**
     * A connector's {@code sources:} section as the core sees one: named like the CloudWatch
     * module's, which the shipped example fills in, with keys and a check of its own (the module's
     * own tests check what its keys accept).
     */
    static final TenantSourceSettings CLOUDWATCH_LIKE = new TenantSourceSettings() {
        @Override
        public String section() {
            return "cloudwatch";
        }

        @Override
        public List<String> keys() {
            return List.of("severityTag", "severityNamePattern", "defaultSeverity", "insufficientDataSeverity");
        }

        @Override
        public String check(String key, String value) {
            if (!key.endsWith("Severity")) {
                return null;
            }
            try {
                Severity.parse(value);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
    };

    private TenantFiles() {
    }

    static TenantDirectory load(Path dir, String yaml, Map<String, String> env) {
        write(dir, yaml);
        return TenantDirectory.load(dir, "default", DeliverySinks.named(SINKS), env::get, List.of(CLOUDWATCH_LIKE));
    }

    static TenantDirectory load(Path dir, String yaml) {
        return load(dir, yaml, Map.of());
    }

    /** The problems loading {@code yaml} reports, as {@code tenants.yaml:LINE: message}. */
    static List<String> problems(Path dir, String yaml, Map<String, String> env) {
        write(dir, yaml);
        ConfigException[] thrown = new ConfigException[1];
        assertThatThrownBy(() -> TenantDirectory.load(dir, "default", DeliverySinks.named(SINKS), env::get, List.of(CLOUDWATCH_LIKE)))
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
