package io.mimamori.connector.alertmanager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.alert.Severity;
import io.mimamori.spi.Connector;
import io.mimamori.spi.DeliveryException;
import io.mimamori.spi.Health;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The verdicts the sink gives for each answer an Alertmanager (or a proxy in front of it) can give. */
class AlertmanagerSinkDeliveryTest {
    static final String PATH = "/api/v2/alerts";
    /** Characters an endpoint URI would mangle: route files give such values as RAW(...). */
    static final String PASSWORD = "p@ss&w+rd=%20;x)(";
    static final String TOKEN = "tok-3f9a7c1e-secret";

    @RegisterExtension
    static WireMockExtension am = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    final Alert alert = TestAlerts.raidDegraded("acme", "db1", Severity.MAJOR, Instant.now().minusSeconds(30));

    private SinkRoute route(String... more) throws Exception {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("url", am.baseUrl());
        for (int i = 0; i < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return SinkRoute.start(p);
    }

    @Test
    void anAcceptedAlertIsPostedAsAnArrayWithTheConfiguredHeaders() throws Exception {
        am.stubFor(post(PATH).willReturn(aResponse().withStatus(200)));
        try (SinkRoute r = route("username", "ops", "password", "RAW(" + PASSWORD + ")",
                "headers", "X-Scope-OrgID: acme; X-Team: ops")) {
            r.deliver(alert);
        }
        LoggedRequest req = am.getAllServeEvents().get(0).getRequest();
        assertThat(req.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(req.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString(("ops:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        assertThat(req.getHeader("X-Scope-OrgID")).isEqualTo("acme");
        assertThat(req.getHeader("X-Team")).isEqualTo("ops");
        JsonNode body = AlertJson.mapper().readTree(req.getBodyAsString());
        assertThat(body.isArray()).isTrue();
        assertThat(body).hasSize(1);
        assertThat(body.get(0).path("labels").path("alertname").asText()).isEqualTo("md-raid-degraded");
        assertThat(body.get(0).path("labels").path("fingerprint").asText()).isEqualTo(alert.fingerprint());
    }

    @Test
    void aBearerTokenFromAPropertyIsSentAsSuch() throws Exception {
        am.stubFor(post(PATH).willReturn(aResponse().withStatus(200)));
        Properties settings = new Properties();
        settings.setProperty("mimamori.alertmanager.token", TOKEN);
        try (SinkRoute r = SinkRoute.start(Map.of("url", am.baseUrl(),
                "bearerToken", "RAW({{mimamori.alertmanager.token}})"), settings)) {
            r.deliver(alert);
        }
        am.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void aListOfAlertsIsOnePost() throws Exception {
        am.stubFor(post(PATH).willReturn(aResponse().withStatus(200)));
        Alert other = TestAlerts.raidDegraded("acme", "db2", Severity.MINOR, Instant.now());
        try (SinkRoute r = route()) {
            r.deliver(List.of(alert, other));
        }
        assertThat(am.getAllServeEvents()).hasSize(1);
        JsonNode body = AlertJson.mapper().readTree(am.getAllServeEvents().get(0).getRequest().getBodyAsString());
        assertThat(body).extracting(n -> n.path("labels").path("resource").asText()).containsExactly("db1/md0", "db2/md0");
    }

    @Test
    void aRefusedAlertIsRejectedWithAlertmanagersOwnWords() throws Exception {
        am.stubFor(post(PATH).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("\"start time must be before end time\"")));
        try (SinkRoute r = route()) {
            DeliveryException e = r.refused(alert);
            assertThat(e.verdict()).isEqualTo(DeliveryException.Verdict.REJECTED);
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("Alertmanager API v2 at " + am.baseUrl()
                    + " answered HTTP 400: start time must be before end time");
        }
    }

    @Test
    void aMalformedBodyAnswerIsRejectedWithItsMessage() throws Exception {
        am.stubFor(post(PATH).willReturn(aResponse().withStatus(400).withBody(
                "{\"code\":400,\"message\":\"parsing alerts body from \\\"\\\" failed\"}")));
        try (SinkRoute r = route()) {
            assertThat(r.refused(alert).getMessage()).endsWith("answered HTTP 400: parsing alerts body from \"\" failed");
        }
    }

    @Test
    void aServerErrorIsRetried() throws Exception {
        am.stubFor(post(PATH).willReturn(aResponse().withStatus(500).withBody("\"failed to store\"")));
        try (SinkRoute r = route()) {
            DeliveryException e = r.refused(alert);
            assertThat(e.verdict()).isEqualTo(DeliveryException.Verdict.RETRY);
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.retryAfter()).isEmpty();
            assertThat(e.getMessage()).endsWith("answered HTTP 500: failed to store");
        }
    }

    @Test
    void tooManyRequestsIsRetriedWhenThePeerSays() throws Exception {
        am.stubFor(post(PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        try (SinkRoute r = route()) {
            DeliveryException e = r.refused(alert);
            assertThat(e.verdict()).isEqualTo(DeliveryException.Verdict.RETRY);
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        }
    }

    @Test
    void aRefusedConnectionIsRetriedAndNamesThePeer() throws Exception {
        int closed = closedPort();
        try (SinkRoute r = SinkRoute.start(Map.of("url", "http://127.0.0.1:" + closed))) {
            DeliveryException e = r.refused(alert);
            assertThat(e.verdict()).isEqualTo(DeliveryException.Verdict.RETRY);
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).startsWith("Alertmanager API v2 at http://127.0.0.1:" + closed
                    + " could not be reached: ConnectException");
        }
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() throws Exception {
        am.stubFor(post(PATH).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        try (SinkRoute r = route("requestTimeoutSeconds", "1")) {
            long start = System.nanoTime();
            DeliveryException e = r.refused(alert);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
            assertThat(e.verdict()).isEqualTo(DeliveryException.Verdict.RETRY);
            assertThat(e.getMessage()).contains("HttpTimeoutException");
        }
    }

    @Test
    void aBodyThatIsNotAnAlertIsRejected() throws Exception {
        try (SinkRoute r = route()) {
            DeliveryException e = r.refused("{\"event\":\"x\"}");
            assertThat(e.verdict()).isEqualTo(DeliveryException.Verdict.REJECTED);
            assertThat(e.getMessage()).contains("takes an io.mimamori.alert.Alert", "not java.lang.String");
        }
        assertThat(am.getAllServeEvents()).isEmpty();
    }

    @Test
    void healthIsDownWhileAlertmanagerFailsAndUpOnceItAcceptsAgain() throws Exception {
        Connector connector = new AlertmanagerSinkConnector();
        am.stubFor(post(PATH).willReturn(aResponse().withStatus(503)));
        try (SinkRoute r = route("name", "am-health")) {
            r.refused(alert);
            Health down = connector.health();
            assertThat(down.state()).isEqualTo(Health.State.DOWN);
            assertThat(down.details()).containsEntry("am-health.url", am.baseUrl() + PATH)
                    .hasEntrySatisfying("am-health.lastFailure", v -> assertThat(v).startsWith("RETRY: ").contains("503"));
            am.stubFor(post(PATH).willReturn(aResponse().withStatus(200)));
            r.deliver(alert);
            Health up = connector.health();
            assertThat(up.state()).isEqualTo(Health.State.UP);
            assertThat(up.details()).containsKey("am-health.lastAccepted").doesNotContainKey("am-health.lastFailure");
        }
        assertThat(connector.health().state()).isEqualTo(Health.State.UNKNOWN);
    }

    @Test
    void credentialsAppearInNoMessageAndNoLogLine() throws Exception {
        int closed = closedPort();
        try (LogCapture logs = LogCapture.open()) {
            for (String[] auth : List.of(new String[] {"username", "ops", "password", "RAW(" + PASSWORD + ")"},
                    new String[] {"bearerToken", TOKEN})) {
                am.resetAll();
                am.stubFor(post(PATH).willReturn(aResponse().withStatus(401).withBody("Unauthorized")));
                StringBuilder messages = new StringBuilder();
                try (SinkRoute r = route(auth)) {
                    DeliveryException e = r.refused(alert);
                    assertThat(e.verdict()).isEqualTo(DeliveryException.Verdict.REJECTED);
                    messages.append(e.getMessage()).append(r.refused(42).getMessage())
                            .append(r.context().getEndpoints());
                    am.stubFor(post(PATH).willReturn(aResponse().withStatus(500)));
                    messages.append(r.refused(alert).getMessage());
                    messages.append(new AlertmanagerSinkConnector().health().details());
                }
                String[] unreachable = new String[auth.length + 2];
                System.arraycopy(auth, 0, unreachable, 0, auth.length);
                unreachable[auth.length] = "url";
                unreachable[auth.length + 1] = "http://127.0.0.1:" + closed;
                Map<String, String> p = new java.util.LinkedHashMap<>();
                for (int i = 0; i < unreachable.length; i += 2) {
                    p.put(unreachable[i], unreachable[i + 1]);
                }
                try (SinkRoute r = SinkRoute.start(p)) {
                    messages.append(r.refused(alert).getMessage());
                }
                assertThat(messages.toString()).contains("HTTP 401", "HTTP 500", "could not be reached")
                        .doesNotContain(PASSWORD, TOKEN, Base64.getEncoder().encodeToString(
                                ("ops:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
            }
            assertThat(logs.text()).as("log lines at DEBUG and above (two Camel loggers capped at INFO as in the hub)").contains("alertmanager-sink 'alertmanager' to")
                    .doesNotContain(PASSWORD, TOKEN, "p@ss", "tok-3f9a7c1e",
                            Base64.getEncoder().encodeToString(("ops:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
