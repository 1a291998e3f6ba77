package io.mimamori.connector.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.config.ConfigProblem;
import io.mimamori.spi.Connector;
import io.mimamori.spi.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What {@code mimamori connectors} lists and {@code mimamori validate} reports for pagerduty-sink. */
class PagerDutySinkConnectorTest {
    private static final String KEY = PagerDutySinkTest.DEFAULT_KEY;
    private final Connector connector = ServiceLoader.load(Connector.class).stream().map(ServiceLoader.Provider::get)
            .filter(c -> c.name().equals("pagerduty-sink")).findFirst().orElseThrow();

    /** Parameters as the validator hands them over: given ones plus the kamelet's defaults. */
    private Map<String, String> use(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        connector.parameters().stream().filter(p -> p.defaultValue() != null).forEach(p -> m.put(p.name(), p.defaultValue()));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private java.util.List<String> problems(String... kv) {
        return connector.checkUse(use(kv)).stream().map(ConfigProblem::message).toList();
    }

    @Test
    void isFoundAsASinkWithSecretKeys() {
        assertThat(connector.kind()).isEqualTo(Connector.Kind.SINK);
        Map<String, ParameterSpec> p = connector.parameters().stream().collect(Collectors.toMap(ParameterSpec::name, s -> s));
        assertThat(p.get("routingKey").secret()).isTrue();
        assertThat(p.get("tenantRoutingKeys").secret()).isTrue();
        assertThat(p.get("url").defaultValue()).isEqualTo("https://events.pagerduty.com/v2/enqueue");
        assertThat(p.get("ratePerMinute").defaultValue()).isEqualTo("120");
        assertThat(p.get("ratePerMinute").check("1")).isEqualTo("parameter 'ratePerMinute' is 1; it must be at least 2");
    }

    @Test
    void aGoodUseHasNoProblems() {
        assertThat(problems("routingKey", "RAW(" + KEY + ")", "tenantRoutingKeys", "acme=" + KEY + ",globex=" + KEY)).isEmpty();
        assertThat(problems("tenantRoutingKeys", "RAW(acme=" + KEY + ")")).isEmpty();
        assertThat(problems("routingKey", "{{env:PD_KEY}}")).as("left for start-up").isEmpty();
    }

    @Test
    void missingOrMalformedKeysAreReportedWithoutRepeatingThem() {
        assertThat(problems()).containsExactly(
                "no routing key: set routingKey (all tenants) or tenantRoutingKeys (tenant=key pairs), or both");
        assertThat(problems("routingKey", "tooShortKey123")).containsExactly(
                "parameter 'routingKey' is 14 characters long; a PagerDuty integration key has 32: copy the Integration Key"
                        + " of the service's Events API v2 integration");
        assertThat(problems("tenantRoutingKeys", "acme=" + KEY + ",globexSECRETSECRETSECRETSECRET12"))
                .containsExactly("parameter 'tenantRoutingKeys', entry 2 has no '=': write tenant=secret pairs separated by commas");
        assertThat(problems("tenantRoutingKeys", "acme=" + KEY + ",globex=SHORTSECRET"))
                .containsExactly("parameter 'tenantRoutingKeys': the key of tenant 'globex' is 11 characters long;"
                        + " a PagerDuty integration key has 32");
        assertThat(problems("tenantRoutingKeys", "acme=" + KEY + ",acme=" + KEY))
                .containsExactly("parameter 'tenantRoutingKeys' gives tenant 'acme' twice: keep one entry per tenant");
        for (String p : problems("routingKey", "tooShortKey123", "tenantRoutingKeys", "x=SHORTSECRET,globexSECRET")) {
            assertThat(p).doesNotContain("tooShortKey123").doesNotContain("SHORTSECRET").doesNotContain("globexSECRET");
        }
    }

    @Test
    void badUrlsAndUnquotedSpecialCharactersAreReported() {
        assertThat(problems("routingKey", KEY, "url", "events.pagerduty.com/v2/enqueue")).containsExactly(
                "parameter 'url' must be an http:// or https:// URL, not a relative one");
        assertThat(problems("routingKey", KEY, "clientUrl", "ftp://hub")).containsExactly(
                "parameter 'clientUrl' must be an http:// or https:// URL, not 'ftp:'");
        assertThat(problems("tenantRoutingKeys", "acme=" + KEY + "&x")).first().asString()
                .startsWith("parameter 'tenantRoutingKeys' contains '&', '+' or '%'");
    }
}
