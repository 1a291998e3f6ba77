package io.mimamori.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import io.mimamori.tenant.TenantResolver.Resolution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantDirectoryLoadTest {
    /** The shipped example, relative to the core module, where Maven runs the tests. */
    private static final Path EXAMPLE = Path.of("../config/tenants.yaml.example");
    private static final Map<String, String> EXAMPLE_ENV = Map.of(
            "ACME_SNMP_COMMUNITIES", "acme-ro, acme-traps",
            "ACME_PAGERDUTY_ROUTING_KEY", "R0UTING-KEY-acme-0123456789abcdef",
            "ACME_OPSGENIE_API_KEY", "0PSGENIE-KEY-acme-fedcba9876543210");

    @TempDir
    Path dir;

    private TenantDirectory example() throws Exception {
        return TenantFiles.load(dir, Files.readString(EXAMPLE), EXAMPLE_ENV);
    }

    @Test
    void readsTheShippedMultiTenantExample() throws Exception {
        TenantDirectory d = example();

        assertThat(d.all()).extracting(Tenant::id).containsExactly("msp-noc", "acme", "globex-staging");
        assertThat(d.defaultTenant()).isEqualTo("msp-noc");
        assertThat(d.unknown()).isEqualTo(TenantDirectory.Unknown.DEFAULT);

        Tenant acme = d.get("acme");
        assertThat(acme.name()).isEqualTo("ACME Corporation");
        assertThat(acme.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(acme.environment()).isEqualTo("production");
        assertThat(acme.attribution().cidrs()).containsExactly("10.20.0.0/16", "192.0.2.0/24", "2001:db8:ac::/48");
        assertThat(acme.attribution().hostnames()).containsExactly("*.acme.example", "db1.acme-corp.example");
        assertThat(acme.attribution().snmpCommunities()).containsExactly("env:ACME_SNMP_COMMUNITIES");
        assertThat(acme.attribution().awsAccounts()).containsExactly("111122223333");
        assertThat(acme.secretSinks()).containsExactly("opsgenie", "pagerduty");
        assertThat(acme.routes()).hasSize(4);
        SinkRoute pager = acme.routes().get(1);
        assertThat(pager.sinks()).containsExactly("pagerduty");
        assertThat(pager.minSeverity()).isEqualTo(Severity.MAJOR);
        assertThat(pager.layers()).containsExactly(Layer.HARDWARE, Layer.NETWORK, Layer.OS);
        assertThat(acme.routes().get(0).continueMatching()).isTrue();

        assertThat(d.get("globex-staging").environment()).isEqualTo("staging");
        assertThat(d.get("msp-noc").attribution().cidrs()).isEmpty();
    }

    @Test
    void exampleGivesPerTenantSourceSettingsToTheirConnector() throws Exception {
        TenantDirectory d = example();

        assertThat(d.sourceSettings("acme", "cloudwatch")).containsExactly(
                Map.entry("severityTag", "Priority"), Map.entry("severityNamePattern", "^(?<severity>P[1-5])[-_ ]"),
                Map.entry("defaultSeverity", "minor"), Map.entry("insufficientDataSeverity", "info"));
        assertThat(d.sourceSettings("globex-staging", "cloudwatch")).containsExactly(Map.entry("defaultSeverity", "warning"));
        assertThat(d.sourceSettings("msp-noc", "cloudwatch")).isEmpty();
        assertThat(d.sourceSettings("acme", "syslog")).isEmpty();
        assertThat(d.sourceSettings("nobody", "cloudwatch")).isEmpty();
        assertThat(d.sourceSettings(null, "cloudwatch")).isEmpty();
        assertThat(TenantResolver.fixed("acme").sourceSettings("acme", "cloudwatch")).isEmpty();
    }

    @Test
    void anEmptyQuotedValueIsKeptToSwitchARouteSettingOff() {
        TenantDirectory d = TenantFiles.load(dir, """
                tenants:
                  - id: acme
                    sources:
                      cloudwatch:
                        severityTag: ''
                        defaultSeverity: critical
                  - id: globex
                    sources:
                      cloudwatch:
                  - id: initech
                    sources:
                """);

        assertThat(d.sourceSettings("acme", "cloudwatch")).containsExactly(Map.entry("severityTag", ""),
                Map.entry("defaultSeverity", "critical"));
        assertThat(d.get("globex").sources()).isEmpty();
        assertThat(d.get("initech").sources()).isEmpty();
    }

    @Test
    void exampleAttributesEveryKindOfClaim() throws Exception {
        TenantDirectory d = example();
        assertThat(d.resolve(TenantClaims.ofAddress("10.20.1.5", null))).isEqualTo(new Resolution("acme", true));
        assertThat(d.resolve(TenantClaims.ofAddress("10.20.30.5", null)))
                .isEqualTo(new Resolution("globex-staging", true));
        assertThat(d.resolve(TenantClaims.ofAddress("2001:db8:ac:ff12::1", null)).tenant()).isEqualTo("globex-staging");
        assertThat(d.resolve(TenantClaims.ofAddress("2001:db8:ac:1::1", null)).tenant()).isEqualTo("acme");
        assertThat(d.resolve(TenantClaims.ofAddress(null, "web3.ACME.example.")).tenant()).isEqualTo("acme");
        assertThat(d.resolve(TenantClaims.ofSnmp("198.51.100.1", "acme-traps", null)).tenant()).isEqualTo("acme");
        assertThat(d.resolve(TenantClaims.ofSnmp("198.51.100.1", null, "acme-noc")).tenant()).isEqualTo("acme");
        assertThat(d.resolve(TenantClaims.ofAws("444455556666", null)).tenant()).isEqualTo("globex-staging");
        assertThat(d.resolve(TenantClaims.ofAws(null, "acme-alarms")).tenant()).isEqualTo("acme");
        assertThat(d.resolve(TenantClaims.ofAddress("203.0.113.9", "unknown.example")))
                .isEqualTo(new Resolution("msp-noc", false));
    }

    @Test
    void apiViewAndToStringHoldNoSecret() throws Exception {
        TenantDirectory d = example();
        String json = new ObjectMapper().writeValueAsString(d.all());
        String text = d.toString() + d.all();

        for (String secret : List.of("R0UTING-KEY-acme", "0PSGENIE-KEY-acme", "acme-ro", "acme-traps")) {
            assertThat(json).doesNotContain(secret);
            assertThat(text).doesNotContain(secret);
        }
        assertThat(json).contains("\"id\":\"acme\"", "\"timezone\":\"Asia/Tokyo\"",
                "\"secretSinks\":[\"opsgenie\",\"pagerduty\"]", "\"snmpCommunities\":[\"env:ACME_SNMP_COMMUNITIES\"]",
                "\"minSeverity\":\"major\"", "\"continue\":true", "\"events\":[\"disk-*\"]",
                "\"url\":\"https://wiki.acme.example/runbooks/storage/${event}?host=${host}\"",
                "\"sources\":{\"cloudwatch\":{\"severityTag\":\"Priority\"");
        assertThat(new ObjectMapper().writeValueAsString(d.get("msp-noc"))).doesNotContain("sources");
        assertThat(d.secret("acme", "pagerduty")).isEqualTo("R0UTING-KEY-acme-0123456789abcdef");
    }

    @Test
    void withoutTheFileTheHubIsSingleTenant() {
        TenantDirectory d = TenantDirectory.load(dir, "tokyo-ops", TenantFiles.SINKS);

        assertThat(d.resolve(TenantClaims.ofAddress("10.0.0.1", "web1"))).isEqualTo(new Resolution("tokyo-ops", false));
        assertThat(d.all()).extracting(Tenant::id).containsExactly("tokyo-ops");
        assertThat(d.get("tokyo-ops").timezone()).isEqualTo("UTC");
        assertThat(d.toString()).isEqualTo("TenantDirectory[single tenant, default tokyo-ops, unknown default]");
    }

    @Test
    void defaultTenantFromTheHubWhenTheFileNamesNone() {
        TenantDirectory d = TenantFiles.load(dir, """
                tenants:
                  - id: acme
                    attribution: {cidrs: [10.0.0.0/8]}
                """);
        assertThat(d.resolve(TenantClaims.ofAddress("192.0.2.1", null))).isEqualTo(new Resolution("default", false));
        assertThat(d.all()).extracting(Tenant::id).containsExactly("acme", "default");
    }

    @Test
    void sinkNamesAreCheckedOnlyWhenTheCallerKnowsThem() throws Exception {
        Files.writeString(dir.resolve(TenantDirectory.FILE_NAME), """
                tenants:
                  - id: acme
                    routes:
                      - sinks: [servicenow]
                """);
        assertThat(TenantDirectory.load(dir).get("acme").routes().get(0).sinks()).containsExactly("servicenow");
        assertThat(TenantFiles.problems(dir, Files.readString(dir.resolve(TenantDirectory.FILE_NAME))))
                .containsExactly("tenants.yaml:4: route names sink 'servicenow', which no delivery route defines;"
                        + " sinks of this hub: file, opsgenie, pagerduty");
    }

    @Test
    void rejectDropsWhatNoTenantClaims() {
        TenantDirectory d = TenantFiles.load(dir, """
                unknown: reject
                tenants:
                  - id: acme
                    attribution: {cidrs: [10.0.0.0/8]}
                """);
        Resolution r = d.resolve(TenantClaims.ofAddress("192.0.2.1", "web1.example"));
        assertThat(r.rejected()).isTrue();
        assertThat(r.matched()).isFalse();
        assertThat(d.resolve(TenantClaims.ofAddress("10.1.2.3", null))).isEqualTo(new Resolution("acme", true));
        assertThat(d.resolve(TenantClaims.ofAddress("not-an-address", null)).rejected()).isTrue();
    }

    @Test
    void secretsComeFromEnvironmentAndFiles() throws Exception {
        Files.writeString(dir.resolve("globex-og.key"), "og-key-from-file\n");
        TenantDirectory d = TenantFiles.load(dir, """
                tenants:
                  - id: globex
                    secrets:
                      pagerduty: env:GLOBEX_PD
                      opsgenie: file:globex-og.key
                """, Map.of("GLOBEX_PD", " pd-key-from-env "));

        assertThat(d.secret("globex", "pagerduty")).isEqualTo("pd-key-from-env");
        assertThat(d.secret("globex", "opsgenie")).isEqualTo("og-key-from-file");
        assertThat(d.secret("globex", "file")).isNull();
        assertThat(d.secret("nobody", "pagerduty")).isNull();
        assertThat(d.get("globex").toString()).doesNotContain("key-from");
    }
}
