package io.mimamori.connector.cloudwatch;

import static io.mimamori.connector.cloudwatch.CloudWatchAlarmMapperTest.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.outbox.Outbox;
import io.mimamori.outbox.OutboxSettings;
import io.mimamori.pipeline.Ingest;
import io.mimamori.pipeline.Pipeline;
import io.mimamori.pipeline.PipelineSettings;
import io.mimamori.lifecycle.MaintenanceGate;
import io.mimamori.tenant.TenantDirectory;
import io.mimamori.tenant.TenantResolver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQS source against ElasticMQ in this JVM, feeding the real pipeline and outbox: messages sent
 * with the AWS SDK become alerts in the outbox, a message is deleted only after its commit, bad
 * messages are quarantined without disturbing the others.
 */
class CloudWatchSqsSourceIT {
    static ElasticMq sqs;
    @TempDir
    Path data;
    DefaultCamelContext context;
    SimpleMeterRegistry meters;
    final AtomicBoolean failCommits = new AtomicBoolean();
    final AtomicInteger failedAttempts = new AtomicInteger();

    @BeforeAll
    static void startSqs() throws Exception {
        sqs = new ElasticMq();
    }

    @AfterAll
    static void stopSqs() {
        sqs.close();
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    /** A hub of one route: the source, a switch that can make the commit fail, the pipeline. */
    void start(String queue, String extra, TenantResolver tenants) throws Exception {
        startWith(queue, extra, ctx -> {
            if (tenants != null) {
                ctx.getRegistry().bind(TenantResolver.BEAN, tenants);
            }
            Pipeline.install(ctx, pipelineSettings());
        });
    }

    /** The same hub with the deployment's tenants, installed as the hub installs them. */
    void start(String queue, TenantDirectory tenants) throws Exception {
        startWith(queue, "", ctx -> Pipeline.install(ctx, pipelineSettings(), Clock.systemUTC(), MaintenanceGate.NONE,
                tenants));
    }

    PipelineSettings pipelineSettings() {
        return new PipelineSettings("default", "it", data, 100,
                new OutboxSettings(true, 1000, Duration.ofHours(1), Duration.ofDays(1), Duration.ofMinutes(1)));
    }

    private void startWith(String queue, String extra, Consumer<DefaultCamelContext> pipeline) throws Exception {
        meters = new SimpleMeterRegistry();
        context = new DefaultCamelContext();
        context.getRegistry().bind("meters", meters);
        pipeline.accept(context);
        String uri = "mimamori-cloudwatch-sqs:it?queue=" + queue + "&endpointOverride=" + sqs.endpoint()
                + "&region=us-east-1&accessKey=RAW(test-key)&secretKey=RAW(test-secret)&waitTimeSeconds=1"
                + "&visibilityTimeout=2&quarantineDir=" + data.resolve("quarantine") + extra;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("cw-it")
                        .process(exchange -> {
                            if (failCommits.get()) {
                                failedAttempts.incrementAndGet();
                                throw new java.io.IOException("outbox unavailable (test)");
                            }
                        })
                        .to(Ingest.ENDPOINT);
            }
        });
        context.start();
    }

    /** The outbox's alerts in commit order. */
    List<Alert> outbox() throws Exception {
        List<Alert> out = new ArrayList<>();
        Path file = data.resolve(Outbox.FILE_NAME);
        if (!Files.exists(file)) {
            return out;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet r = c.createStatement().executeQuery("SELECT json FROM alert ORDER BY seq")) {
            while (r.next()) {
                out.add(AlertJson.fromJson(new String(r.getBytes(1), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    List<Alert> awaitOutbox(int count) {
        return await().atMost(Duration.ofSeconds(20)).until(this::outbox, l -> l.size() >= count);
    }

    double counter(String name, String reason) {
        var search = meters.find(name).tag("connector", "cloudwatch-sqs-source").tag("route", "it");
        if (reason != null) {
            search = search.tag("reason", reason);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    static String queueName() {
        return "alarms-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void alarmsOfEveryShapeReachTheOutboxAndAreDeletedAfterCommit() throws Exception {
        String url = sqs.queue(queueName());
        start(url, "", null);
        sqs.send(url, payload("sns-envelope-ec2-cpu-alarm.json"));
        sqs.send(url, payload("eventbridge-composite.json"));
        awaitOutbox(2);
        sqs.send(url, payload("raw-ec2-cpu-ok.json"));
        List<Alert> alerts = awaitOutbox(3);
        assertThat(alerts).extracting(Alert::dedupKey).containsExactlyInAnyOrder(
                "aws/123456789012/us-east-1/ServerCpuTooHigh", "aws/123456789012/us-east-1/ServiceAggregatedAlarm",
                "aws/123456789012/us-east-1/ServerCpuTooHigh");
        Alert resolved = alerts.get(2);
        assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
        assertThat(resolved.tenant()).isEqualTo("default");
        assertThat(resolved.source().connector()).isEqualTo("cloudwatch-sqs-source");
        assertThat(resolved.source().peer()).isEqualTo(url);
        assertThat(resolved.fingerprint()).isEqualTo(alerts.stream()
                .filter(a -> a.status() == Status.FIRING && a.event().equals("ServerCpuTooHigh"))
                .findFirst().orElseThrow().fingerprint());
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messages(url) == 0);
        assertThat(counter("mimamori.received", null)).isEqualTo(3);
    }

    @Test
    void aMessageWhoseCommitFailsIsNotDeletedAndIsDeliveredAgain() throws Exception {
        String name = queueName();
        String url = sqs.queue(name);
        failCommits.set(true);
        start(name, "&extendVisibility=false", null);
        sqs.send(url, payload("raw-rds-tags-tokyo.json"));
        await().atMost(Duration.ofSeconds(20)).until(() -> failedAttempts.get() >= 2);
        assertThat(outbox()).isEmpty();
        assertThat(sqs.messages(url)).as("not deleted while the commit fails").isEqualTo(1);
        failCommits.set(false);
        List<Alert> alerts = awaitOutbox(1);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.dedupKey()).isEqualTo("aws/210987654321/ap-northeast-1/P1-orders-db-free-storage");
            assertThat(a.severity()).isEqualTo(Severity.MINOR);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messages(url) == 0);
        Thread.sleep(3000);
        assertThat(outbox()).as("delivered once after the commit worked").hasSize(1);
    }

    @Test
    void badMessagesAreQuarantinedCountedAndDeletedWhileAlarmsFlow() throws Exception {
        String url = sqs.queue(queueName());
        start(url, "&maxBodyBytes=4096", null);
        sqs.send(url, payload("unparsed/truncated.json"));
        sqs.send(url, payload("unparsed/s3-event.json"));
        sqs.send(url, "{\"AlarmName\":\"" + "x".repeat(5000) + "\"}");
        sqs.send(url, payload("ignored-sns-subscription-confirmation.json"));
        sqs.send(url, payload("sns-envelope-ec2-cpu-alarm.json"));
        assertThat(awaitOutbox(1)).singleElement().extracting(Alert::event).isEqualTo("ServerCpuTooHigh");
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messages(url) == 0);
        Path dir = data.resolve("quarantine").resolve("it");
        List<JsonNode> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                files.add(new ObjectMapper().readTree(p.toFile()));
            }
        }
        assertThat(files).extracting(f -> f.get("reason").asText())
                .containsExactlyInAnyOrder("malformed_json", "not_an_alarm", "too_large");
        assertThat(files).allSatisfy(f -> {
            assertThat(f.get("queue").asText()).isEqualTo(url);
            assertThat(f.get("messageId").asText()).isNotBlank();
            assertThat(f.get("receivedAt").asText()).isNotBlank();
            assertThat(f.get("body").asText()).isNotBlank();
        });
        assertThat(files.stream().filter(f -> f.get("reason").asText().equals("malformed_json")).findFirst()
                .orElseThrow().get("body").asText()).isEqualTo(payload("unparsed/truncated.json"));
        assertThat(counter("mimamori.malformed", "malformed_json")).isEqualTo(1);
        assertThat(counter("mimamori.malformed", "not_an_alarm")).isEqualTo(1);
        assertThat(counter("mimamori.malformed", "too_large")).isEqualTo(1);
        assertThat(counter("mimamori.dropped", "sns_subscription_confirmation")).isEqualTo(1);
    }

    @Test
    void tenantComesFromTheAccountAndRejectedAccountsAreDropped() throws Exception {
        String url = sqs.queue(queueName());
        List<String> askedQueues = new java.util.concurrent.CopyOnWriteArrayList<>();
        TenantResolver tenants = claims -> {
            askedQueues.add(claims.sqsQueue());
            return "123456789012".equals(claims.awsAccount()) ? new TenantResolver.Resolution("acme", true)
                    : new TenantResolver.Resolution(null, false);
        };
        start(url, "", tenants);
        sqs.send(url, payload("raw-legacy-eu-ireland.json"));
        sqs.send(url, payload("eventbridge-anomaly-detection.json"));
        assertThat(awaitOutbox(1)).singleElement().satisfies(a -> {
            assertThat(a.tenant()).isEqualTo("acme");
            assertThat(a.event()).isEqualTo("EC2 CPU Utilization Anomaly");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messages(url) == 0);
        assertThat(counter("mimamori.dropped", "unknown_tenant")).isEqualTo(1);
        assertThat(askedQueues).containsOnly(url);
        assertThat(outbox()).hasSize(1);
    }

    @Test
    void eachTenantsSeverityConventionFromTenantsYamlAppliesToItsAlarms() throws Exception {
        Path config = Files.createDirectories(data.resolve("config"));
        Files.writeString(config.resolve(TenantDirectory.FILE_NAME), """
                tenants:
                  - id: tokyo
                    attribution: { awsAccounts: ["210987654321"] }
                    sources:
                      cloudwatch: { severityTag: '' }
                  - id: acme
                    attribution: { awsAccounts: ["123456789012"] }
                    sources:
                      cloudwatch:
                        severityNamePattern: '-(?<severity>sev[1-5])$'
                        defaultSeverity: minor
                """);
        String url = sqs.queue(queueName());
        start(url, TenantDirectory.load(config));
        // by the route's convention the first would be minor (its tag), the second critical (its name)
        sqs.send(url, payload("raw-rds-tags-tokyo.json"));
        sqs.send(url, payload("raw-composite-govcloud.json"));

        List<Alert> alerts = awaitOutbox(2);

        assertThat(alerts).filteredOn(a -> a.tenant().equals("tokyo")).singleElement().satisfies(a -> {
            assertThat(a.event()).isEqualTo("P1-orders-db-free-storage");
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.sourceSeverity()).isEqualTo("P1");
        });
        assertThat(alerts).filteredOn(a -> a.tenant().equals("acme")).singleElement().satisfies(a -> {
            assertThat(a.event()).isEqualTo("critical-web-tier-down");
            assertThat(a.severity()).isEqualTo(Severity.MINOR);
            assertThat(a.sourceSeverity()).isNull();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.messages(url) == 0);
    }
}
