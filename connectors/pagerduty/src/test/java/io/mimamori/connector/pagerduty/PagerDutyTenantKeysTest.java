package io.mimamori.connector.pagerduty;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.mimamori.testing.DeliveryTestSupport.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mimamori.alert.Status;
import io.mimamori.outbox.DeadLetters.DeadLetter;
import io.mimamori.testing.DeliveryTestSupport;
import io.mimamori.testing.LogCapture;
import io.mimamori.tenant.TenantDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing keys per tenant as the hub delivers: the pipeline with a tenants.yaml whose {@code secrets:}
 * give some tenants their own key for the delivery route {@code pagerduty}, the durable outbox, and
 * {@code mimamori-outbox:pagerduty -> kamelet:pagerduty-sink} against a WireMock Events API v2
 * answering as PagerDuty documents (202 "Event processed"; 400 "invalid event").
 */
class PagerDutyTenantKeysTest {
    @RegisterExtension
    static final WireMockExtension PAGERDUTY = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_KEY = PagerDutySinkTest.DEFAULT_KEY;
    /** acme's key, only in a file tenants.yaml points to. */
    private static final String ACME_FILE_KEY = "acmef1leR0ut1ngK3y00000000000042";
    private static final String INITECH_ROUTE_KEY = "1n1techR0uteK3y00000000000000007";

    @TempDir
    Path config;
    @TempDir
    Path data;

    private TenantDirectory tenants() throws Exception {
        Files.writeString(config.resolve("acme-pagerduty.key"), ACME_FILE_KEY + "\n");
        Files.writeString(config.resolve(TenantDirectory.FILE_NAME), """
                tenants:
                  - id: acme
                    secrets:
                      pagerduty: file:acme-pagerduty.key
                  - id: globex
                  - id: initech
                  - id: hooli
                """);
        return TenantDirectory.load(config, "default", Set.of("pagerduty"));
    }

    private DeliveryTestSupport hub(String parameters) throws Exception {
        Properties p = new Properties();
        p.setProperty("pd.url", "http://127.0.0.1:" + PAGERDUTY.getPort() + "/v2/enqueue");
        p.setProperty("pd.key", DEFAULT_KEY);
        p.setProperty("pd.tenantKeys", "initech=" + INITECH_ROUTE_KEY);
        return DeliveryTestSupport.start(data, tenants(), "pagerduty",
                "kamelet:pagerduty-sink?url=RAW({{pd.url}})" + parameters, p);
    }

    private static List<JsonNode> events() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : PAGERDUTY.findAll(postRequestedFor(urlEqualTo("/v2/enqueue")))) {
            out.add(JSON.readTree(r.getBody()));
        }
        return out;
    }

    @Test
    void eachTenantIsSentWithItsKeyFromTenantsYamlElseTheRoutesMapElseTheDefault() throws Exception {
        PAGERDUTY.stubFor(post("/v2/enqueue").willReturn(PagerDutySinkTest.ACCEPTED));
        try (DeliveryTestSupport hub = hub("&routingKey=RAW({{pd.key}})&tenantRoutingKeys=RAW({{pd.tenantKeys}})")) {
            hub.ingest(draft("acme", "psu/bmc1", Status.FIRING));
            hub.ingest(draft("globex", "psu/bmc1", Status.FIRING));
            hub.ingest(draft("initech", "psu/bmc1", Status.FIRING));
            hub.ingest(draft("acme", "psu/bmc1", Status.RESOLVED));
            await().atMost(Duration.ofSeconds(20)).until(() -> events().size() == 4);
        }
        assertThat(events()).extracting(e -> e.get("dedup_key").asText() + " " + e.get("event_action").asText()
                + " " + e.get("routing_key").asText()).containsExactly(
                "acme/psu/bmc1 trigger " + ACME_FILE_KEY,
                "globex/psu/bmc1 trigger " + DEFAULT_KEY,
                "initech/psu/bmc1 trigger " + INITECH_ROUTE_KEY,
                "acme/psu/bmc1 resolve " + ACME_FILE_KEY);
    }

    @Test
    void aTenantWithNoKeyAnywhereIsACountedDeadLetterSayingSo() throws Exception {
        PAGERDUTY.stubFor(post("/v2/enqueue").willReturn(PagerDutySinkTest.ACCEPTED));
        // the route gives no key at all: only tenants.yaml does, for acme
        try (LogCapture log = new LogCapture(Level.INFO); DeliveryTestSupport hub = hub("")) {
            hub.ingest(draft("hooli", "psu/bmc1", Status.FIRING));
            hub.ingest(draft("acme", "psu/bmc1", Status.FIRING));
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.deliveryCount("delivered", "pagerduty") == 1
                    && hub.deliveryCount("dead_lettered", "pagerduty") == 1);

            String reason = "no PagerDuty routing key for tenant 'hooli' on sink 'pagerduty': give the tenant one under"
                    + " secrets: in tenants.yaml (pagerduty: env:NAME), add it to tenantRoutingKeys or set routingKey";
            List<DeadLetter> dead = hub.deadLetters("pagerduty");
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.tenant()).isEqualTo("hooli");
                assertThat(d.reason()).isEqualTo(reason);
            });
            assertThat(log.text()).contains("Sink 'pagerduty' rejected 1 alert(s) for good; moved to the dead-letter store: "
                    + reason).doesNotContain(ACME_FILE_KEY);
        }
        assertThat(events()).singleElement().satisfies(e -> {
            assertThat(e.get("dedup_key").asText()).isEqualTo("acme/psu/bmc1");
            assertThat(e.get("routing_key").asText()).isEqualTo(ACME_FILE_KEY);
        });
    }

    @Test
    void aKeyFromTenantsYamlNeverReachesDeadLettersOrLogs() throws Exception {
        // a peer that echoes the key back, as a proxy's error page might
        PAGERDUTY.stubFor(post("/v2/enqueue").willReturn(aResponse().withStatus(400)
                .withBody("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":"
                        + "[\"unknown routing_key " + ACME_FILE_KEY + "\"]}")));
        try (LogCapture log = new LogCapture(Level.INFO); DeliveryTestSupport hub = hub("&routingKey=RAW({{pd.key}})")) {
            hub.ingest(draft("acme", "psu/bmc1", Status.FIRING));
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.deliveryCount("dead_lettered", "pagerduty") == 1);
            assertThat(hub.deadLetters("pagerduty")).singleElement().satisfies(d ->
                    assertThat(d.reason()).contains("unknown routing_key ****").doesNotContain(ACME_FILE_KEY));
            assertThat(log.size()).isPositive();
            assertThat(log.text()).contains("unknown routing_key ****").doesNotContain(ACME_FILE_KEY);
        }
        assertThat(events()).singleElement().satisfies(e ->
                assertThat(e.get("routing_key").asText()).isEqualTo(ACME_FILE_KEY));
    }
}
