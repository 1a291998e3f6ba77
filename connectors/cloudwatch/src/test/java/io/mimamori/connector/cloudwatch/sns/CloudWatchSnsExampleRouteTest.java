package io.mimamori.connector.cloudwatch.sns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/**
 * The shipped example route file boots as an operator copies it, serves its path, and lets only
 * verified messages through to {@code direct:ingest} (the real SNS hosts are not reachable from a
 * test, so what is shown here is what it refuses).
 */
class CloudWatchSnsExampleRouteTest {

    @Test
    void theExampleServesItsPathAndRefusesWhatSnsDidNotSign() throws Exception {
        Properties p = new Properties();
        p.setProperty("mimamori.cloudwatch.sns.allowedTopicArns", "arn:aws:sns:us-west-2:123456789012:*");
        String routes = Files.readString(Path.of("../../routes/examples/cloudwatch-sns.yaml"));
        try (SnsReceiver receiver = new SnsReceiver(routes, context -> {
            context.getPropertiesComponent().setInitialProperties(p);
            try {
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:ingest").to("mock:ingest");
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })) {
            MockEndpoint ingest = receiver.context().getEndpoint("mock:ingest", MockEndpoint.class);
            ObjectNode unsigned = SnsTestSigner.example("notification-cloudwatch-alarm.json");
            unsigned.remove("Signature");
            ObjectNode otherTopic = SnsTestSigner.example("notification.json");
            otherTopic.put("TopicArn", "arn:aws:sns:us-west-2:999999999999:MyTopic");

            HttpResponse<String> forged = receiver.post("/aws/sns/cloudwatch", "Notification",
                    SnsTestSigner.json(unsigned));
            HttpResponse<String> disallowed = receiver.post("/aws/sns/cloudwatch", "Notification",
                    SnsTestSigner.json(otherTopic));

            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(forged.body()).startsWith("forged_signature: unsigned");
            assertThat(disallowed.statusCode()).isEqualTo(403);
            assertThat(disallowed.body()).startsWith("topic_not_allowed:");
            assertThat(receiver.get("/aws/sns/cloudwatch").statusCode()).isEqualTo(405);
            assertThat(ingest.getReceivedExchanges()).isEmpty();
            assertThat(receiver.count("mimamori.dropped", "cloudwatch-sns", "forged_signature")).isEqualTo(1);
            assertThat(receiver.count("mimamori.dropped", "cloudwatch-sns", "topic_not_allowed")).isEqualTo(1);
        }
    }
}
