package io.mimamori.connector.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import io.mimamori.config.YamlTree;
import io.mimamori.spi.TenantSourceSettings;
import io.mimamori.tenant.TenantDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tenant's {@code sources: cloudwatch:} in {@code tenants.yaml}, read by the core and checked by this module. */
class CloudWatchTenantSettingsTest {
    @TempDir
    Path dir;

    @Test
    void isFoundThroughTheServiceLoader() {
        assertThat(ServiceLoader.load(TenantSourceSettings.class).stream().map(ServiceLoader.Provider::get))
                .singleElement().satisfies(s -> {
                    assertThat(s.section()).isEqualTo("cloudwatch");
                    assertThat(s.keys()).containsExactly("severityTag", "severityNamePattern", "defaultSeverity",
                            "insufficientDataSeverity");
                });
    }

    @Test
    void badValuesAreProblemsAtTheirLineWhenTheFileIsRead() throws Exception {
        Files.writeString(dir.resolve(TenantDirectory.FILE_NAME), """
                tenants:
                  - id: acme
                    attribution: { awsAccounts: ["123456789012"] }
                    sources:
                      cloudwatch:
                        severityTag: "prio<rity>"
                        severityNamePattern: '^(?<severity>P[1-5]-'
                        defaultSeverity: urgent
                        insufficientDataSeverity: P3
                  - id: globex
                    sources:
                      cloudwatch: { severityNamePattern: '^(P[1-5])-', insufficientData: ignore }
                """);

        assertThatThrownBy(() -> TenantDirectory.load(dir)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                        at(6, "sources.cloudwatch.severityTag of tenant 'acme': 'prio<rity>' is not an AWS tag key:"
                                + " 1-128 letters, digits, spaces and _ . : / = + - @"),
                        at(7, "sources.cloudwatch.severityNamePattern of tenant 'acme': severityNamePattern"
                                + " '^(?<severity>P[1-5]-' is not a valid regular expression: Unclosed group"),
                        at(8, "sources.cloudwatch.defaultSeverity of tenant 'acme': unknown severity 'urgent': use one"
                                + " of critical, major, minor, warning, info"),
                        at(9, "sources.cloudwatch.insufficientDataSeverity of tenant 'acme': unknown severity 'P3':"
                                + " use one of critical, major, minor, warning, info"),
                        at(12, "unknown key 'insufficientData' in sources.cloudwatch; known keys: severityTag,"
                                + " severityNamePattern, defaultSeverity, insufficientDataSeverity"),
                        at(12, "sources.cloudwatch.severityNamePattern of tenant 'globex': severityNamePattern"
                                + " '^(P[1-5])-' has no group named severity: write (?<severity>...) around the part"
                                + " that names it")));
    }

    @Test
    void theShippedExampleGivesValuesThisModuleAccepts() throws Exception {
        YamlTree.Node example = YamlTree.load(Path.of("../../config/tenants.yaml.example"));
        List<String> checked = new ArrayList<>();
        CloudWatchTenantSettings settings = new CloudWatchTenantSettings();
        for (YamlTree.Node tenant : example.get("tenants").items()) {
            YamlTree.Node section = tenant.get("sources") == null ? null : tenant.get("sources").get("cloudwatch");
            if (section == null) {
                continue;
            }
            for (Map.Entry<String, YamlTree.Node> e : section.entries().entrySet()) {
                assertThat(settings.keys()).contains(e.getKey());
                assertThat(settings.check(e.getKey(), e.getValue().text())).as(e.getKey()).isNull();
                checked.add(tenant.text("id") + "." + e.getKey());
            }
        }
        assertThat(checked).contains("acme.severityTag", "acme.severityNamePattern", "acme.defaultSeverity",
                "acme.insufficientDataSeverity", "globex-staging.defaultSeverity");
    }

    private String at(int line, String message) {
        return dir.resolve(TenantDirectory.FILE_NAME) + ":" + line + ": " + message;
    }
}
