package io.mimamori.connector.opsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.config.ConfigProblem;
import io.mimamori.spi.Connector;
import io.mimamori.spi.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What {@code mimamori connectors} lists and {@code mimamori validate} reports for opsgenie-sink. */
class OpsgenieSinkConnectorTest {
    private static final String KEY = OpsgenieSinkTest.DEFAULT_KEY;
    private final Connector connector = ServiceLoader.load(Connector.class).stream().map(ServiceLoader.Provider::get)
            .filter(c -> c.name().equals("opsgenie-sink")).findFirst().orElseThrow();

    /** Parameters as the validator hands them over: given ones plus the kamelet's defaults. */
    private List<String> problems(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        connector.parameters().stream().filter(p -> p.defaultValue() != null).forEach(p -> m.put(p.name(), p.defaultValue()));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return connector.checkUse(m).stream().map(ConfigProblem::message).toList();
    }

    @Test
    void isFoundAsASinkWithSecretKeysAndRegions() {
        assertThat(connector.kind()).isEqualTo(Connector.Kind.SINK);
        Map<String, ParameterSpec> p = connector.parameters().stream().collect(Collectors.toMap(ParameterSpec::name, s -> s));
        assertThat(p.get("apiKey").secret()).isTrue();
        assertThat(p.get("tenantApiKeys").secret()).isTrue();
        assertThat(p.get("region").allowed()).containsExactly("us", "eu");
        assertThat(p.get("region").check("ap")).isEqualTo("parameter 'region' is 'ap'; use one of us, eu");
    }

    @Test
    void aGoodUseHasNoProblems() {
        assertThat(problems("apiKey", "RAW(" + KEY + ")", "region", "eu", "responders", "team:NOC,user:a@example.com",
                "visibleTo", "team:DBA")).isEmpty();
        assertThat(problems("tenantApiKeys", "acme=" + KEY, "url", "http://127.0.0.1:8080")).isEmpty();
    }

    @Test
    void badUsesAreReportedWithoutRepeatingKeys() {
        assertThat(problems()).containsExactly(
                "no API key: set apiKey (all tenants) or tenantApiKeys (tenant=key pairs), or both");
        assertThat(problems("apiKey", KEY, "region", "ap")).containsExactly(
                "opsgenie-sink parameter 'region' is 'ap'; use us or eu");
        assertThat(problems("apiKey", KEY, "url", "https://api.opsgenie.com/v2/alerts")).containsExactly(
                "parameter 'url' is a base URL: give only scheme, host and port (e.g. https://api.opsgenie.com); the sink adds /v2/alerts");
        assertThat(problems("tenantApiKeys", "acme=" + KEY + "," + KEY)).containsExactly(
                "parameter 'tenantApiKeys', entry 2 has no '=': write tenant=secret pairs separated by commas");
        assertThat(problems("apiKey", KEY, "responders", "NOC")).containsExactly(
                "parameter 'responders', entry 1 'NOC' is not type:name with type one of escalation, schedule, team, user (e.g. team:NOC)");
        assertThat(problems("apiKey", KEY, "visibleTo", "escalation:x")).containsExactly(
                "parameter 'visibleTo', entry 1 'escalation:x' is not type:name with type one of team, user (e.g. team:NOC)");
        assertThat(problems("apiKey", "abc+def")).first().asString()
                .startsWith("parameter 'apiKey' contains '&', '+' or '%'").doesNotContain("abc+def");
    }
}
