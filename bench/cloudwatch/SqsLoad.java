import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Load for bench/cloudwatch/run.sh: ElasticMQ on 127.0.0.1:PORT in this JVM, a queue QUEUE filled
 * with N CloudWatch alarm notifications (SNS envelopes, N distinct alarms in ALARM), then it keeps
 * serving until killed.
 *
 *   java -cp CLASSPATH SqsLoad.java PORT QUEUE N
 */
public class SqsLoad {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String queue = args[1];
        int n = Integer.parseInt(args[2]);
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, "")).start();
        server.waitUntilStarted();
        SqsClient sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .build();
        String url = sqs.createQueue(b -> b.queueName(queue)).queueUrl();
        Instant t0 = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> sent = new ArrayList<>();
        for (int start = 0; start < n; start += 10) {
            int from = start;
            sent.add(pool.submit(() -> {
                List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + 10); i++) {
                    batch.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(envelope(i)).build());
                }
                sqs.sendMessageBatch(b -> b.queueUrl(url).entries(batch));
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        pool.shutdown();
        System.out.println("queued " + n + " in " + Duration.between(t0, Instant.now()).toMillis() + " ms to " + url);
        System.out.flush();
        Thread.currentThread().join();
    }

    static String envelope(int i) {
        String alarm = "{\"AlarmName\":\"bench-cpu-" + i + "\",\"AWSAccountId\":\"123456789012\","
                + "\"NewStateValue\":\"ALARM\",\"NewStateReason\":\"Threshold Crossed: 1 datapoint [99.0] was greater"
                + " than the threshold (50.0).\",\"StateChangeTime\":\"2026-01-01T00:00:00.000+0000\","
                + "\"Region\":\"US East (N. Virginia)\",\"AlarmArn\":\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:"
                + "bench-cpu-" + i + "\",\"OldStateValue\":\"OK\",\"Trigger\":{\"MetricName\":\"CPUUtilization\","
                + "\"Namespace\":\"AWS/EC2\",\"Statistic\":\"AVERAGE\",\"Dimensions\":[{\"value\":\"i-" + (100000 + i)
                + "\",\"name\":\"InstanceId\"}],\"Period\":300,\"EvaluationPeriods\":1,"
                + "\"ComparisonOperator\":\"GreaterThanThreshold\",\"Threshold\":50.0}}";
        return "{\"Type\":\"Notification\",\"MessageId\":\"bench-" + i + "\",\"TopicArn\":\"arn:aws:sns:us-east-1:"
                + "123456789012:alarms\",\"Message\":" + quote(alarm) + ",\"Timestamp\":\"2026-01-01T00:00:00.000Z\"}";
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
