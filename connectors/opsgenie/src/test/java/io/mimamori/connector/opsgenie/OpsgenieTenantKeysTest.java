package io.mimamori.connector.opsgenie;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.mimamori.testing.DeliveryTestSupport.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mimamori.alert.Status;
import io.mimamori.testing.DeliveryTestSupport;
import io.mimamori.testing.LogCapture;
import io.mimamori.tenant.TenantDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * API keys per tenant as the hub delivers: the pipeline with a tenants.yaml whose {@code secrets:}
 * give some tenants their own key for the delivery route {@code opsgenie}, the durable outbox, and
 * {@code mimamori-outbox:opsgenie -> kamelet:opsgenie-sink} against a WireMock Alert API answering as
 * Opsgenie documents (202 "Request will be processed"; 401 for a key it does not know).
 */
class OpsgenieTenantKeysTest {
    @RegisterExtension
    static final WireMockExtension OPSGENIE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String DEFAULT_KEY = OpsgenieSinkTest.DEFAULT_KEY;
    /** acme's key, only in a file tenants.yaml points to. */
    private static final String ACME_FILE_KEY = "7c2b9e4a-1d3f-4e5a-9b8c-0a1b2c3d4e5f";
    private static final String INITECH_ROUTE_KEY = "f00dbabe-0000-4000-8000-000000000007";

    @TempDir
    Path config;
    @TempDir
    Path data;

    private DeliveryTestSupport hub(String parameters) throws Exception {
        Files.writeString(config.resolve("acme-opsgenie.key"), ACME_FILE_KEY);
        Files.writeString(config.resolve(TenantDirectory.FILE_NAME), """
                tenants:
                  - id: acme
                    secrets:
                      opsgenie: file:acme-opsgenie.key
                  - id: globex
                  - id: initech
                  - id: hooli
                """);
        Properties p = new Properties();
        p.setProperty("og.url", "http://127.0.0.1:" + OPSGENIE.getPort());
        p.setProperty("og.key", DEFAULT_KEY);
        p.setProperty("og.tenantKeys", "initech=" + INITECH_ROUTE_KEY);
        return DeliveryTestSupport.start(data, TenantDirectory.load(config, "default", Set.of("opsgenie")), "opsgenie",
                "kamelet:opsgenie-sink?url=RAW({{og.url}})" + parameters, p);
    }

    private static List<LoggedRequest> requests() {
        return OPSGENIE.findAll(anyRequestedFor(anyUrl()));
    }

    @Test
    void eachTenantIsSentWithItsKeyFromTenantsYamlElseTheRoutesMapElseTheDefault() throws Exception {
        OPSGENIE.stubFor(post(urlPathMatching("/v2/alerts.*")).willReturn(OpsgenieSinkTest.ACCEPTED));
        try (DeliveryTestSupport hub = hub("&apiKey=RAW({{og.key}})&tenantApiKeys=RAW({{og.tenantKeys}})")) {
            hub.ingest(draft("acme", "psu/bmc1", Status.FIRING));
            hub.ingest(draft("globex", "psu/bmc1", Status.FIRING));
            hub.ingest(draft("initech", "psu/bmc1", Status.FIRING));
            hub.ingest(draft("acme", "psu/bmc1", Status.RESOLVED));
            await().atMost(Duration.ofSeconds(20)).until(() -> requests().size() == 4);
        }
        assertThat(requests()).extracting(r -> r.getUrl() + " " + r.getHeader("Authorization")).containsExactly(
                "/v2/alerts GenieKey " + ACME_FILE_KEY,
                "/v2/alerts GenieKey " + DEFAULT_KEY,
                "/v2/alerts GenieKey " + INITECH_ROUTE_KEY,
                "/v2/alerts/acme%2Fpsu%2Fbmc1/close?identifierType=alias GenieKey " + ACME_FILE_KEY);
        assertThat(requests().subList(0, 3)).extracting(r -> r.getBodyAsString())
                .satisfiesExactly(b -> assertThat(b).contains("\"alias\":\"acme/psu/bmc1\""),
                        b -> assertThat(b).contains("\"alias\":\"globex/psu/bmc1\""),
                        b -> assertThat(b).contains("\"alias\":\"initech/psu/bmc1\""));
    }

    @Test
    void aTenantWithNoKeyAnywhereIsACountedDeadLetterSayingSo() throws Exception {
        OPSGENIE.stubFor(post(urlPathMatching("/v2/alerts.*")).willReturn(OpsgenieSinkTest.ACCEPTED));
        // the route gives no key at all: only tenants.yaml does, for acme
        try (LogCapture log = new LogCapture(Level.INFO); DeliveryTestSupport hub = hub("")) {
            hub.ingest(draft("hooli", "psu/bmc1", Status.FIRING));
            hub.ingest(draft("acme", "psu/bmc1", Status.FIRING));
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.deliveryCount("delivered", "opsgenie") == 1
                    && hub.deliveryCount("dead_lettered", "opsgenie") == 1);

            String reason = "no Opsgenie API key for tenant 'hooli' on sink 'opsgenie': give the tenant one under"
                    + " secrets: in tenants.yaml (opsgenie: env:NAME), add it to tenantApiKeys or set apiKey";
            assertThat(hub.deadLetters("opsgenie")).singleElement().satisfies(d -> {
                assertThat(d.tenant()).isEqualTo("hooli");
                assertThat(d.reason()).isEqualTo(reason);
            });
            assertThat(log.text()).contains("Sink 'opsgenie' rejected 1 alert(s) for good; moved to the dead-letter store: "
                    + reason).doesNotContain(ACME_FILE_KEY);
        }
        assertThat(requests()).singleElement().satisfies(r ->
                assertThat(r.getHeader("Authorization")).isEqualTo("GenieKey " + ACME_FILE_KEY));
    }

    @Test
    void aKeyFromTenantsYamlNeverReachesDeadLettersOrLogs() throws Exception {
        // Opsgenie's 401 answer, here echoing the key back as a proxy's error page might
        OPSGENIE.stubFor(post(urlPathMatching("/v2/alerts.*")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Key " + ACME_FILE_KEY + " is not valid\",\"took\":0.0,\"requestId\":\"r\"}")));
        try (LogCapture log = new LogCapture(Level.INFO); DeliveryTestSupport hub = hub("&apiKey=RAW({{og.key}})")) {
            hub.ingest(draft("acme", "psu/bmc1", Status.FIRING));
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.deliveryCount("dead_lettered", "opsgenie") == 1);
            assertThat(hub.deadLetters("opsgenie")).singleElement().satisfies(d ->
                    assertThat(d.reason()).contains("Key **** is not valid").doesNotContain(ACME_FILE_KEY));
            assertThat(log.size()).isPositive();
            assertThat(log.text()).contains("Key **** is not valid").doesNotContain(ACME_FILE_KEY);
        }
        assertThat(requests()).singleElement().satisfies(r ->
                assertThat(r.getHeader("Authorization")).isEqualTo("GenieKey " + ACME_FILE_KEY));
    }
}
