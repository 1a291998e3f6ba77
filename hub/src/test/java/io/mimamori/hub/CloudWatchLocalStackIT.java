package io.mimamori.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole chain an AWS customer runs, in LocalStack: a CloudWatch metric alarm whose actions
 * publish to an SNS topic, an SQS queue subscribed to that topic (SNS envelope, no raw message
 * delivery), and the built hub reading the queue with the Docker Compose deployment's route file
 * ({@code routes/compose/cloudwatch-sqs.yaml}). The alarm is driven to ALARM and back to OK with
 * SetAlarmState; the operator's view (alerts.jsonl and {@code GET /api/alerts}) shows it firing, then
 * resolved, as one condition.
 *
 * <p>Needs a Docker engine; where none exists the class is skipped with the reason
 * "no Docker engine: LocalStack chain test skipped". The image is {@value #DEFAULT_IMAGE} (the last
 * LocalStack release that starts without an account token); {@code -Dmimamori.localstack.image=...}
 * picks another, and {@code LOCALSTACK_AUTH_TOKEN} in the environment is handed to the container.
 */
@EnabledIf(value = "dockerAvailable", disabledReason = "no Docker engine: LocalStack chain test skipped")
class CloudWatchLocalStackIT {
    static final String DEFAULT_IMAGE = "localstack/localstack:4.14.0";
    static final String ALARM = "orders-api-5xx";
    static final String LOAD_BALANCER = "app/orders/0123456789abcdef";
    static final Map<String, String> SOURCE = Map.of("connector", "cloudwatch-sqs-source");

    /** Made in {@link #start()}: its constructor already asks Docker, which must not happen where the class is skipped. */
    static LocalStackContainer localstack;

    @TempDir
    static Path tmp;
    static SqsClient sqs;
    static SnsClient sns;
    static CloudWatchClient cloudWatch;

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static LocalStackContainer localStack() {
        LocalStackContainer c = new LocalStackContainer(DockerImageName.parse(
                System.getProperty("mimamori.localstack.image", DEFAULT_IMAGE)).asCompatibleSubstituteFor(
                "localstack/localstack")).withServices("sqs", "sns", "cloudwatch");
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (token != null && !token.isBlank()) {
            c.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        }
        return c;
    }

    @BeforeAll
    static void start() {
        localstack = localStack();
        localstack.start();
        URI endpoint = localstack.getEndpoint();
        Region region = Region.of(localstack.getRegion());
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey()));
        sqs = SqsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials).build();
        sns = SnsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials).build();
        cloudWatch = CloudWatchClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(credentials).build();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {sqs, sns, cloudWatch, localstack}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing the rest matters more
                }
            }
        }
    }

    /** Topic, queue allowing the topic to send, and the subscription: what the compose init script creates. */
    static String[] topicAndQueue(String name) {
        String topicArn = sns.createTopic(b -> b.name(name)).topicArn();
        String queueUrl = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"sqs:SendMessage\","
                + "\"Resource\":\"" + queueArn + "\",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"" + topicArn + "\"}}}]}";
        sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY, policy)));
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "false")).returnSubscriptionArn(true));
        return new String[] {topicArn, queueUrl};
    }

    /**
     * The hub container's routes: the shipped default deployment (the file sink writes alerts.jsonl)
     * plus the compose deployment's CloudWatch route. Its Alertmanager route is left out: no
     * Alertmanager runs here.
     */
    static Path routes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("routes"));
        Files.copy(HubProcess.REPO.resolve("routes/compose/cloudwatch-sqs.yaml"), dir.resolve("cloudwatch-sqs.yaml"));
        for (String shipped : new String[] {"deliver-file.yaml", "syslog.yaml", "snmp.yaml"}) {
            Files.copy(HubProcess.REPO.resolve("routes").resolve(shipped), dir.resolve(shipped));
        }
        return dir;
    }

    static int messages(String url) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    static JsonNode awaitAlert(HubProcess hub, String status) {
        return await("a " + status + " alert for " + ALARM + " in alerts.jsonl").atMost(Duration.ofSeconds(60))
                .until(() -> hub.jsonl().stream().filter(a -> a.path("event").asText().equals(ALARM)
                        && a.path("status").asText().equals(status)).findFirst().orElse(null), a -> a != null);
    }

    static List<JsonNode> api(HubProcess hub, String query) throws Exception {
        return StreamSupport.stream(hub.alerts(query).path("alerts").spliterator(), false)
                .filter(a -> a.path("event").asText().equals(ALARM)).toList();
    }

    @Test
    void anAlarmRaisedAndClearedInCloudWatchFiresAndResolvesInTheHub() throws Exception {
        String queue = "mimamori-cloudwatch-alarms";
        String[] created = topicAndQueue(queue);
        String topicArn = created[0];
        String queueUrl = created[1];
        cloudWatch.putMetricAlarm(b -> b.alarmName(ALARM)
                .alarmDescription("5xx answers of the orders API load balancer")
                .namespace("AWS/ApplicationELB").metricName("HTTPCode_Target_5XX_Count")
                .dimensions(Dimension.builder().name("LoadBalancer").value(LOAD_BALANCER).build())
                .statistic(Statistic.SUM).period(300).evaluationPeriods(1).threshold(5.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                // no metric data arrives here: keep LocalStack's own evaluation from moving the state
                .treatMissingData("ignore")
                .actionsEnabled(true).alarmActions(topicArn).okActions(topicArn));
        String alarmArn = cloudWatch.describeAlarms(b -> b.alarmNames(ALARM)).metricAlarms().get(0).alarmArn();
        String account = alarmArn.split(":")[4];
        String region = localstack.getRegion();
        String dedupKey = "aws/" + account + "/" + region + "/" + ALARM;
        String consoleLink = "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region
                + "#alarmsV2:alarm/" + ALARM;

        // LocalStack takes any secret; a distinctive one shows the hub never logs it
        String secretKey = "localstack-it-secret-2026";
        try (HubProcess hub = HubProcess.start(HubProcess.REPO.resolve("config"), routes(), tmp.resolve("data"),
                "--set", "mimamori.cloudwatch.queue=" + queue,
                "--set", "mimamori.cloudwatch.endpoint=" + localstack.getEndpoint(),
                "--set", "mimamori.cloudwatch.region=" + region,
                "--set", "mimamori.cloudwatch.accessKey=" + localstack.getAccessKey(),
                "--set", "mimamori.cloudwatch.secretKey=" + secretKey)) {

            cloudWatch.setAlarmState(b -> b.alarmName(ALARM).stateValue(StateValue.ALARM)
                    .stateReason("Threshold Crossed: 1 datapoint [12.0] was greater than the threshold (5.0)."));
            JsonNode firing = awaitAlert(hub, "firing");
            assertThat(firing.path("dedupKey").asText()).isEqualTo(dedupKey);
            assertThat(firing.path("layer").asText()).isEqualTo("cloud");
            assertThat(firing.path("severity").asText()).isEqualTo("major");
            assertThat(firing.path("resource").asText()).isEqualTo(LOAD_BALANCER);
            assertThat(firing.path("summary").asText()).startsWith(ALARM + " (" + LOAD_BALANCER + ", " + region + ") in ALARM");
            assertThat(firing.path("links").get(0).path("href").asText()).isEqualTo(consoleLink);
            assertThat(firing.path("source").path("connector").asText()).isEqualTo("cloudwatch-sqs-source");
            assertThat(firing.path("details").path("aws").path("snsTopicArn").asText())
                    .as("came through the SNS topic").isEqualTo(topicArn);
            assertThat(api(hub, "status=firing&layer=cloud"))
                    .anySatisfy(a -> assertThat(a.path("dedupKey").asText()).isEqualTo(dedupKey));

            cloudWatch.setAlarmState(b -> b.alarmName(ALARM).stateValue(StateValue.OK)
                    .stateReason("Threshold Crossed: 1 datapoint [0.0] was not greater than the threshold (5.0)."));
            JsonNode resolved = awaitAlert(hub, "resolved");
            assertThat(resolved.path("dedupKey").asText()).isEqualTo(dedupKey);
            assertThat(resolved.path("fingerprint").asText()).isEqualTo(firing.path("fingerprint").asText());
            assertThat(resolved.path("layer").asText()).isEqualTo("cloud");
            assertThat(resolved.path("links").get(0).path("href").asText()).isEqualTo(consoleLink);
            await("the condition resolved in GET /api/alerts").atMost(Duration.ofSeconds(10))
                    .until(() -> api(hub, "status=resolved").stream()
                            .anyMatch(a -> a.path("dedupKey").asText().equals(dedupKey)));
            assertThat(api(hub, "status=firing")).isEmpty();

            await("both messages deleted after their commit").atMost(Duration.ofSeconds(30))
                    .until(() -> messages(queueUrl) == 0);
            assertThat(hub.jsonl().stream().filter(a -> a.path("event").asText().equals(ALARM)).map(
                    a -> a.path("status").asText())).containsExactly("firing", "resolved");
            assertThat(hub.metric("mimamori_received_total", SOURCE)).isEqualTo(2);
            assertThat(hub.logText()).contains("reading " + queue).doesNotContain(secretKey);
        }
    }
}
