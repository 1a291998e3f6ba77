package io.mimamori.hub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several tenants on one hub, with the built distribution and real syslog input: each tenant's
 * alerts reach only its own sink, unclaimed senders are rejected and counted, a maintenance
 * window added through the API holds a tenant's alert until it is removed, and tenants sharing one
 * PagerDuty delivery route are paged with their own routing keys from tenants.yaml.
 */
class TenantsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** PagerDuty's Events API v2 as documented: 202 {"status":"success","message":"Event processed",...}. */
    @RegisterExtension
    static final WireMockExtension PAGERDUTY = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path tmp;
    private HubProcess hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private HubProcess start() throws Exception {
        Map<String, String> deliveryRoutes = new LinkedHashMap<>();
        for (String tenant : List.of("acme", "globex")) {
            deliveryRoutes.put("deliver-" + tenant + ".yaml", """
                    - route:
                        id: deliver-%1$s
                        from:
                          uri: mimamori-outbox:%1$s-file
                          steps:
                            - to:
                                uri: kamelet:file-sink
                                parameters:
                                  path: "{{mimamori.data.dir}}/%1$s.jsonl"
                    """.formatted(tenant));
        }
        return start("""
                unknown: reject
                tenants:
                  - id: acme
                    timezone: Asia/Tokyo
                    attribution:
                      hostnames: ["*.acme.example"]
                    routes:
                      - sinks: [acme-file]
                  - id: globex
                    timezone: Europe/Berlin
                    attribution:
                      hostnames: ["*.globex.example"]
                    routes:
                      - sinks: [globex-file]
                """, deliveryRoutes, Map.of());
    }

    /** The repository's config and source routes, with this tenants.yaml, delivery routes and environment. */
    private HubProcess start(String tenantsYaml, Map<String, String> deliveryRoutes, Map<String, String> env,
                             String... args) throws Exception {
        Path config = tmp.resolve("config");
        Path routes = tmp.resolve("routes");
        HubProcess.copyDefaultDeployment(config, routes);
        Files.writeString(config.resolve("tenants.yaml"), tenantsYaml);
        for (Map.Entry<String, String> r : deliveryRoutes.entrySet()) {
            Files.writeString(routes.resolve(r.getKey()), r.getValue());
        }
        hub = HubProcess.start(config, routes, tmp.resolve("data"), env, args);
        return hub;
    }

    private static void send(int port, String... hosts) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = new BufferedOutputStream(s.getOutputStream());
            for (String host : hosts) {
                byte[] b = ("<10>1 2026-12-03T10:00:00Z " + host + " app 1 - - power supply failure on " + host)
                        .getBytes(StandardCharsets.US_ASCII);
                out.write((b.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.write(b);
            }
            out.flush();
        }
    }

    private List<JsonNode> lines(String file) throws Exception {
        Path p = tmp.resolve("data").resolve(file);
        if (!Files.exists(p)) {
            return List.of();
        }
        return Files.readAllLines(p).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort + path))
                .timeout(Duration.ofSeconds(5));
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachTenantsAlertsReachOnlyItsOwnSinkAndUnclaimedSendersAreRejected() throws Exception {
        start();
        send(hub.syslogPort, "web1.acme.example", "db1.globex.example", "web2.acme.example", "stray.example.org");
        await().atMost(Duration.ofSeconds(30)).until(() -> lines("acme.jsonl").size() == 2
                && lines("globex.jsonl").size() == 1);
        Thread.sleep(1_000);   // nothing else may arrive
        assertThat(lines("acme.jsonl")).extracting(n -> n.path("tenant").asText() + " " + n.path("host").asText())
                .containsExactly("acme web1.acme.example", "acme web2.acme.example");
        assertThat(lines("globex.jsonl")).extracting(n -> n.path("tenant").asText() + " " + n.path("host").asText())
                .containsExactly("globex db1.globex.example");
        assertThat(hub.metric("mimamori_dropped_total", Map.of("route", "syslog", "reason", "unknown_tenant")))
                .isEqualTo(1);
        assertThat(hub.metric("mimamori_delivery_not_routed_total", Map.of("sink", "acme-file"))).isEqualTo(1);
        assertThat(hub.alerts("tenant=globex").path("count").asInt()).isEqualTo(1);

        JsonNode tenants = JSON.readTree(call("GET", "/api/tenants", null).body());
        assertThat(tenants.path("tenants").findValuesAsText("id")).as("the file's tenants, then the hub's default")
                .containsExactly("acme", "globex", "default");
        assertThat(tenants.toString()).doesNotContain("routingKey");
        assertThat(tenants.path("tenants").get(0).path("timezone").asText()).isEqualTo("Asia/Tokyo");
    }

    @Test
    void aWindowAddedThroughTheApiHoldsItsTenantsAlertUntilItIsRemoved() throws Exception {
        start();
        HttpResponse<String> bad = call("POST", "/api/maintenance", """
                {"id": "typo", "tenant": "globex", "reason": "x", "match": {"hots": "db2*"},
                 "schedule": {"start": "%s", "end": "%s"}}""".formatted(Instant.now(), Instant.now().plusSeconds(3600)));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("hots").contains("host");

        HttpResponse<String> added = call("POST", "/api/maintenance", """
                {"id": "db2-patch", "tenant": "globex", "reason": "kernel update", "ticket": "CHG-1",
                 "match": {"host": "db2.*"},
                 "schedule": {"start": "%s", "end": "%s"}}""".formatted(Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(3600)));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(JSON.readTree(added.body()).path("active").asBoolean()).isTrue();

        send(hub.syslogPort, "db2.globex.example", "db3.globex.example");
        await().atMost(Duration.ofSeconds(30)).until(() -> lines("globex.jsonl").size() == 1);
        assertThat(lines("globex.jsonl")).extracting(n -> n.path("host").asText()).containsExactly("db3.globex.example");
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.metric("mimamori_alerts_suppressed_total",
                Map.of("route", "syslog", "reason", "maintenance")) == 1);
        JsonNode listed = JSON.readTree(call("GET", "/api/maintenance", null).body());
        assertThat(listed.path("windows").findValuesAsText("id")).containsExactly("db2-patch");
        assertThat(tmp.resolve("data/maintenance/db2-patch.yaml")).exists();

        assertThat(call("DELETE", "/api/maintenance/db2-patch", null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines("globex.jsonl").size() == 2);
        assertThat(lines("globex.jsonl").get(1).path("host").asText()).isEqualTo("db2.globex.example");
        assertThat(tmp.resolve("data/maintenance/db2-patch.yaml")).doesNotExist();
        assertThat(lines("acme.jsonl")).isEmpty();
    }

    @Test
    void tenantsOnOnePagerDutyRouteArePagedWithTheirOwnRoutingKeysFromTheEnvironment() throws Exception {
        PAGERDUTY.stubFor(post("/v2/enqueue").willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"x\"}")));
        String acmeKey = "acme" + "0".repeat(27) + "1";
        String globexKey = "globex" + "0".repeat(25) + "2";
        start("""
                unknown: reject
                tenants:
                  - id: acme
                    attribution:
                      hostnames: ["*.acme.example"]
                    secrets:
                      pagerduty: env:ACME_PD_ROUTING_KEY
                  - id: globex
                    attribution:
                      hostnames: ["*.globex.example"]
                    secrets:
                      pagerduty: env:GLOBEX_PD_ROUTING_KEY
                  - id: initech
                    attribution:
                      hostnames: ["*.initech.example"]
                """, Map.of("deliver-pagerduty.yaml", """
                - route:
                    id: deliver-pagerduty
                    from:
                      uri: mimamori-outbox:pagerduty
                      steps:
                        - to:
                            uri: kamelet:pagerduty-sink
                            parameters:
                              url: "RAW({{mimamori.pagerduty.url}})"
                """), Map.of("ACME_PD_ROUTING_KEY", acmeKey, "GLOBEX_PD_ROUTING_KEY", globexKey),
                "--set", "mimamori.pagerduty.url=http://127.0.0.1:" + PAGERDUTY.getPort() + "/v2/enqueue");

        send(hub.syslogPort, "web1.acme.example", "db1.globex.example", "app1.initech.example", "web2.acme.example");
        await().atMost(Duration.ofSeconds(30)).until(() -> events().size() == 3
                && hub.metric("mimamori_delivery_dead_lettered_total", Map.of("sink", "pagerduty")) == 1);
        assertThat(events()).extracting(e -> e.path("payload").path("source").asText() + " " + e.path("routing_key").asText())
                .containsExactlyInAnyOrder("web1.acme.example " + acmeKey, "db1.globex.example " + globexKey,
                        "web2.acme.example " + acmeKey);

        String cli = HubProcess.DIST.resolve("bin/mimamori").toString();
        HubProcess.Result dead = HubProcess.exec(List.of(cli, "dlq", "list", "--sink", "pagerduty",
                "--data-dir", tmp.resolve("data").toString()));
        assertThat(dead.output()).contains("initech", "no PagerDuty routing key for tenant 'initech' on sink"
                + " 'pagerduty': give the tenant one under secrets: in tenants.yaml", "1 dead letter(s)");
        assertThat(hub.logText()).as("the start-up warning names the tenant without a key")
                .contains("warning: tenant initech may be routed to sink 'pagerduty' but has no routing key for it")
                .doesNotContain(acmeKey).doesNotContain(globexKey);
        String tenants = call("GET", "/api/tenants", null).body();
        assertThat(JSON.readTree(tenants).path("tenants").get(0).path("secretSinks").toString()).isEqualTo("[\"pagerduty\"]");
        assertThat(tenants).doesNotContain(acmeKey).doesNotContain(globexKey);
    }

    private static List<JsonNode> events() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : PAGERDUTY.findAll(postRequestedFor(urlEqualTo("/v2/enqueue")))) {
            out.add(JSON.readTree(r.getBody()));
        }
        return out;
    }
}
