package io.mimamori.connector.pagerduty;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PagerDuty sink against a WireMock Events API v2 on loopback, answering as PagerDuty documents
 * (developer.pagerduty.com, Events API v2: "Send an Alert Event", "Overview / Response Codes").
 */
class PagerDutySinkTest {
    @RegisterExtension
    static final WireMockExtension PAGERDUTY = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DEFAULT_KEY = "d3fau1tr0ut1ngk3y00000000000000a";
    static final String ACME_KEY = "acme0r0ut1ngk3y00000000000000001";

    /** PagerDuty's documented answers. */
    static final ResponseDefinitionBuilder ACCEPTED = aResponse().withStatus(202)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"acme/md-raid/db1/md0\"}");
    static final String INVALID_EVENT = "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
            + "\"errors\":[\"Length of 'routing_key' is incorrect (should be 32 characters)\"]}";
    static final String THROTTLED = "{\"status\":\"throttled\",\"message\":\"Requests for this service are arriving too quickly."
            + "  Please retry later.\"}";

    private static Sink sink(String extra) throws Exception {
        Properties p = new Properties();
        p.setProperty("pd.url", "http://127.0.0.1:" + PAGERDUTY.getPort() + "/v2/enqueue");
        p.setProperty("pd.key", DEFAULT_KEY);
        p.setProperty("pd.tenantKeys", "acme=" + ACME_KEY);
        return SinkTestSupport.start("kamelet:pagerduty-sink?url=RAW({{pd.url}})" + extra, p);
    }

    private static List<JsonNode> events() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : PAGERDUTY.findAll(postRequestedFor(urlEqualTo("/v2/enqueue")))) {
            out.add(JSON.readTree(r.getBody()));
        }
        return out;
    }

    @Test
    void triggerCarriesEveryDocumentedField() throws Exception {
        PAGERDUTY.stubFor(post("/v2/enqueue").willReturn(ACCEPTED));
        Alert alert = alert("globex", Severity.MAJOR, Status.FIRING);
        try (Sink sink = sink("&routingKey=RAW({{pd.key}})&clientUrl=https://hub.example.com/api/alerts")) {
            sink.deliver(alert);
        }
        List<LoggedRequest> requests = PAGERDUTY.findAll(postRequestedFor(urlEqualTo("/v2/enqueue")));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getHeader("Content-Type")).isEqualTo("application/json");
        JsonNode e = JSON.readTree(requests.get(0).getBody());
        assertThat(e.get("routing_key").asText()).isEqualTo(DEFAULT_KEY);
        assertThat(e.get("event_action").asText()).isEqualTo("trigger");
        assertThat(e.get("dedup_key").asText()).isEqualTo("globex/md-raid/db1/md0");
        JsonNode p = e.get("payload");
        assertThat(p.get("summary").asText()).isEqualTo("RAID md0 on db1 degraded: sdb1 failed");
        assertThat(p.get("source").asText()).isEqualTo("db1");
        assertThat(p.get("severity").asText()).isEqualTo("error");
        assertThat(p.get("timestamp").asText()).isEqualTo("2026-11-24T05:10:00.123Z");
        assertThat(p.get("component").asText()).isEqualTo("db1/md0");
        assertThat(p.get("group").asText()).isEqualTo("hardware");
        assertThat(p.get("class").asText()).isEqualTo("md-raid-degraded");
        JsonNode d = p.get("custom_details");
        assertThat(d.get("tenant").asText()).isEqualTo("globex");
        assertThat(d.get("site").asText()).isEqualTo("tokyo-1");
        assertThat(d.get("layer").asText()).isEqualTo("hardware");
        assertThat(d.get("severity").asText()).isEqualTo("major");
        assertThat(d.get("fingerprint").asText()).isEqualTo(alert.fingerprint());
        assertThat(d.get("alertId").asText()).isEqualTo(alert.id().toString());
        assertThat(d.get("runbook").asText()).isEqualTo("https://runbooks.example.com/linux/md-raid-degraded");
        assertThat(d.get("labels").get("array").asText()).isEqualTo("md0");
        assertThat(d.get("details").get("syslog").get("facility").asText()).isEqualTo("kern");
        assertThat(d.get("source").get("connector").asText()).isEqualTo("syslog-source");
        assertThat(d.has("truncated")).isFalse();
        assertThat(e.get("links")).hasSize(2);
        assertThat(e.get("links").get(1).get("href").asText()).isEqualTo("https://grafana.example.com/d/db1");
        assertThat(e.get("links").get(1).get("text").asText()).isEqualTo("graph");
        assertThat(e.get("client").asText()).isEqualTo("Mimamori");
        assertThat(e.get("client_url").asText()).isEqualTo("https://hub.example.com/api/alerts");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"CRITICAL, critical", "MAJOR, error", "MINOR, warning", "WARNING, warning", "INFO, info"})
    void everySeverityMapsToPagerDutys(Severity severity, String expected) throws Exception {
        PAGERDUTY.stubFor(post("/v2/enqueue").willReturn(ACCEPTED));
        try (Sink sink = sink("&routingKey=RAW({{pd.key}})")) {
            sink.deliver(alert(severity, Status.FIRING));
        }
        assertThat(events()).singleElement().satisfies(e ->
                assertThat(e.get("payload").get("severity").asText()).isEqualTo(expected));
    }

    @ParameterizedTest(name = "group={0}")
    @CsvSource({"layer, hardware", "tenant, acme", "site, tokyo-1"})
    void groupComesFromTheChosenField(String group, String expected) throws Exception {
        PAGERDUTY.stubFor(post("/v2/enqueue").willReturn(ACCEPTED));
        try (Sink sink = sink("&routingKey=RAW({{pd.key}})&group=" + group)) {
            sink.deliver(alert(Severity.MINOR, Status.FIRING));
        }
        assertThat(events().get(0).get("payload").get("group").asText()).isEqualTo(expected);
    }

    @Test
    void resolvedSendsResolveWithTheTriggersDedupKeyAndRoutingKey() throws Exception {
        PAGERDUTY.stubFor(post("/v2/enqueue").willReturn(ACCEPTED));
        Alert firing = alert(Severity.CRITICAL, Status.FIRING);
        Alert resolved = firing.toBuilder().status(Status.RESOLVED).id(java.util.UUID.randomUUID()).build();
        try (Sink sink = sink("&routingKey=RAW({{pd.key}})&tenantRoutingKeys=RAW({{pd.tenantKeys}})")) {
            sink.deliver(firing);
            sink.deliver(resolved);
        }
        List<JsonNode> events = events();
        assertThat(events).hasSize(2);
        JsonNode resolve = events.get(1);
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.get("dedup_key").asText()).isEqualTo(events.get(0).get("dedup_key").asText())
                .isEqualTo("acme/md-raid/db1/md0");
        assertThat(resolve.get("routing_key").asText()).isEqualTo(ACME_KEY);
        assertThat(resolve.has("payload")).as("PagerDuty's resolve example carries no payload").isFalse();
    }

    @Test
    void eachTenantUsesItsOwnRoutingKeyAndOthersTheDefault() throws Exception {
        PAGERDUTY.stubFor(post("/v2/enqueue").willReturn(ACCEPTED));
        try (Sink sink = sink("&routingKey=RAW({{pd.key}})&tenantRoutingKeys=RAW({{pd.tenantKeys}})")) {
            sink.deliver(alert("acme", Severity.MAJOR, Status.FIRING));
            sink.deliver(alert("globex", Severity.MAJOR, Status.FIRING));
        }
        assertThat(events()).extracting(e -> e.get("routing_key").asText()).containsExactly(ACME_KEY, DEFAULT_KEY);
    }

    @Test
    void aTenantWithoutKeyAndNoDefaultIsRejectedWithoutCallingPagerDuty() throws Exception {
        try (Sink sink = sink("&tenantRoutingKeys=RAW({{pd.tenantKeys}})")) {
            DeliveryException e = sink.failure(alert("globex", Severity.MAJOR, Status.FIRING));
            assertThat(e.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(e.getMessage()).isEqualTo(
                    "no PagerDuty routing key for tenant 'globex': add it to tenantRoutingKeys or set routingKey");
        }
        assertThat(PAGERDUTY.getAllServeEvents()).isEmpty();
    }

    @Test
    void summaryIsCutAt1024Characters() throws Exception {
        PAGERDUTY.stubFor(post("/v2/enqueue").willReturn(ACCEPTED));
        Alert alert = alert(Severity.MAJOR, Status.FIRING).toBuilder().summary("x".repeat(5000)).build();
        try (Sink sink = sink("&routingKey=RAW({{pd.key}})")) {
            sink.deliver(alert);
        }
        String summary = events().get(0).get("payload").get("summary").asText();
        assertThat(summary).hasSize(1024).endsWith("x\u2026");
    }

    @Test
    void dedupKeyIsTenantSlashDedupKeyUpTo255CharactersElseTheFingerprint() throws Exception {
        PAGERDUTY.stubFor(post("/v2/enqueue").willReturn(ACCEPTED));
        String key250 = "k".repeat(250);
        Alert fits = SinkTestSupport.complete(alert("acme", Severity.MAJOR, Status.FIRING).toBuilder()
                .dedupKey(key250).fingerprint(null));
        Alert tooLong = SinkTestSupport.complete(alert("globex-holdings", Severity.MAJOR, Status.FIRING).toBuilder()
                .dedupKey(key250).fingerprint(null));
        try (Sink sink = sink("&routingKey=RAW({{pd.key}})")) {
            sink.deliver(fits);
            sink.deliver(tooLong);
            sink.deliver(tooLong.toBuilder().status(Status.RESOLVED).build());
        }
        List<JsonNode> events = events();
        assertThat(events.get(0).get("dedup_key").asText()).isEqualTo("acme/" + key250).hasSize(255);
        assertThat(events.get(1).get("dedup_key").asText()).isEqualTo(tooLong.fingerprint()).hasSizeLessThanOrEqualTo(255);
        assertThat(events.get(2).get("dedup_key").asText()).isEqualTo(tooLong.fingerprint());
    }

    @Test
    void anEventOver512KbLeavesOutTheAlertDetailsAndSaysSo() throws Exception {
        PAGERDUTY.stubFor(post("/v2/enqueue").willReturn(ACCEPTED));
        Alert huge = alert(Severity.MAJOR, Status.FIRING).toBuilder()
                .detail("dump", "y".repeat(600_000)).build();
        try (Sink sink = sink("&routingKey=RAW({{pd.key}})")) {
            sink.deliver(huge);
        }
        LoggedRequest r = PAGERDUTY.findAll(postRequestedFor(urlEqualTo("/v2/enqueue"))).get(0);
        assertThat(r.getBody().length).isLessThanOrEqualTo(512_000);
        JsonNode d = JSON.readTree(r.getBody()).get("payload").get("custom_details");
        assertThat(d.has("details")).isFalse();
        assertThat(d.get("labels").get("array").asText()).as("labels kept").isEqualTo("md0");
        assertThat(d.get("truncated").asText()).startsWith("details left out: the event was ")
                .contains("over PagerDuty's 512 KB limit", huge.id().toString());
    }

    @ParameterizedTest(name = "HTTP {0} (Retry-After {1}) -> {2}")
    @CsvSource(nullValues = "-", value = {
            "202, -, -, -",
            "400, -, REJECTED, -",
            "429, 30, RETRY, 30",
            "429, -, RETRY, -",
            "500, -, RETRY, -",
            "502, -, RETRY, -",
            "503, 5, RETRY, 5",
    })
    void answersBecomeVerdicts(int status, String retryAfter, Verdict verdict, Long waitSeconds) throws Exception {
        ResponseDefinitionBuilder response = status == 202 ? ACCEPTED : aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(status == 400 ? INVALID_EVENT : status == 429 ? THROTTLED : "{\"status\":\"error\"}");
        if (retryAfter != null) {
            response = response.withHeader("Retry-After", retryAfter);
        }
        PAGERDUTY.stubFor(post("/v2/enqueue").willReturn(response));
        try (Sink sink = sink("&routingKey=RAW({{pd.key}})")) {
            Alert alert = alert(Severity.MAJOR, Status.FIRING);
            if (verdict == null) {
                sink.deliver(alert);
                return;
            }
            DeliveryException e = sink.failure(alert);
            assertThat(e.verdict()).isEqualTo(verdict);
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.retryAfter()).isEqualTo(Optional.ofNullable(waitSeconds).map(Duration::ofSeconds));
            assertThat(e.getMessage()).startsWith("PagerDuty Events API answered HTTP " + status);
            if (status == 400) {
                assertThat(e.getMessage()).contains("Event object is invalid",
                        "Length of 'routing_key' is incorrect (should be 32 characters)");
            }
        }
    }

    @Test
    void connectionRefusedIsRetried() throws Exception {
        Properties p = new Properties();
        p.setProperty("pd.url", "http://127.0.0.1:" + SinkTestSupport.closedPort() + "/v2/enqueue");
        p.setProperty("pd.key", DEFAULT_KEY);
        try (Sink sink = SinkTestSupport.start("kamelet:pagerduty-sink?url=RAW({{pd.url}})&routingKey=RAW({{pd.key}})", p)) {
            DeliveryException e = sink.failure(alert(Severity.MAJOR, Status.FIRING));
            assertThat(e.verdict()).isEqualTo(Verdict.RETRY);
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).startsWith("PagerDuty Events API at http://127.0.0.1:").contains("could not be reached");
        }
    }

    @Test
    void theRateLimitNeverLetsMoreThanItsBudgetThroughPerRoutingKey() throws Exception {
        PAGERDUTY.stubFor(post("/v2/enqueue").willReturn(ACCEPTED));
        int accepted = 0;
        List<DeliveryException> deferred = new ArrayList<>();
        try (Sink sink = sink("&routingKey=RAW({{pd.key}})&tenantRoutingKeys=RAW({{pd.tenantKeys}})&ratePerMinute=6")) {
            for (int i = 0; i < 20; i++) {
                Exchange x = sink.send(alert("acme", Severity.MAJOR, Status.FIRING));
                if (x.getException() == null) {
                    accepted++;
                } else {
                    deferred.add((DeliveryException) x.getException());
                }
            }
            // another routing key has its own budget
            sink.deliver(alert("globex", Severity.MAJOR, Status.FIRING));
        }
        List<JsonNode> events = events();
        long acmeCalls = events.stream().filter(e -> e.get("routing_key").asText().equals(ACME_KEY)).count();
        assertThat(acmeCalls).isEqualTo(accepted);
        // half the budget goes out at once; the whole budget is the most any 60 seconds can see
        assertThat(accepted).isBetween(3, 6);
        assertThat(deferred).hasSize(20 - accepted).allSatisfy(e -> {
            assertThat(e.verdict()).isEqualTo(Verdict.DEFERRED);
            assertThat(e.retryAfter()).hasValueSatisfying(w -> assertThat(w).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20)));
            assertThat(e.getMessage()).isEqualTo("PagerDuty rate limit of 6 events a minute reached for the routing key of tenant 'acme'");
        });
        assertThat(events.stream().filter(e -> e.get("routing_key").asText().equals(DEFAULT_KEY)).count()).isEqualTo(1);
    }

    @Test
    void theDefaultRateLimitHoldsAStormTo120() throws Exception {
        PAGERDUTY.stubFor(post("/v2/enqueue").willReturn(ACCEPTED));
        int deferred = 0;
        try (Sink sink = sink("&routingKey=RAW({{pd.key}})")) {
            for (int i = 0; i < 200; i++) {
                Exchange x = sink.send(alert(Severity.MAJOR, Status.FIRING));
                if (x.getException() instanceof DeliveryException e && e.verdict() == Verdict.DEFERRED) {
                    deferred++;
                }
            }
        }
        int sent = PAGERDUTY.findAll(postRequestedFor(urlEqualTo("/v2/enqueue"))).size();
        assertThat(sent).isBetween(60, 120);
        assertThat(sent + deferred).isEqualTo(200);
    }

    @Test
    void routingKeysNeverReachMessagesOrLogs() throws Exception {
        // a peer that echoes the key back, as a proxy's error page might
        PAGERDUTY.stubFor(post("/v2/enqueue").willReturn(aResponse().withStatus(400)
                .withBody("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"unknown routing_key "
                        + ACME_KEY + "\"]}")));
        try (LogCapture log = new LogCapture(Level.INFO);
             Sink sink = sink("&routingKey=RAW({{pd.key}})&tenantRoutingKeys=RAW({{pd.tenantKeys}})")) {
            DeliveryException e = sink.failure(alert("acme", Severity.MAJOR, Status.FIRING));
            assertThat(e.getMessage()).contains("unknown routing_key ****").doesNotContain(ACME_KEY);
            assertThat(sink.context().getEndpoints()).filteredOn(PagerDutyEndpoint.class::isInstance)
                    .allSatisfy(ep -> assertThat(ep.toString()).doesNotContain(ACME_KEY).doesNotContain(DEFAULT_KEY));
            assertThat(log.size()).isPositive();
            assertThat(log.text()).doesNotContain(ACME_KEY).doesNotContain(DEFAULT_KEY);
        }
    }

    @Test
    void aBodyThatIsNoAlertIsRejected() throws Exception {
        try (Sink sink = sink("&routingKey=RAW({{pd.key}})")) {
            DeliveryException e = sink.failure(List.of(alert(Severity.MAJOR, Status.FIRING)));
            assertThat(e.verdict()).isEqualTo(Verdict.REJECTED);
            assertThat(e.getMessage()).startsWith("pagerduty-sink takes one io.mimamori.alert.Alert per exchange");
        }
    }

    @Test
    void invalidParametersStopTheRouteWithAClearError() {
        for (String[] c : new String[][] {
                {"", "pagerduty-sink has no routing key: set routingKey, tenantRoutingKeys or both"},
                {"&routingKey=RAW({{pd.key}})&url=RAW(events.pagerduty.com/v2/enqueue)",
                        "parameter 'url' must be an http:// or https:// URL, not a relative one"},
                {"&tenantRoutingKeys=RAW(acme)", "parameter 'tenantRoutingKeys', entry 1 has no '='"},
        }) {
            Properties p = new Properties();
            p.setProperty("pd.key", DEFAULT_KEY);
            Throwable t = catchThrowable(() -> SinkTestSupport.start("kamelet:pagerduty-sink?ratePerMinute=120" + c[0], p).close());
            StringBuilder all = new StringBuilder();
            for (Throwable x = t; x != null; x = x.getCause()) {
                all.append(x.getMessage()).append('\n');
            }
            assertThat(all.toString()).as(c[0]).contains(c[1]);
        }
    }

    @Test
    void theExampleRouteFileDelivers() throws Exception {
        PAGERDUTY.stubFor(post("/v2/enqueue").willReturn(ACCEPTED));
        Properties p = new Properties();
        p.setProperty("mimamori.pagerduty.routingKey", DEFAULT_KEY);
        p.setProperty("mimamori.pagerduty.tenantRoutingKeys", "acme=" + ACME_KEY);
        p.setProperty("mimamori.pagerduty.url", "http://127.0.0.1:" + PAGERDUTY.getPort() + "/v2/enqueue");
        try (Sink sink = SinkTestSupport.startRouteFile(Path.of("../../routes/examples/pagerduty.yaml"), "pagerduty", p)) {
            sink.deliver(alert("acme", Severity.CRITICAL, Status.FIRING));
            sink.deliver(alert("globex", Severity.CRITICAL, Status.RESOLVED));
        }
        assertThat(events()).extracting(e -> e.get("routing_key").asText() + " " + e.get("event_action").asText())
                .containsExactly(ACME_KEY + " trigger", DEFAULT_KEY + " resolve");
    }

    @Test
    void theExampleRouteFileDefaultsToPagerDutysUrl() throws Exception {
        Properties p = new Properties();
        p.setProperty("mimamori.pagerduty.routingKey", DEFAULT_KEY);
        try (Sink sink = SinkTestSupport.startRouteFile(Path.of("../../routes/examples/pagerduty.yaml"), "pagerduty", p)) {
            assertThat(sink.context().getEndpoints()).filteredOn(PagerDutyEndpoint.class::isInstance)
                    .singleElement().satisfies(ep ->
                            assertThat(((PagerDutyEndpoint) ep).target()).hasToString("https://events.pagerduty.com/v2/enqueue"));
        }
    }
}
