package io.mimamori.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant's {@code secrets:} checked against what the hub's delivery routes send to: only routes
 * to a sink with a secret per tenant may be named, a tenant may not have a key both here and in the
 * route's own per-tenant parameter, and the sink may check the secret's form.
 */
class TenantSecretChecksTest {
    private static final String PD_KEY = "acme0r0ut1ngk3y00000000000000001";
    private static final Map<String, String> ENV = Map.of("ACME_PD_KEY", PD_KEY, "ACME_OG_KEY", "og-key-acme",
            "SHORT_PD_KEY", "only-20-characters!!");

    @TempDir
    Path dir;

    /** file (file-sink), pagerduty (pagerduty-sink; its route keys globex itself) and opsgenie. */
    private static DeliverySinks sinks() {
        return DeliverySinks.of(Set.of("file", "pagerduty", "opsgenie"), Map.of(
                "pagerduty", new DeliverySinks.KeyedSink("routing key", "tenantRoutingKeys", Set.of("globex"),
                        key -> key.length() == 32 ? null : "is " + key.length() + " characters long; a PagerDuty"
                                + " integration key has 32"),
                "opsgenie", new DeliverySinks.KeyedSink("API key", "tenantApiKeys", Set.of(), null)));
    }

    private TenantDirectory load(String yaml) throws Exception {
        Files.writeString(dir.resolve(TenantDirectory.FILE_NAME), yaml);
        return TenantDirectory.load(dir, "default", sinks(), ENV::get);
    }

    private List<String> problems(String yaml) throws Exception {
        Files.writeString(dir.resolve(TenantDirectory.FILE_NAME), yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> TenantDirectory.load(dir, "default", sinks(), ENV::get));
        assertThat(e).as("loading should fail").isNotNull();
        String prefix = dir.toAbsolutePath() + "/";
        return e.problems().stream().map(ConfigProblem::toString)
                .map(p -> p.startsWith(prefix) ? p.substring(prefix.length()) : p).toList();
    }

    @Test
    void secretsForKeyedSinksAreResolvedAndListedPerSink() throws Exception {
        TenantDirectory d = load("""
                tenants:
                  - id: acme
                    secrets:
                      pagerduty: env:ACME_PD_KEY
                      opsgenie: env:ACME_OG_KEY
                  - id: initech
                    routes:
                      - sinks: [file]
                  - id: globex
                """);
        assertThat(d.secret("acme", "pagerduty")).isEqualTo(PD_KEY);
        assertThat(d.tenantsWithSecret("pagerduty")).containsExactly("acme");
        assertThat(d.tenantsWithSecret("file")).isEmpty();
        assertThat(d.mayRoute("acme", "pagerduty")).as("no routes: every sink").isTrue();
        assertThat(d.mayRoute("initech", "pagerduty")).isFalse();
        assertThat(d.mayRoute("initech", "file")).isTrue();
        assertThat(d.receivesInput("acme")).as("claims nothing, and unclaimed inputs go to 'default'").isFalse();
        assertThat(d.receivesInput("default")).as("unknown: default sends unclaimed inputs here").isTrue();
    }

    @Test
    void aTenantThatClaimsNothingReceivesInputOnlyAsTheDefault() throws Exception {
        TenantDirectory d = load("""
                unknown: reject
                tenants:
                  - id: acme
                    attribution: {hostnames: ["*.acme.example"]}
                  - id: idle
                """);
        assertThat(d.receivesInput("acme")).isTrue();
        assertThat(d.receivesInput("idle")).isFalse();
        assertThat(d.receivesInput("default")).as("unclaimed inputs are rejected").isFalse();
        assertThat(d.receivesInput("nobody")).isFalse();
    }

    @Test
    void aSecretForASinkThatTakesNoneIsAProblemAtItsLine() throws Exception {
        assertThat(problems("""
                tenants:
                  - id: acme
                    secrets:
                      file: env:ACME_PD_KEY
                """)).containsExactly("tenants.yaml:4: secrets names sink 'file', whose delivery route sends to no sink"
                + " that takes a secret per tenant (such as pagerduty-sink or opsgenie-sink): remove this entry;"
                + " delivery routes of this hub that take one: opsgenie, pagerduty");
    }

    @Test
    void aTenantKeyedBothHereAndInTheRouteIsAmbiguous() throws Exception {
        assertThat(problems("""
                tenants:
                  - id: globex
                    secrets:
                      opsgenie: env:ACME_OG_KEY
                      pagerduty: env:ACME_PD_KEY
                """)).containsExactly("tenants.yaml:5: tenant 'globex' has a routing key for sink 'pagerduty' both here"
                + " and in that delivery route's tenantRoutingKeys: keep only one, here or there");
    }

    @Test
    void theSinkChecksTheSecretsFormWithoutRepeatingIt() throws Exception {
        List<String> problems = problems("""
                tenants:
                  - id: acme
                    secrets:
                      pagerduty: env:SHORT_PD_KEY
                """);
        assertThat(problems).containsExactly("tenants.yaml:4: secret of sink pagerduty of tenant 'acme'"
                + " (env:SHORT_PD_KEY) is 20 characters long; a PagerDuty integration key has 32");
        assertThat(String.join("\n", problems)).doesNotContain(ENV.get("SHORT_PD_KEY"));
    }

    @Test
    void withSinkNamesOnlyAnySinkMayHoldASecret() throws Exception {
        Files.writeString(dir.resolve(TenantDirectory.FILE_NAME), """
                tenants:
                  - id: acme
                    secrets:
                      file: env:ACME_OG_KEY
                """);
        TenantDirectory d = TenantDirectory.load(dir, "default", Set.of("file", "pagerduty"), ENV::get);
        assertThat(d.secret("acme", "file")).isEqualTo("og-key-acme");
    }
}
