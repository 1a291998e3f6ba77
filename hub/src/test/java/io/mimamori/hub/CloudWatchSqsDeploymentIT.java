package io.mimamori.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The built distribution, the default deployment plus routes/examples/cloudwatch-sqs.yaml, reading
 * CloudWatch alarms from SQS (ElasticMQ in this JVM on loopback); killed with SIGKILL after it received a message but
 * before it committed the alert, it has not deleted the message, and the next hub on the same data
 * dir delivers it.
 */
class CloudWatchSqsDeploymentIT {
    static final Map<String, String> SOURCE = Map.of("connector", "cloudwatch-sqs-source");
    static final String ALARM = "{\"AlarmName\":\"orders-api-5xx\",\"AWSAccountId\":\"123456789012\","
            + "\"NewStateValue\":\"ALARM\",\"NewStateReason\":\"Threshold Crossed: 1 datapoint [12.0] was greater than the "
            + "threshold (5.0).\",\"StateChangeTime\":\"2026-01-01T00:00:00.000+0000\",\"Region\":\"Asia Pacific (Tokyo)\","
            + "\"AlarmArn\":\"arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:orders-api-5xx\",\"OldStateValue\":\"OK\","
            + "\"Trigger\":{\"MetricName\":\"HTTPCode_Target_5XX_Count\",\"Namespace\":\"AWS/ApplicationELB\","
            + "\"Statistic\":\"SUM\",\"Dimensions\":[{\"value\":\"app/orders/0123456789abcdef\",\"name\":\"LoadBalancer\"}],"
            + "\"Period\":60,\"EvaluationPeriods\":1,\"ComparisonOperator\":\"GreaterThanThreshold\",\"Threshold\":5.0}}";

    @TempDir
    static Path tmp;
    static int sqsPort;
    static SQSRestServer server;
    static SqsClient sqs;

    @BeforeAll
    static void startSqs() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            sqsPort = s.getLocalPort();
        }
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(sqsPort)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", sqsPort, "")).start();
        server.waitUntilStarted();
        sqs = SqsClient.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("it", "it"))).build();
    }

    @AfterAll
    static void stopSqs() {
        if (sqs != null) {
            sqs.close();
        }
        if (server != null) {
            server.stopAndWait();
        }
    }

    static String endpoint() {
        return "http://127.0.0.1:" + sqsPort;
    }

    static int messages(String url) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /**
     * The default deployment's routes plus the CloudWatch route, given static test credentials
     * (ElasticMQ checks none, the SDK insists on some).
     */
    static Path routes(String name, String cloudwatchRoute) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        String withCredentials = cloudwatchRoute.replace("        queue: \"{{mimamori.cloudwatch.queue}}\"\n",
                "        queue: \"{{mimamori.cloudwatch.queue}}\"\n"
                        + "        accessKey: \"{{mimamori.cloudwatch.accessKey}}\"\n"
                        + "        secretKey: \"{{mimamori.cloudwatch.secretKey}}\"\n");
        assertThat(withCredentials).contains("accessKey");
        Files.writeString(dir.resolve("cloudwatch-sqs.yaml"), withCredentials);
        for (String shipped : new String[] {"deliver-file.yaml", "syslog.yaml", "snmp.yaml"}) {
            Files.copy(HubProcess.REPO.resolve("routes").resolve(shipped), dir.resolve(shipped));
        }
        return dir;
    }

    static HubProcess start(Path routes, Path data, String queue) throws Exception {
        return HubProcess.start(HubProcess.REPO.resolve("config"), routes, data,
                "--set", "mimamori.cloudwatch.queue=" + queue,
                "--set", "mimamori.cloudwatch.endpoint=" + endpoint(),
                "--set", "mimamori.cloudwatch.region=us-east-1",
                "--set", "mimamori.cloudwatch.accessKey=it-access-key",
                "--set", "mimamori.cloudwatch.secretKey=it-secret-key-2026",
                "--set", "mimamori.cloudwatch.visibilityTimeout=2");
    }

    @Test
    void killedBetweenReceiveAndCommitTheMessageIsNotLostAndIsDeliveredOnce() throws Exception {
        String example = Files.readString(HubProcess.REPO.resolve("routes/examples/cloudwatch-sqs.yaml"));
        // the same route with a commit that cannot happen in time: the alert waits before direct:ingest
        String stalled = example.replace("        - to: direct:ingest",
                "        - delay:\n            constant: \"600000\"\n        - to: direct:ingest");
        assertThat(stalled).contains("delay:");
        String queue = "alarms-kill";
        String url = sqs.createQueue(b -> b.queueName(queue)).queueUrl();
        Path data = tmp.resolve("data");

        try (HubProcess hub = start(routes("stalled", stalled), data, queue)) {
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(ALARM));
            await("message received").atMost(Duration.ofSeconds(30))
                    .until(() -> hub.metric("mimamori_received_total", SOURCE) >= 1);
            // well past the 2 s visibility timeout: extended while the hub holds it, so not redelivered
            Thread.sleep(5000);
            assertThat(hub.metric("mimamori_received_total", SOURCE)).isEqualTo(1);
            assertThat(hub.jsonl()).isEmpty();
            hub.kill9();
        }
        assertThat(messages(url)).as("not deleted: its alert was never committed").isEqualTo(1);

        try (HubProcess hub = start(routes("example", example), data, queue)) {
            JsonNode alert = await("alert after restart").atMost(Duration.ofSeconds(30))
                    .until(() -> hub.jsonl().stream().filter(a -> a.path("event").asText().equals("orders-api-5xx"))
                            .findFirst().orElse(null), a -> a != null);
            assertThat(alert.path("status").asText()).isEqualTo("firing");
            assertThat(alert.path("tenant").asText()).isEqualTo("default");
            assertThat(alert.path("layer").asText()).isEqualTo("cloud");
            assertThat(alert.path("resource").asText()).isEqualTo("app/orders/0123456789abcdef");
            assertThat(alert.path("dedupKey").asText()).isEqualTo("aws/123456789012/ap-northeast-1/orders-api-5xx");
            assertThat(alert.path("links").get(0).path("href").asText()).isEqualTo(
                    "https://ap-northeast-1.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-1#alarmsV2:alarm/orders-api-5xx");
            assertThat(alert.path("source").path("connector").asText()).isEqualTo("cloudwatch-sqs-source");
            await("deleted after commit").atMost(Duration.ofSeconds(15)).until(() -> messages(url) == 0);
            JsonNode api = hub.alerts("");
            assertThat(StreamSupport.stream(api.path("alerts").spliterator(), false))
                    .anyMatch(a -> a.path("dedupKey").asText().equals("aws/123456789012/ap-northeast-1/orders-api-5xx"));
            Thread.sleep(3000);
            assertThat(hub.jsonl()).as("delivered once").hasSize(1);
            assertThat(hub.logText()).contains("cloudwatch-sqs-source 'cloudwatch' reading alarms-kill")
                    .doesNotContain("it-secret-key-2026");
        }
    }
}
