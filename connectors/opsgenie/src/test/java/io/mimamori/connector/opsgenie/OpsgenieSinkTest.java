package io.mimamori.connector.opsgenie;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.mimamori.testing.SinkTestSupport.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mimamori.alert.Alert;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.testing.LogCapture;
import io.mimamori.testing.SinkTestSupport;
import io.mimamori.testing.SinkTestSupport.Sink;
import io.mimamori.spi.DeliveryException;
import io.mimamori.spi.DeliveryException.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Opsgenie sink against a WireMock Alert API on loopback, answering as docs.opsgenie.com's Alert
 * API documents (202 "Request will be processed" with a requestId; errors as {message, took, requestId}).
 */
class OpsgenieSinkTest {
    @RegisterExtension
    static final WireMockExtension OPSGENIE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DEFAULT_KEY = "eb243592-faa2-4ba2-a551-1afdf565c889";
    static final String ACME_KEY = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    static final ResponseDefinitionBuilder ACCEPTED = aResponse().withStatus(202)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"result\":\"Request will be processed\",\"took\":0.302,\"requestId\":\"43a29c5c-3dbf-4fa4-9c26-f4f71023e120\"}");

    private static Sink sink(String extra) throws Exception {
        Properties p = new Properties();
        p.setProperty("og.url", "http://127.0.0.1:" + OPSGENIE.getPort());
        p.setProperty("og.key", DEFAULT_KEY);
        p.setProperty("og.tenantKeys", "acme=" + ACME_KEY);
        return SinkTestSupport.start("kamelet:opsgenie-sink?url=RAW({{og.url}})&apiKey=RAW({{og.key}})" + extra, p);
    }

    private static List<LoggedRequest> requests() {
        return OPSGENIE.findAll(anyRequestedFor(anyUrl()));
    }

    private static JsonNode body(LoggedRequest r) throws Exception {
        return JSON.readTree(r.getBody());
    }

    @Test
    void createCarriesEveryFieldWithinOpsgeniesTypes() throws Exception {
        OPSGENIE.stubFor(post("/v2/alerts").willReturn(ACCEPTED));
        Alert alert = alert("globex", Severity.MAJOR, Status.FIRING);
        try (Sink sink = sink("&responders=team:NOC,user:alice@example.com,escalation:Night,schedule:Primary"
                + "&visibleTo=team:DBA&tags=prod,storage&source=Mimamori tokyo-1")) {
            sink.deliver(alert);
        }
        LoggedRequest r = requests().get(0);
        assertThat(r.getMethod().getName()).isEqualTo("POST");
        assertThat(r.getUrl()).isEqualTo("/v2/alerts");
        assertThat(r.getHeader("Authorization")).isEqualTo("GenieKey " + DEFAULT_KEY);
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
        JsonNode b = body(r);
        assertThat(b.get("message").asText()).isEqualTo("RAID md0 on db1 degraded: sdb1 failed");
        assertThat(b.get("alias").asText()).isEqualTo("globex/md-raid/db1/md0");
        assertThat(b.get("description").asText()).startsWith("RAID md0 on db1 degraded: sdb1 failed\n\n")
                .contains("Tenant: globex\n", "Layer: hardware\n", "Severity: major (source: err)\n", "Host: db1 (192.0.2.10)\n",
                        "runbook: https://runbooks.example.com/linux/md-raid-degraded\n", "graph: https://grafana.example.com/d/db1");
        assertThat(b.get("responders").toString()).isEqualTo("[{\"name\":\"NOC\",\"type\":\"team\"},"
                + "{\"username\":\"alice@example.com\",\"type\":\"user\"},{\"name\":\"Night\",\"type\":\"escalation\"},"
                + "{\"name\":\"Primary\",\"type\":\"schedule\"}]");
        assertThat(b.get("visibleTo").toString()).isEqualTo("[{\"name\":\"DBA\",\"type\":\"team\"}]");
        assertThat(b.get("tags")).extracting(JsonNode::asText)
                .containsExactly("tenant:globex", "layer:hardware", "severity:major", "prod", "storage");
        JsonNode d = b.get("details");
        for (Iterator<JsonNode> it = d.elements(); it.hasNext(); ) {
            assertThat(it.next().isTextual()).as("Opsgenie details are string to string").isTrue();
        }
        assertThat(d.get("tenant").asText()).isEqualTo("globex");
        assertThat(d.get("fingerprint").asText()).isEqualTo(alert.fingerprint());
        assertThat(d.get("alertId").asText()).isEqualTo(alert.id().toString());
        assertThat(d.get("occurrences").asText()).isEqualTo("1");
        assertThat(d.get("label.array").asText()).isEqualTo("md0");
        assertThat(d.get("syslog.facility").asText()).isEqualTo("kern");
        assertThat(d.get("runbook").asText()).isEqualTo("https://runbooks.example.com/linux/md-raid-degraded");
        assertThat(d.has("truncated")).isFalse();
        assertThat(b.get("entity").asText()).isEqualTo("db1/md0");
        assertThat(b.get("source").asText()).isEqualTo("Mimamori tokyo-1");
        assertThat(b.get("priority").asText()).isEqualTo("P2");
        assertThat(b.get("user").asText()).isEqualTo("Mimamori");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"CRITICAL, P1", "MAJOR, P2", "MINOR, P3", "WARNING, P4", "INFO, P5"})
    void everySeverityMapsToAPriority(Severity severity, String priority) throws Exception {
        OPSGENIE.stubFor(post("/v2/alerts").willReturn(ACCEPTED));
        try (Sink sink = sink("")) {
            sink.deliver(alert(severity, Status.FIRING));
        }
        assertThat(body(requests().get(0)).get("priority").asText()).isEqualTo(priority);
    }

    @Test
    void resolvedClosesByTheUrlEncodedAlias() throws Exception {
        OPSGENIE.stubFor(any(anyUrl()).willReturn(ACCEPTED));
        Alert firing = alert("acme", Severity.CRITICAL, Status.FIRING).toBuilder().dedupKey("disk full/db1 ü?#%").build();
        Alert resolved = firing.toBuilder().status(Status.RESOLVED).id(UUID.randomUUID()).build();
        try (Sink sink = sink("&tenantApiKeys=RAW({{og.tenantKeys}})")) {
            sink.deliver(firing);
            sink.deliver(resolved);
        }
        List<LoggedRequest> all = requests();
        assertThat(all).hasSize(2);
        assertThat(body(all.get(0)).get("alias").asText()).isEqualTo("acme/disk full/db1 ü?#%");
        LoggedRequest close = all.get(1);
        assertThat(close.getMethod().getName()).isEqualTo("POST");
        assertThat(close.getUrl()).isEqualTo("/v2/alerts/acme%2Fdisk%20full%2Fdb1%20%C3%BC%3F%23%25/close?identifierType=alias");
        assertThat(close.getHeader("Authorization")).isEqualTo("GenieKey " + ACME_KEY);
        JsonNode b = body(close);
        assertThat(b.get("user").asText()).isEqualTo("Mimamori");
        assertThat(b.get("source").asText()).isEqualTo("Mimamori");
        assertThat(b.get("note").asText()).isEqualTo("Resolved: RAID md0 on db1 degraded: sdb1 failed (cleared 2026-11-24T05:10:00.123Z)");
    }

    @Test
    void eachTenantUsesItsOwnKeyAndOthersTheDefault() throws Exception {
        OPSGENIE.stubFor(post("/v2/alerts").willReturn(ACCEPTED));
        try (Sink sink = sink("&tenantApiKeys=RAW({{og.tenantKeys}})")) {
            sink.deliver(alert("acme", Severity.MAJOR, Status.FIRING));
            sink.deliver(alert("globex", Severity.MAJOR, Status.FIRING));
        }
        assertThat(requests()).extracting(r -> r.getHeader("Authorization"))
                .containsExactly("GenieKey " + ACME_KEY, "GenieKey " + DEFAULT_KEY);
    }

    @Test
    void aTenantWithoutKeyAndNoDefaultIsRejectedWithoutCallingOpsgenie() throws Exception {
        Properties p = new Properties();
        p.setProperty("og.url", "http://127.0.0.1:" + OPSGENIE.getPort());
        p.setProperty("og.tenantKeys", "acme=" + ACME_KEY);
        try (Sink sink = SinkTestSupport.start("kamelet:opsgenie-sink?url=RAW({{og.url}})&tenantApiKeys=RAW({{og.tenantKeys}})", p)) {
            DeliveryException e = sink.failure(alert("globex", Severity.MAJOR, Status.FIRING));
            assertThat(e.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(e.getMessage()).isEqualTo("no Opsgenie API key for tenant 'globex': add it to tenantApiKeys or set apiKey");
        }
        assertThat(requests()).isEmpty();
    }

    @Test
    void regionPicksTheBaseUrlAndUrlReplacesIt() throws Exception {
        Properties p = new Properties();
        p.setProperty("og.key", DEFAULT_KEY);
        for (String[] c : new String[][] {
                {"", "https://api.opsgenie.com"},
                {"&region=us", "https://api.opsgenie.com"},
                {"&region=eu", "https://api.eu.opsgenie.com"},
                {"&region=eu&url=http://127.0.0.1:9/", "http://127.0.0.1:9"},
        }) {
            try (Sink sink = SinkTestSupport.start("kamelet:opsgenie-sink?apiKey=RAW({{og.key}})" + c[0], p)) {
                assertThat(sink.context().getEndpoints()).filteredOn(OpsgenieEndpoint.class::isInstance).singleElement()
                        .satisfies(ep -> assertThat(((OpsgenieEndpoint) ep).base()).as(c[0]).hasToString(c[1]));
            }
        }
    }

    @Test
    void fieldsAreCutToOpsgeniesLimits() throws Exception {
        OPSGENIE.stubFor(post("/v2/alerts").willReturn(ACCEPTED));
        Alert.Builder b = alert(Severity.MAJOR, Status.FIRING).toBuilder().summary("s".repeat(300)).resource("r".repeat(600));
        for (int i = 0; i < 200; i++) {
            b.link("https://example.com/" + "p".repeat(80) + "/" + i, "link " + i);
            b.detail("d" + i, "v".repeat(100));
        }
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            extra.add("tag" + i);
        }
        extra.set(0, "t".repeat(60));
        Alert longTenant = SinkTestSupport.complete(alert("t".repeat(300), Severity.MAJOR, Status.FIRING).toBuilder()
                .dedupKey("k".repeat(250)).fingerprint(null));
        try (Sink sink = sink("&tags=" + String.join(",", extra))) {
            sink.deliver(b.build());
            sink.deliver(longTenant);
        }
        JsonNode first = body(requests().get(0));
        assertThat(first.get("message").asText()).hasSize(130).endsWith("s\u2026");
        assertThat(first.get("description").asText()).hasSize(15_000).endsWith("\u2026");
        assertThat(first.get("entity").asText()).hasSize(512);
        assertThat(first.get("tags")).hasSize(20);
        assertThat(first.get("tags").get(3).asText()).hasSize(50);
        int detailChars = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = first.get("details").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            detailChars += e.getKey().length() + e.getValue().asText().length();
        }
        assertThat(detailChars).isLessThanOrEqualTo(8000);
        assertThat(first.get("details").get("tenant").asText()).as("identity first").isEqualTo("acme");
        assertThat(first.get("details").get("truncated").asText()).matches("\\d+ of \\d+ details left out: Opsgenie keeps at most"
                + " 8000 characters of details; the whole alert is in the hub \\(alert id [0-9a-f-]{36}\\)");
        JsonNode second = body(requests().get(1));
        assertThat(second.get("alias").asText()).as("tenant/dedupKey over 512 -> fingerprint").isEqualTo(longTenant.fingerprint());
    }

    @ParameterizedTest(name = "{0} HTTP {1} (Retry-After {2}) -> {3}")
    @CsvSource(nullValues = "-", value = {
            "FIRING, 202, -, -, -",
            "FIRING, 400, -, REJECTED, -",
            "FIRING, 401, -, REJECTED, -",
            "FIRING, 403, -, REJECTED, -",
            "FIRING, 404, -, REJECTED, -",
            "FIRING, 422, -, REJECTED, -",
            "FIRING, 429, -, RETRY, -",
            "FIRING, 429, 10, RETRY, 10",
            "FIRING, 500, -, RETRY, -",
            "FIRING, 503, -, RETRY, -",
            "RESOLVED, 202, -, -, -",
            "RESOLVED, 404, -, -, -",
            "RESOLVED, 422, -, REJECTED, -",
            "RESOLVED, 429, -, RETRY, -",
    })
    void answersBecomeVerdicts(Status status, int http, String retryAfter, Verdict verdict, Long waitSeconds) throws Exception {
        ResponseDefinitionBuilder response = http == 202 ? ACCEPTED : aResponse().withStatus(http)
                .withHeader("Content-Type", "application/json")
                .withBody(http == 422
                        ? "{\"message\":\"Request body is not processable. Please check the errors.\","
                                + "\"errors\":{\"message\":\"Message can not be empty.\"},\"took\":0.083,\"requestId\":\"Id\"}"
                        : "{\"message\":\"answer " + http + "\",\"took\":0.001,\"requestId\":\"x\"}");
        if (retryAfter != null) {
            response = response.withHeader("Retry-After", retryAfter);
        }
        OPSGENIE.stubFor(any(urlPathMatching("/v2/alerts.*")).willReturn(response));
        try (Sink sink = sink("")) {
            Alert alert = alert(Severity.MAJOR, status);
            if (verdict == null) {
                sink.deliver(alert);
                return;
            }
            DeliveryException e = sink.failure(alert);
            assertThat(e.verdict()).isEqualTo(verdict);
            assertThat(e.status()).isEqualTo(http);
            assertThat(e.retryAfter()).isEqualTo(Optional.ofNullable(waitSeconds).map(Duration::ofSeconds));
            assertThat(e.getMessage()).startsWith("Opsgenie Alert API answered HTTP " + http)
                    .contains(http == 422 ? "Message can not be empty." : "answer " + http);
        }
    }

    @Test
    void connectionRefusedIsRetried() throws Exception {
        Properties p = new Properties();
        p.setProperty("og.url", "http://127.0.0.1:" + SinkTestSupport.closedPort());
        p.setProperty("og.key", DEFAULT_KEY);
        try (Sink sink = SinkTestSupport.start("kamelet:opsgenie-sink?url=RAW({{og.url}})&apiKey=RAW({{og.key}})", p)) {
            DeliveryException e = sink.failure(alert(Severity.MAJOR, Status.FIRING));
            assertThat(e.verdict()).isEqualTo(Verdict.RETRY);
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).contains("could not be reached");
        }
    }

    @Test
    void apiKeysNeverReachMessagesOrLogs() throws Exception {
        OPSGENIE.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"Key " + ACME_KEY + " is not valid\",\"took\":0.0,\"requestId\":\"r\"}")));
        try (LogCapture log = new LogCapture(Level.INFO);
             Sink sink = sink("&tenantApiKeys=RAW({{og.tenantKeys}})")) {
            DeliveryException e = sink.failure(alert("acme", Severity.MAJOR, Status.FIRING));
            assertThat(e.getMessage()).contains("Key **** is not valid").doesNotContain(ACME_KEY);
            for (org.apache.camel.Endpoint ep : sink.context().getEndpoints()) {
                assertThat(ep.toString()).doesNotContain(ACME_KEY).doesNotContain(DEFAULT_KEY);
            }
            assertThat(log.size()).isPositive();
            assertThat(log.text()).doesNotContain(ACME_KEY).doesNotContain(DEFAULT_KEY);
        }
    }

    @Test
    void invalidParametersStopTheRouteWithAClearError() {
        Properties p = new Properties();
        p.setProperty("og.key", DEFAULT_KEY);
        for (String[] c : new String[][] {
                {"&region=ap", "opsgenie-sink parameter 'region' is 'ap'; use us or eu"},
                {"&url=http://127.0.0.1:9/v2/alerts", "parameter 'url' is a base URL: give only scheme, host and port"},
                {"&tenantApiKeys=RAW(acme)", "parameter 'tenantApiKeys', entry 1 has no '='"},
                {"&responders=squad:NOC", "parameter 'responders', entry 1 'squad:NOC' is not type:name with type one of"
                        + " escalation, schedule, team, user (e.g. team:NOC)"},
                {"&visibleTo=schedule:Primary", "parameter 'visibleTo', entry 1 'schedule:Primary' is not type:name"},
        }) {
            Throwable t = catchThrowable(() -> SinkTestSupport.start("kamelet:opsgenie-sink?apiKey=RAW({{og.key}})" + c[0], p).close());
            StringBuilder all = new StringBuilder();
            for (Throwable x = t; x != null; x = x.getCause()) {
                all.append(x.getMessage()).append('\n');
            }
            assertThat(all.toString()).as(c[0]).contains(c[1]);
        }
        Throwable none = catchThrowable(() -> SinkTestSupport.start("kamelet:opsgenie-sink").close());
        assertThat(none).isNotNull();
        assertThat(String.valueOf(none.getCause() == null ? none.getMessage() : rootMessage(none)))
                .contains("opsgenie-sink has no API key: set apiKey, tenantApiKeys or both");
    }

    private static String rootMessage(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable x = t; x != null; x = x.getCause()) {
            all.append(x.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void aBodyThatIsNoAlertIsRejected() throws Exception {
        try (Sink sink = sink("")) {
            DeliveryException e = sink.failure(Map.of("message", "hi"));
            assertThat(e.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(e.getMessage()).startsWith("opsgenie-sink takes one io.mimamori.alert.Alert per exchange");
        }
    }

    @Test
    void theExampleRouteFileDelivers() throws Exception {
        OPSGENIE.stubFor(any(anyUrl()).willReturn(ACCEPTED));
        Properties p = new Properties();
        p.setProperty("mimamori.opsgenie.apiKey", DEFAULT_KEY);
        p.setProperty("mimamori.opsgenie.tenantApiKeys", "acme=" + ACME_KEY);
        p.setProperty("mimamori.opsgenie.url", "http://127.0.0.1:" + OPSGENIE.getPort());
        p.setProperty("mimamori.opsgenie.responders", "team:NOC");
        try (Sink sink = SinkTestSupport.startRouteFile(Path.of("../../routes/examples/opsgenie.yaml"), "opsgenie", p)) {
            sink.deliver(alert("acme", Severity.CRITICAL, Status.FIRING));
            sink.deliver(alert("globex", Severity.CRITICAL, Status.RESOLVED));
        }
        List<LoggedRequest> all = requests();
        assertThat(all).extracting(r -> r.getHeader("Authorization") + " " + r.getUrl()).containsExactly(
                "GenieKey " + ACME_KEY + " /v2/alerts",
                "GenieKey " + DEFAULT_KEY + " /v2/alerts/globex%2Fmd-raid%2Fdb1%2Fmd0/close?identifierType=alias");
        assertThat(body(all.get(0)).get("responders").toString()).isEqualTo("[{\"name\":\"NOC\",\"type\":\"team\"}]");
    }
}
