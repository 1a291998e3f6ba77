package io.mimamori.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.config.ConfigProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code mimamori validate} reports, checked against file, line and wording. */
class ConfigValidatorTest {
    @TempDir
    Path dir;
    Path config;
    Path routes;

    @BeforeEach
    void deployment() throws IOException {
        config = Files.createDirectories(dir.resolve("config"));
        routes = Files.createDirectories(dir.resolve("routes"));
        Path rules = Files.createDirectories(config.resolve("rules/syslog"));
        Files.writeString(rules.resolve("r.yaml"), """
                rules:
                  - id: disk
                    match: { message: 'I/O error, dev (?<dev>\\w+)' }
                    alert: { layer: hardware, dedupKey: 'disk/${host}/${dev}' }
                """);
        Files.writeString(config.resolve("application.properties"), "mimamori.syslog.port=5514\n");
    }

    private List<ConfigProblem> validate(Map<String, String> set) {
        HubSettings s = HubSettings.resolve(config, routes, dir.resolve("data"), set, Map.of());
        return new ConfigValidator(s, ConnectorCatalog.load(), Map.of()).validate();
    }

    private void route(String name, String yaml) throws IOException {
        Files.writeString(routes.resolve(name), yaml);
    }

    private static final String GOOD = """
            - route:
                id: syslog
                from:
                  uri: kamelet:syslog-source
                  parameters:
                    udpPort: "{{mimamori.syslog.port}}"
                    tcpPort: 5514
                  steps:
                    - to: direct:ingest
            """;

    @Test
    void shippedStyleDeploymentIsValid() throws IOException {
        route("syslog.yaml", GOOD);
        assertThat(validate(Map.of())).isEmpty();
    }

    @Test
    void repositoryDefaultDeploymentIsValid() {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        HubSettings s = HubSettings.resolve(repo.resolve("config"), repo.resolve("routes"), dir, Map.of(), Map.of());
        assertThat(new ConfigValidator(s, ConnectorCatalog.load(), Map.of()).validate()).isEmpty();
    }

    @Test
    void badPropertyValuesNameTheirLine() throws IOException {
        route("syslog.yaml", GOOD);
        Files.writeString(config.resolve("application.properties"),
                "mimamori.syslog.port=5514\n# comment\ncamel.server.port=http\nmimamori.log.format=xml\nmimamori.sink.fsnyc=true\n");
        assertThat(validate(Map.of())).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                config.resolve("application.properties") + ":3: camel.server.port must be a whole number, not 'http'",
                config.resolve("application.properties") + ":4: mimamori.log.format is 'xml'; use one of text, json",
                config.resolve("application.properties") + ":5: unknown property mimamori.sink.fsnyc: no route file "
                        + "uses it and Mimamori has no such setting; check the spelling");
    }

    @Test
    void lifecycleSettingsAreCheckedAndPerRouteKeysAccepted() throws IOException {
        route("syslog.yaml", GOOD);
        Path props = config.resolve("application.properties");
        Files.writeString(props, "mimamori.syslog.port=5514\nmimamori.lifecycle.silentAfter.syslog=30m\nmimamori.lifecycle.renotifyEvery.snmp=4h\n");
        assertThat(validate(Map.of())).isEmpty();
        Files.writeString(props, "mimamori.syslog.port=5514\nmimamori.lifecycle.flap.changes=1\n");
        assertThat(validate(Map.of())).extracting(ConfigProblem::toString).containsExactly(
                props + ":2: mimamori.lifecycle.flap.changes must be 0 (off) or at least 2, got 1");
        Files.writeString(props, "mimamori.syslog.port=5514\nmimamori.lifecycle.silentAfter.syslog=soon\n");
        assertThat(validate(Map.of())).extracting(ConfigProblem::toString).containsExactly(
                props + ":2: mimamori.lifecycle.silentAfter.syslog is 'soon'; use a duration such as 30s, 5m, 4h or 0");
    }

    @Test
    void tenantsAndMaintenanceFilesAreCheckedAgainstTheDeliveryRoutes() throws IOException {
        route("syslog.yaml", GOOD);
        route("deliver.yaml", """
                - route:
                    from:
                      uri: mimamori-outbox:pagerduty
                      steps:
                        - to: log:x
                """);
        Files.writeString(config.resolve("tenants.yaml"), """
                tenants:
                  - id: acme
                    routes:
                      - sinks: [pagerdutty]
                """);
        Files.createDirectories(config.resolve("maintenance"));
        Files.writeString(config.resolve("maintenance/patch.yaml"), """
                windows:
                  - id: w1
                    tenant: acme
                    reason: patching
                    schedule: {start: 2026-03-01 01:00, end: 2026-03-01 02:00}
                """);
        assertThat(validate(Map.of())).extracting(ConfigProblem::toString).singleElement().asString()
                .startsWith(config.resolve("tenants.yaml") + ":4: ").contains("pagerdutty").contains("pagerduty");
        Files.writeString(config.resolve("tenants.yaml"), """
                tenants:
                  - id: acme
                    routes:
                      - sinks: [pagerduty]
                """);
        Files.writeString(config.resolve("maintenance/patch.yaml"), """
                windows:
                  - id: w1
                    tenant: acne
                    reason: patching
                    schedule: {start: 2026-03-01 01:00, end: 2026-03-01 02:00}
                """);
        assertThat(validate(Map.of())).extracting(ConfigProblem::toString).singleElement().asString()
                .startsWith(config.resolve("maintenance/patch.yaml") + ":3: ").contains("acne").contains("acme");
    }

    /** A PagerDuty delivery route without keys of its own, and an archive route that takes no keys. */
    private static final String PAGERDUTY_AND_ARCHIVE = """
            - route:
                from:
                  uri: mimamori-outbox:pagerduty
                  steps:
                    - to:
                        uri: kamelet:pagerduty-sink
                        parameters:
                          tenantRoutingKeys: "RAW({{mimamori.pagerduty.tenantRoutingKeys:}})"
            - route:
                from:
                  uri: mimamori-outbox:archive
                  steps:
                    - to: log:archive
            """;
    private static final String PD_KEY = "acmef1leR0ut1ngK3y00000000000042";

    private void tenants(String yaml) throws IOException {
        Files.writeString(config.resolve("acme-pd.key"), PD_KEY + "\n");
        Files.writeString(config.resolve("tenants.yaml"), yaml);
    }

    private ConfigValidator validator(Map<String, String> set) {
        return new ConfigValidator(HubSettings.resolve(config, routes, dir.resolve("data"), set, Map.of()),
                ConnectorCatalog.load(), Map.of());
    }

    @Test
    void aPagerDutyRouteNeedsAKeyFromItsParametersOrFromTenantsYamlForItsSink() throws IOException {
        route("syslog.yaml", GOOD);
        route("deliver.yaml", PAGERDUTY_AND_ARCHIVE);
        assertThat(validate(Map.of())).extracting(ConfigProblem::toString).containsExactly(routes.resolve("deliver.yaml")
                + ":6: no routing key for sink 'pagerduty': set routingKey (all tenants) or tenantRoutingKeys"
                + " (tenant=key pairs), or give tenants their own under secrets: in tenants.yaml (pagerduty: env:NAME)");

        tenants("""
                unknown: reject
                tenants:
                  - id: acme
                    attribution: {hostnames: ["*.acme.example"]}
                    secrets:
                      pagerduty: file:acme-pd.key
                  - id: globex
                    attribution: {hostnames: ["*.globex.example"]}
                    routes:
                      - sinks: [archive]
                """);
        ConfigValidator v = validator(Map.of());
        assertThat(v.validate()).isEmpty();
        assertThat(v.warnings()).as("globex never reaches pagerduty; the implicit default tenant gets no input").isEmpty();
    }

    @Test
    void aTenantThatMayReachAPagerDutyRouteWithoutAnyKeyIsAWarning() throws IOException {
        route("syslog.yaml", GOOD);
        route("deliver.yaml", PAGERDUTY_AND_ARCHIVE);
        tenants("""
                tenants:
                  - id: acme
                    attribution: {hostnames: ["*.acme.example"]}
                    secrets:
                      pagerduty: file:acme-pd.key
                  - id: initech
                    attribution: {hostnames: ["*.initech.example"]}
                """);
        ConfigValidator v = validator(Map.of("mimamori.pagerduty.tenantRoutingKeys", "initech=" + PD_KEY));
        assertThat(v.validate()).isEmpty();
        assertThat(v.warnings()).extracting(ConfigProblem::toString).containsExactly(routes.resolve("deliver.yaml")
                + ":6: tenant default may be routed to sink 'pagerduty' but has no routing key for it (none under"
                + " secrets: in tenants.yaml, none in tenantRoutingKeys, no routingKey): such alerts become dead letters;"
                + " give it a routing key, set routingKey, or route it elsewhere in tenants.yaml");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Mimamori.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("validate", "--config", config.toString(), "--routes", routes.toString(),
                "--set", "mimamori.pagerduty.tenantRoutingKeys=initech=" + PD_KEY);
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).startsWith(routes.resolve("deliver.yaml") + ":6: warning: tenant default may be routed")
                .doesNotContain(PD_KEY);
        assertThat(out.toString()).contains("are valid (1 warning(s))");
    }

    @Test
    void tenantsYamlSecretsNameOnlyKeyedSinksAndNeverATenantTheRouteAlsoKeys() throws IOException {
        route("syslog.yaml", GOOD);
        route("deliver.yaml", PAGERDUTY_AND_ARCHIVE);
        tenants("""
                tenants:
                  - id: acme
                    secrets:
                      pagerduty: file:acme-pd.key
                      archive: file:acme-pd.key
                      slack: file:acme-pd.key
                """);
        Path file = config.resolve("tenants.yaml");
        List<String> problems = validate(Map.of("mimamori.pagerduty.tenantRoutingKeys", "acme=" + PD_KEY))
                .stream().map(ConfigProblem::toString).toList();
        assertThat(problems).containsExactly(
                file + ":4: tenant 'acme' has a routing key for sink 'pagerduty' both here and in that delivery route's"
                        + " tenantRoutingKeys: keep only one, here or there",
                file + ":5: secrets names sink 'archive', whose delivery route sends to no sink that takes a secret per"
                        + " tenant (such as pagerduty-sink or opsgenie-sink): remove this entry; delivery routes of this"
                        + " hub that take one: pagerduty",
                file + ":6: secrets names sink 'slack', which no delivery route defines; sinks of this hub: archive,"
                        + " pagerduty");
        assertThat(String.join("\n", problems)).doesNotContain(PD_KEY);
    }

    @Test
    void aDeliveryRouteWhoseTenantsHaveKeysSendsToOneSinkWithKeysOnly() throws IOException {
        route("syslog.yaml", GOOD);
        route("deliver.yaml", """
                - route:
                    from:
                      uri: mimamori-outbox:paging
                      steps:
                        - to:
                            uri: kamelet:pagerduty-sink
                        - to:
                            uri: kamelet:opsgenie-sink
                """);
        tenants("""
                tenants:
                  - id: acme
                    secrets:
                      paging: file:acme-pd.key
                """);
        assertThat(validate(Map.of())).extracting(ConfigProblem::toString).containsExactly(routes.resolve("deliver.yaml")
                + ":8: delivery route 'paging' already sends to pagerduty-sink (line 6), and tenants.yaml gives secrets"
                + " per delivery route: send to opsgenie-sink from a mimamori-outbox route of its own");
    }

    @Test
    void aPagerDutyKeyInTenantsYamlMustHave32Characters() throws IOException {
        route("syslog.yaml", GOOD);
        route("deliver.yaml", PAGERDUTY_AND_ARCHIVE);
        Files.writeString(config.resolve("short.key"), "tooShortKey123");
        tenants("""
                tenants:
                  - id: acme
                    secrets:
                      pagerduty: file:short.key
                """);
        assertThat(validate(Map.of())).as("the route's missing key is not judged while tenants.yaml has problems")
                .extracting(ConfigProblem::toString).containsExactly(
                config.resolve("tenants.yaml") + ":4: secret of sink pagerduty of tenant 'acme' (file:short.key) is 14"
                        + " characters long; a PagerDuty integration key has 32: copy the Integration Key of the service's"
                        + " Events API v2 integration");
    }

    @Test
    void aTenantsSourceSettingsAreCheckedByTheInstalledConnectorWithTheirLine() throws IOException {
        route("syslog.yaml", GOOD);
        Path tenants = config.resolve("tenants.yaml");
        Files.writeString(tenants, """
                tenants:
                  - id: acme
                    attribution: { awsAccounts: ["123456789012"] }
                    sources:
                      cloudwatch:
                        severityNamePattern: '^(?<severity>P[1-5]-'
                        defaultSeverity: urgent
                      syslog: { defaultSeverity: minor }
                """);

        assertThat(validate(Map.of())).extracting(ConfigProblem::toString).containsExactly(
                tenants + ":6: sources.cloudwatch.severityNamePattern of tenant 'acme': severityNamePattern"
                        + " '^(?<severity>P[1-5]-' is not a valid regular expression: Unclosed group",
                tenants + ":7: sources.cloudwatch.defaultSeverity of tenant 'acme': unknown severity 'urgent': use"
                        + " one of critical, major, minor, warning, info",
                tenants + ":8: unknown key 'syslog' in the sources of tenant 'acme'; known keys: cloudwatch");

        Files.writeString(tenants, """
                tenants:
                  - id: acme
                    sources:
                      cloudwatch: { severityNamePattern: '^(?<severity>P[1-5])-', defaultSeverity: minor }
                """);
        assertThat(validate(Map.of())).isEmpty();
    }

    @Test
    void routeSyntaxErrorNamesFileAndLine() throws IOException {
        Files.writeString(config.resolve("application.properties"), "");
        route("broken.yaml", "- route:\n    from:\n      uri: [unclosed\n");
        assertThat(validate(Map.of())).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("broken.yaml");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).startsWith("not valid YAML");
        });
    }

    @Test
    void unknownConnectorParameterAndBadValue() throws IOException {
        route("syslog.yaml", """
                - route:
                    from:
                      uri: kamelet:syslog-sourse
                      steps:
                        - to: direct:ingest
                - route:
                    from:
                      uri: kamelet:syslog-source
                      parameters:
                        udpPort: 70000
                        tcpPrt: 5514
                        alertSeverityThreshold: loud
                      steps:
                        - to: direct:ingest
                """);
        assertThat(validate(Map.of())).extracting(ConfigProblem::line, ConfigProblem::message)
                .anySatisfy(p -> {
                    assertThat(p.toList().get(0)).isEqualTo(3);
                    assertThat(p.toList().get(1).toString())
                            .startsWith("no connector named 'syslog-sourse' is installed; installed: ")
                            .contains("syslog-source")
                            .endsWith("(a connector jar belongs in the distribution's lib/)");
                })
                .anySatisfy(p -> assertThat(p.toList()).containsExactly(10,
                        "parameter 'udpPort' is 70000; it must be at most 65535"))
                .anySatisfy(p -> assertThat(p.toList().get(1).toString())
                        .startsWith("syslog-source has no parameter 'tcpPrt'; its parameters: name, bindHost, udpPort"))
                .anySatisfy(p -> assertThat(p.toList()).containsExactly(12,
                        "parameter 'alertSeverityThreshold' is 'loud'; use one of none, emerg, alert, crit, err, "
                                + "warning, notice, info, debug"));
    }

    @Test
    void deliveryRouteOptionsNamesAndFallbacksAreChecked() throws IOException {
        route("deliver.yaml", """
                - route:
                    from:
                      uri: mimamori-outbox:pd
                      parameters:
                        retryMax: soon
                        concurency: 4
                      steps:
                        - to: direct:x
                - route:
                    from:
                      uri: mimamori-outbox:pd
                      parameters:
                        minSeverity: urgent
                        fallback: mail
                      steps:
                        - to: direct:y
                """);
        assertThat(validate(Map.of())).extracting(ConfigProblem::line, ConfigProblem::message)
                .anySatisfy(p -> assertThat(p.toList().get(1).toString())
                        .startsWith("mimamori-outbox has no option 'concurency'; its options: ")
                        .contains("concurrency"))
                .anySatisfy(p -> assertThat(p.toList()).containsExactly(11,
                        "sink name 'pd' is already used by the delivery route at " + routes.resolve("deliver.yaml")
                                + ":3; give each mimamori-outbox route its own name"))
                .anySatisfy(p -> assertThat(p.toList()).containsExactly(11,
                        "unknown severity 'urgent': use one of critical, major, minor, warning, info"))
                .anySatisfy(p -> assertThat(p.toList().get(1).toString())
                        .startsWith("fallback sink 'mail' has no delivery route;"));
    }

    @Test
    void aBadDurationInADeliveryRouteNamesTheOption() throws IOException {
        route("deliver.yaml", """
                - route:
                    from:
                      uri: mimamori-outbox:pd
                      parameters:
                        retryMax: soon
                      steps:
                        - to: direct:x
                """);
        assertThat(validate(Map.of())).extracting(ConfigProblem::line, ConfigProblem::message)
                .anySatisfy(p -> assertThat(p.toList()).containsExactly(3,
                        "mimamori-outbox option retryMax='soon' is not a duration: use e.g. 30s, 5m, 1h"));
    }

    @Test
    void misplacedRouteKeyIsCaughtByTheCamelDslWithItsLine() throws IOException {
        route("syslog.yaml", """
                - route:
                    id: syslog
                    from:
                      uri: kamelet:syslog-source
                      parameters:
                        udpPort: "{{mimamori.syslog.port}}"
                    steps:
                      - to: direct:ingest
                """);
        assertThat(validate(Map.of())).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("syslog.yaml");
            assertThat(p.line()).isPositive();
            assertThat(p.message()).startsWith("not a valid Camel route: Unsupported field: steps");
        });
    }

    @Test
    void unsetPropertyPlaceholderIsNamed() throws IOException {
        route("syslog.yaml", GOOD.replace("mimamori.syslog.port", "mimamori.syslog.udp"));
        assertThat(validate(Map.of())).extracting(ConfigProblem::message).contains(
                "property 'mimamori.syslog.udp' is not set: add it to application.properties or set MIMAMORI_SYSLOG_UDP");
    }

    @Test
    void sourceWithoutListenerAndTlsWithoutFiles() throws IOException {
        route("syslog.yaml", """
                - route:
                    from:
                      uri: kamelet:syslog-source
                      steps:
                        - to: direct:ingest
                - route:
                    from:
                      uri: kamelet:syslog-source?name=tls&tlsPort=6514
                      steps:
                        - to: direct:ingest
                """);
        assertThat(validate(Map.of("mimamori.syslog.port", "1"))).extracting(ConfigProblem::message)
                .contains("no listener: give at least one of udpPort, tcpPort, tlsPort",
                        "tlsPort is set but tlsCertFile is not: give the PEM file");
    }

    @Test
    void invalidRuleFileIsReportedThroughTheConnector() throws IOException {
        route("syslog.yaml", GOOD);
        Files.writeString(config.resolve("rules/syslog/bad.yaml"), """
                rules:
                  - id: broken
                    match: { message: 'unclosed (group' }
                    alert: { layer: os }
                """);
        assertThat(validate(Map.of())).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("bad.yaml");
            assertThat(p.line()).isEqualTo(3);
        });
    }

    @Test
    void emptyRoutesDirectoryIsAProblem() {
        assertThat(validate(Map.of())).extracting(ConfigProblem::message)
                .anyMatch(m -> m.startsWith("no route files (*.yaml)"));
    }
}
