package io.mimamori.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mimamori.spi.DeliveryException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SinkParametersTest {
    @Test
    void httpUrlAcceptsHttpAndHttpsOnly() {
        assertThat(SinkParameters.httpUrl("url", " https://events.pagerduty.com/v2/enqueue ").getHost())
                .isEqualTo("events.pagerduty.com");
        assertThatThrownBy(() -> SinkParameters.httpUrl("url", "events.pagerduty.com/v2/enqueue"))
                .hasMessage("parameter 'url' must be an http:// or https:// URL, not a relative one");
        assertThatThrownBy(() -> SinkParameters.httpUrl("url", "file:///etc/passwd"))
                .hasMessage("parameter 'url' must be an http:// or https:// URL, not 'file:'");
        assertThatThrownBy(() -> SinkParameters.httpUrl("url", "https://exa mple.com/"))
                .hasMessageStartingWith("parameter 'url' is not a URL (Illegal character in authority at index 8)");
        assertThatThrownBy(() -> SinkParameters.httpUrl("url", "http:///path"))
                .hasMessage("parameter 'url' has no host: give a URL like https://host/path");
        assertThatThrownBy(() -> SinkParameters.httpUrl("url", ""))
                .hasMessage("parameter 'url' is empty: give an http:// or https:// URL");
    }

    @Test
    void userInfoIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> SinkParameters.httpUrl("url", "https://ops:hunter2@hooks.example.com/x"))
                .hasMessageContaining("contains user info").hasMessageNotContaining("hunter2");
    }

    @Test
    void originLeavesOutPathAndQuery() {
        assertThat(SinkParameters.origin(SinkParameters.httpUrl("url", "https://hooks.example.com:8443/T0/B1/secret?x=1")))
                .isEqualTo("https://hooks.example.com:8443");
        assertThat(SinkParameters.origin(SinkParameters.httpUrl("url", "http://127.0.0.1/a"))).isEqualTo("http://127.0.0.1");
    }

    @Test
    void tenantSecretsParseInOrder() {
        assertThat(SinkParameters.tenantSecrets("keys", " acme = k1,\nglobex=k2=with=equals , ,initech=k3"))
                .containsExactly(Map.entry("acme", "k1"), Map.entry("globex", "k2=with=equals"), Map.entry("initech", "k3"));
        assertThat(SinkParameters.tenantSecrets("keys", null)).isEmpty();
        assertThat(SinkParameters.tenantSecrets("keys", "  ")).isEmpty();
    }

    @Test
    void malformedTenantSecretsNameTheEntryButNeverTheSecret() {
        assertThatThrownBy(() -> SinkParameters.tenantSecrets("keys", "acme=k1,R0UTINGKEYWITHOUTTENANT"))
                .hasMessage("parameter 'keys', entry 2 has no '=': write tenant=secret pairs separated by commas");
        assertThatThrownBy(() -> SinkParameters.tenantSecrets("keys", "=SECRETVALUE"))
                .hasMessage("parameter 'keys', entry 1 has no tenant before '=': write tenant=secret")
                .hasMessageNotContaining("SECRETVALUE");
        assertThatThrownBy(() -> SinkParameters.tenantSecrets("keys", "acme="))
                .hasMessage("parameter 'keys', entry 1 (tenant 'acme') has nothing after '='");
        assertThatThrownBy(() -> SinkParameters.tenantSecrets("keys", "acme=S1,acme=S2"))
                .hasMessage("parameter 'keys' gives tenant 'acme' twice: keep one entry per tenant");
        assertThatThrownBy(() -> SinkParameters.tenantSecrets("keys", "acme corp=S1"))
                .hasMessageContaining("tenant 'acme corp' contains a space");
    }

    @Test
    void headersAreTokensAndMayNotReplaceReservedOnes() {
        assertThat(SinkParameters.headers("headers", "X-Team=noc,X-Empty=", Set.of(), false))
                .containsExactly(Map.entry("X-Team", "noc"), Map.entry("X-Empty", ""));
        assertThatThrownBy(() -> SinkParameters.headers("headers", "content-type=text/plain", Set.of("Content-Type"), false))
                .hasMessage("parameter 'headers', entry 1: header content-type is set by the sink itself and cannot be given here");
        assertThatThrownBy(() -> SinkParameters.headers("headers", "Bad Name=x", Set.of(), false))
                .hasMessage("parameter 'headers', entry 1: 'Bad Name' is not a valid header name");
        assertThatThrownBy(() -> SinkParameters.headers("secretHeaders", "X-Key=ab\u0007cd", Set.of(), true))
                .hasMessage("parameter 'secretHeaders', entry 1 (X-Key): the value contains a control character")
                .hasMessageNotContaining("ab");
    }

    @Test
    void redactKeepsVerdictWaitAndStatus() {
        DeliveryException retry = SinkParameters.redact(
                DeliveryException.retry("echo K3Y and K3Y", Duration.ofSeconds(9), 429), List.of("K3Y"));
        assertThat(retry.getMessage()).isEqualTo("echo **** and ****");
        assertThat(retry.verdict()).isEqualTo(DeliveryException.Verdict.RETRY);
        assertThat(retry.retryAfter()).contains(Duration.ofSeconds(9));
        assertThat(retry.status()).isEqualTo(429);

        ConnectException cause = new ConnectException("refused");
        DeliveryException network = SinkParameters.redact(DeliveryException.retry("at K3Y", cause), List.of("K3Y"));
        assertThat(network.getMessage()).isEqualTo("at ****");
        assertThat(network.getCause()).isSameAs(cause);

        DeliveryException rejected = SinkParameters.redact(DeliveryException.rejected("bad K3Y", 400), List.of("", "K3Y"));
        assertThat(rejected.getMessage()).isEqualTo("bad ****");
        assertThat(rejected.status()).isEqualTo(400);

        DeliveryException deferred = SinkParameters.redact(DeliveryException.deferred("K3Y", Duration.ofSeconds(2)), List.of("K3Y"));
        assertThat(deferred.verdict()).isEqualTo(DeliveryException.Verdict.DEFERRED);
        assertThat(deferred.retryAfter()).contains(Duration.ofSeconds(2));

        DeliveryException clean = DeliveryException.rejected("nothing secret", 400);
        assertThat(SinkParameters.redact(clean, List.of("K3Y"))).isSameAs(clean);
    }
}
