package io.mimamori.connector.cloudwatch.internal.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/** Builds the SqsClient of one input from its parameters. */
public final class SqsClients {
    private static final Pattern URL_REGION = Pattern.compile("^https?://sqs[.-]([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?/");

    private SqsClients() {
    }

    /**
     * Where and as whom an input reads.
     *
     * @param queue            queue URL or name
     * @param region           region code, blank to take it from the queue URL or the SDK's default chain
     * @param endpointOverride e.g. {@code http://127.0.0.1:9324} for ElasticMQ or LocalStack, blank for AWS
     * @param profile          a profile of the shared credentials file, blank for the default chain
     * @param accessKey        static credentials (tests, local stacks), blank for none
     */
    public record Access(String queue, String region, String endpointOverride, String profile, String accessKey,
                         String secretKey, int connections, int waitTimeSeconds) {
    }

    public static SqsClient build(Access a) {
        SqsClientBuilder b = SqsClient.builder().httpClientBuilder(ApacheHttpClient.builder()
                .maxConnections(a.connections())
                .socketTimeout(Duration.ofSeconds(a.waitTimeSeconds() + 10L))
                .connectionTimeout(Duration.ofSeconds(10)));
        String region = region(a);
        if (region != null) {
            b.region(Region.of(region));
        }
        if (!blank(a.endpointOverride())) {
            b.endpointOverride(URI.create(a.endpointOverride().trim()));
        }
        b.credentialsProvider(credentials(a));
        return b.build();
    }

    /** The configured region, else the one in an AWS queue URL, else null (the SDK's default chain decides). */
    static String region(Access a) {
        if (!blank(a.region())) {
            return a.region().trim();
        }
        Matcher m = URL_REGION.matcher(a.queue().trim());
        return m.find() ? m.group(1) : null;
    }

    private static AwsCredentialsProvider credentials(Access a) {
        if (!blank(a.accessKey()) || !blank(a.secretKey())) {
            if (blank(a.accessKey()) || blank(a.secretKey())) {
                throw new IllegalArgumentException("accessKey and secretKey go together: set both, or neither to use "
                        + "the default credentials chain or a profile");
            }
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(a.accessKey().trim(), a.secretKey().trim()));
        }
        if (!blank(a.profile())) {
            return ProfileCredentialsProvider.create(a.profile().trim());
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** True when {@code queue} is a URL rather than a name to look up with GetQueueUrl. */
    public static boolean isUrl(String queue) {
        String q = queue.trim();
        return q.startsWith("https://") || q.startsWith("http://");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
