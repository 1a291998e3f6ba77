package io.mimamori.connector.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.config.ConfigProblem;
import io.mimamori.spi.Connector;
import io.mimamori.spi.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What {@code mimamori connectors} lists and {@code mimamori validate} reports for webhook-sink. */
class WebhookSinkConnectorTest {
    private final Connector connector = ServiceLoader.load(Connector.class).stream().map(ServiceLoader.Provider::get)
            .filter(c -> c.name().equals("webhook-sink")).findFirst().orElseThrow();

    private static Map<String, String> use(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void isFoundAsASinkWithItsKameletParameters() {
        assertThat(connector.kind()).isEqualTo(Connector.Kind.SINK);
        assertThat(connector.description()).startsWith("POSTs each alert");
        Map<String, ParameterSpec> p = connector.parameters().stream()
                .collect(Collectors.toMap(ParameterSpec::name, s -> s));
        assertThat(p.get("url").required()).isTrue();
        assertThat(p.get("hmacSecret").secret()).isTrue();
        assertThat(p.get("secretHeaders").secret()).isTrue();
        assertThat(p.get("headers").secret()).isFalse();
        assertThat(p.get("format").allowed()).containsExactly("alert", "cloudevents");
        assertThat(p.get("format").check("xml")).isEqualTo("parameter 'format' is 'xml'; use one of alert, cloudevents");
    }

    @Test
    void aGoodUseHasNoProblems() {
        assertThat(connector.checkUse(use("url", "https://hooks.example.com/noc", "headers", "X-Team=noc",
                "secretHeaders", "Authorization=Bearer x", "format", "cloudevents", "cloudEventsSource", "/mimamori/tokyo-1",
                "signatureHeader", "X-Mimamori-Signature"))).isEmpty();
    }

    @Test
    void placeholdersLeftForStartUpAreNotCheckedHere() {
        assertThat(connector.checkUse(use("url", "{{env:HOOK_URL}}"))).isEmpty();
    }

    @Test
    void valuesCamelWouldReadAsUriSyntaxMustBeRaw() {
        assertThat(connector.checkUse(use("url", "https://hooks.example.com/x?a=1&b=2", "hmacSecret", "s3+cr&t")))
                .extracting(ConfigProblem::message)
                .containsExactly(
                        "parameter 'url' contains '&', '+' or '%', which Camel would read as URI syntax and change:"
                                + " write it as RAW(...), e.g. url: \"RAW({{your.property}})\"",
                        "parameter 'hmacSecret' contains '&', '+' or '%', which Camel would read as URI syntax and change:"
                                + " write it as RAW(...), e.g. hmacSecret: \"RAW({{your.property}})\"");
        assertThat(connector.checkUse(use("url", "RAW(https://hooks.example.com/x?a=1&b=2)", "hmacSecret", "RAW(s3+cr&t)")))
                .isEmpty();
        assertThat(connector.checkUse(use("url", "RAW(ftp://x)"))).extracting(ConfigProblem::message)
                .containsExactly("parameter 'url' must be an http:// or https:// URL, not 'ftp:'");
    }

    @Test
    void badParametersAreReported() {
        assertThat(connector.checkUse(use("url", "hooks.example.com/noc", "headers", "X-Mimamori-Signature=forged",
                "secretHeaders", "Authorization", "cloudEventsSource", "/x y", "format", "alert")))
                .extracting(ConfigProblem::message)
                .containsExactly(
                        "parameter 'url' must be an http:// or https:// URL, not a relative one",
                        "parameter 'headers', entry 1: header X-Mimamori-Signature is set by the sink itself and cannot be given here",
                        "parameter 'secretHeaders', entry 1 is not Name=value: write e.g. X-Team=noc,X-Env=prod",
                        "parameter 'cloudEventsSource' is not a URI reference (Illegal character in path): use e.g. /mimamori/tokyo-dc1 or urn:mimamori:tokyo-dc1",
                        "parameter 'cloudEventsSource' has no effect unless format is cloudevents: set format: cloudevents or remove it");
        assertThat(connector.checkUse(use("url", "https://h.example.com", "signatureHeader", "X Sig")))
                .extracting(ConfigProblem::message)
                .containsExactly("parameter 'signatureHeader', entry 1: 'X Sig' is not a valid header name");
    }
}
