package io.mimamori.connector.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.mimamori.testing.SinkTestSupport.alert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.testing.LogCapture;
import io.mimamori.testing.SinkTestSupport;
import io.mimamori.testing.SinkTestSupport.Sink;
import io.mimamori.spi.DeliveryException;
import io.mimamori.spi.DeliveryException.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Endpoint;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The webhook sink against a WireMock receiver on loopback, run through its kamelet as the hub runs it. */
class WebhookSinkTest {
    @RegisterExtension
    static final WireMockExtension RECEIVER = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The sink's clock: signatures and HTTP-date Retry-After values are read against it. */
    private static final java.time.Instant NOW = java.time.Instant.parse("2026-11-24T05:10:07Z");
    /** Characters that break naive URI or header handling. */
    private static final String HMAC_SECRET = "whsec+Q1/x&y=z%41 tail";
    private static final String TOKEN = "tok-7Hq2+Zk/9=";

    private static String url(String path) {
        return "http://127.0.0.1:" + RECEIVER.getPort() + path;
    }

    /** The sink route with the secrets coming from properties, as they do from the environment in the hub. */
    private static Sink sink(String extra) throws Exception {
        Properties p = new Properties();
        p.setProperty("hook.url", url("/hooks/noc"));
        p.setProperty("hook.secret", HMAC_SECRET);
        p.setProperty("hook.auth", "Authorization=Bearer " + TOKEN);
        Sink s = SinkTestSupport.start("kamelet:webhook-sink?url=RAW({{hook.url}})" + extra, p);
        s.context().getComponent("mimamori-webhook", WebhookComponent.class)
                .setClock(Clock.fixed(NOW, ZoneOffset.UTC));
        return s;
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> all = RECEIVER.findAll(postRequestedFor(urlEqualTo("/hooks/noc")));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void postsExactlyTheAlertJsonWithItsHeaders() throws Exception {
        RECEIVER.stubFor(post("/hooks/noc").willReturn(aResponse().withStatus(204)));
        Alert alert = alert(Severity.MAJOR, Status.FIRING);
        try (Sink sink = sink("&headers=X-Team=noc,X-Env=prod&secretHeaders=RAW({{hook.auth}})")) {
            sink.send(alert, Map.of("MimamoriDeliveryAttempt", 3));
        }
        LoggedRequest r = onlyRequest();
        assertThat(r.getMethod().getName()).isEqualTo("POST");
        assertThat(r.getBody()).isEqualTo(AlertJson.toBytes(alert));
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/json; charset=UTF-8");
        assertThat(r.getHeader("X-Mimamori-Alert-Id")).isEqualTo(alert.id().toString());
        assertThat(r.getHeader("X-Mimamori-Delivery-Attempt")).isEqualTo("3");
        assertThat(r.getHeader("X-Team")).isEqualTo("noc");
        assertThat(r.getHeader("X-Env")).isEqualTo("prod");
        assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(r.getHeader("User-Agent")).startsWith("mimamori-webhook-sink/");
        assertThat(r.containsHeader("X-Mimamori-Signature")).as("unsigned without hmacSecret").isFalse();
    }

    @Test
    void signatureIsHmacSha256OfTimestampDotBodyAndVerifiesIndependently() throws Exception {
        RECEIVER.stubFor(post("/hooks/noc").willReturn(aResponse().withStatus(200)));
        Alert alert = alert(Severity.CRITICAL, Status.FIRING);
        try (Sink sink = sink("&hmacSecret=RAW({{hook.secret}})")) {
            sink.deliver(alert);
        }
        LoggedRequest r = onlyRequest();
        String header = r.getHeader("X-Mimamori-Signature");
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        long t = Long.parseLong(header.substring(2, header.indexOf(',')));
        assertThat(t).isEqualTo(NOW.getEpochSecond());
        // what a receiver does: HMAC-SHA256 with the shared secret over "<t>." followed by the raw body
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HMAC_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        String expected = HexFormat.of().formatHex(mac.doFinal(r.getBody()));
        assertThat(header).isEqualTo("t=" + t + ",v1=" + expected);

        Mac other = Mac.getInstance("HmacSHA256");
        other.init(new SecretKeySpec("another secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        other.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        assertThat(header).doesNotContain(HexFormat.of().formatHex(other.doFinal(r.getBody())));
    }

    @Test
    void customSignatureHeaderName() throws Exception {
        RECEIVER.stubFor(post("/hooks/noc").willReturn(aResponse().withStatus(200)));
        try (Sink sink = sink("&hmacSecret=RAW({{hook.secret}})&signatureHeader=X-Hub-Signature")) {
            sink.deliver(alert(Severity.INFO, Status.FIRING));
        }
        LoggedRequest r = onlyRequest();
        assertThat(r.getHeader("X-Hub-Signature")).startsWith("t=" + NOW.getEpochSecond() + ",v1=");
        assertThat(r.containsHeader("X-Mimamori-Signature")).isFalse();
    }

    @Test
    void cloudEventsStructuredModeWrapsTheAlert() throws Exception {
        RECEIVER.stubFor(post("/hooks/noc").willReturn(aResponse().withStatus(202)));
        Alert firing = alert(Severity.MAJOR, Status.FIRING);
        Alert resolved = firing.toBuilder().status(Status.RESOLVED).id(java.util.UUID.randomUUID()).build();
        try (Sink sink = sink("&format=cloudevents")) {
            sink.deliver(firing);
            sink.deliver(resolved);
        }
        List<LoggedRequest> all = RECEIVER.findAll(postRequestedFor(urlEqualTo("/hooks/noc")));
        assertThat(all).hasSize(2);
        assertThat(all.get(0).getHeader("Content-Type")).isEqualTo("application/cloudevents+json; charset=UTF-8");
        JsonNode ce = JSON.readTree(all.get(0).getBody());
        assertThat(ce.get("specversion").asText()).isEqualTo("1.0");
        assertThat(ce.get("id").asText()).isEqualTo(firing.id().toString());
        assertThat(ce.get("type").asText()).isEqualTo("io.mimamori.alert.firing");
        assertThat(ce.get("source").asText()).isEqualTo("/mimamori/tokyo-1");
        assertThat(ce.get("subject").asText()).isEqualTo("acme/md-raid/db1/md0");
        assertThat(ce.get("time").asText()).isEqualTo("2026-11-24T05:10:00.123Z");
        assertThat(ce.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(ce.get("data")).isEqualTo(JSON.readTree(AlertJson.toBytes(firing)));

        JsonNode second = JSON.readTree(all.get(1).getBody());
        assertThat(second.get("type").asText()).isEqualTo("io.mimamori.alert.resolved");
        assertThat(second.get("id").asText()).isEqualTo(resolved.id().toString());
    }

    @Test
    void cloudEventsSourceCanBeSet() throws Exception {
        RECEIVER.stubFor(post("/hooks/noc").willReturn(aResponse().withStatus(200)));
        try (Sink sink = sink("&format=cloudevents&cloudEventsSource=urn:mimamori:osaka-2")) {
            sink.deliver(alert(Severity.MINOR, Status.FIRING));
        }
        assertThat(JSON.readTree(onlyRequest().getBody()).get("source").asText()).isEqualTo("urn:mimamori:osaka-2");
    }

    @Test
    void aListIsPostedAsOneBatch() throws Exception {
        RECEIVER.stubFor(post("/hooks/noc").willReturn(aResponse().withStatus(200)));
        Alert a = alert(Severity.MAJOR, Status.FIRING);
        Alert b = alert("globex", Severity.WARNING, Status.RESOLVED);
        try (Sink sink = sink("&hmacSecret=RAW({{hook.secret}})")) {
            sink.deliver(List.of(a, b));
        }
        LoggedRequest r = onlyRequest();
        JsonNode batch = JSON.readTree(r.getBody());
        assertThat(batch.isArray()).isTrue();
        assertThat(batch).containsExactly(JSON.readTree(AlertJson.toBytes(a)), JSON.readTree(AlertJson.toBytes(b)));
        assertThat(r.containsHeader("X-Mimamori-Alert-Id")).isFalse();
        assertThat(r.getHeader("X-Mimamori-Signature")).startsWith("t=");
    }

    @ParameterizedTest(name = "HTTP {0} (Retry-After {1}) -> {2}")
    @CsvSource(nullValues = "-", value = {
            "200, -, -, -",
            "204, -, -, -",
            "400, -, REJECTED, -",
            "401, -, REJECTED, -",
            "404, -, REJECTED, -",
            "302, -, REJECTED, -",
            "408, -, RETRY, -",
            "429, 30, RETRY, 30",
            "429, -, RETRY, -",
            "500, -, RETRY, -",
            "503, 'Tue, 24 Nov 2026 05:12:07 GMT', RETRY, 120",
    })
    void answersBecomeVerdicts(int status, String retryAfter, Verdict verdict, Long waitSeconds) throws Exception {
        var response = aResponse().withStatus(status).withBody("{\"error\":\"status " + status + "\"}");
        if (retryAfter != null) {
            response = response.withHeader("Retry-After", retryAfter);
        }
        if (status == 302) {
            response = response.withHeader("Location", url("/elsewhere"));
        }
        RECEIVER.stubFor(post("/hooks/noc").willReturn(response));
        try (Sink sink = sink("")) {
            Alert alert = alert(Severity.MAJOR, Status.FIRING);
            if (verdict == null) {
                sink.deliver(alert);
                return;
            }
            DeliveryException e = sink.failure(alert);
            assertThat(e.verdict()).isEqualTo(verdict);
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.retryAfter()).isEqualTo(java.util.Optional.ofNullable(waitSeconds).map(Duration::ofSeconds));
            assertThat(e.getMessage()).contains("webhook http://127.0.0.1:" + RECEIVER.getPort(), "HTTP " + status,
                    "status " + status);
        }
    }

    @Test
    void connectionRefusedIsRetried() throws Exception {
        Properties p = new Properties();
        p.setProperty("hook.url", "http://127.0.0.1:" + SinkTestSupport.closedPort() + "/hooks/noc?token=path-secret");
        try (Sink sink = SinkTestSupport.start("kamelet:webhook-sink?url=RAW({{hook.url}})", p)) {
            DeliveryException e = sink.failure(alert(Severity.MAJOR, Status.FIRING));
            assertThat(e.verdict()).isEqualTo(Verdict.RETRY);
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).contains("could not be reached").doesNotContain("path-secret");
        }
    }

    @Test
    void secretsNeverReachMessagesOrLogs() throws Exception {
        // a receiver that echoes what it got, credentials included
        RECEIVER.stubFor(post("/hooks/noc").willReturn(aResponse().withStatus(401)
                .withBody("bad credentials: Bearer " + TOKEN + " / " + HMAC_SECRET)));
        try (LogCapture log = new LogCapture(Level.INFO);
             Sink sink = sink("&hmacSecret=RAW({{hook.secret}})&secretHeaders=RAW({{hook.auth}})")) {
            DeliveryException e = sink.failure(alert(Severity.MAJOR, Status.FIRING));
            assertThat(e.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(e.getMessage()).isEqualTo("webhook http://127.0.0.1:" + RECEIVER.getPort() + " answered HTTP 401: bad credentials: **** / ****")
                    .doesNotContain(TOKEN).doesNotContain(HMAC_SECRET);
            for (Endpoint endpoint : sink.context().getEndpoints()) {
                assertThat(endpoint.toString()).doesNotContain(TOKEN).doesNotContain(HMAC_SECRET);
            }
            assertThat(log.size()).as("Camel logged its start-up").isPositive();
            assertThat(log.text()).doesNotContain(TOKEN).doesNotContain(HMAC_SECRET);
        }
    }

    @Test
    void theExampleRouteFileDeliversSignedCloudEvents() throws Exception {
        RECEIVER.stubFor(post("/hooks/noc").willReturn(aResponse().withStatus(200)));
        Properties p = new Properties();
        p.setProperty("mimamori.webhook.url", url("/hooks/noc"));
        p.setProperty("mimamori.webhook.hmacSecret", HMAC_SECRET);
        Alert alert = alert(Severity.CRITICAL, Status.FIRING);
        try (Sink sink = SinkTestSupport.startRouteFile(java.nio.file.Path.of("../../routes/examples/webhook.yaml"), "webhook", p)) {
            sink.deliver(alert);
        }
        LoggedRequest r = onlyRequest();
        assertThat(JSON.readTree(r.getBody()).get("data")).isEqualTo(JSON.readTree(AlertJson.toBytes(alert)));
        String header = r.getHeader("X-Mimamori-Signature");
        long t = Long.parseLong(header.substring(2, header.indexOf(',')));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HMAC_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        assertThat(header).endsWith(",v1=" + HexFormat.of().formatHex(mac.doFinal(r.getBody())));
    }

    @Test
    void aBodyThatIsNoAlertIsRejected() throws Exception {
        try (Sink sink = sink("")) {
            DeliveryException e = sink.failure("{\"not\":\"an alert\"}");
            assertThat(e.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(e.getMessage()).contains("takes an io.mimamori.alert.Alert", "java.lang.String");
        }
        assertThat(RECEIVER.getAllServeEvents()).isEmpty();
    }

    @Test
    void invalidParametersStopTheRouteWithAClearError() {
        for (String[] c : new String[][] {
                {"url=ftp://127.0.0.1/x", "parameter 'url' must be an http:// or https:// URL, not 'ftp:'"},
                {"url=http://user:pw@127.0.0.1/x", "parameter 'url' contains user info"},
                {"url=http://127.0.0.1/x&headers=Content-Type=text/plain", "header Content-Type is set by the sink itself"},
                {"url=http://127.0.0.1/x&headers=X-Team", "parameter 'headers', entry 1 is not Name=value"},
        }) {
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> SinkTestSupport.start("kamelet:webhook-sink?" + c[0]).close());
            assertThat(t).as(c[0]).isNotNull();
            StringBuilder all = new StringBuilder();
            for (Throwable x = t; x != null; x = x.getCause()) {
                all.append(x.getMessage()).append('\n');
            }
            assertThat(all.toString()).as(c[0]).contains(c[1]);
        }
    }
}
