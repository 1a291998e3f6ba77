package io.mimamori.connector.cloudwatch.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The string SNS signs, for the documented example messages exactly as published. */
class SnsMessageTest {

    private static byte[] example(String file) throws IOException {
        try (InputStream in = SnsMessageTest.class.getResourceAsStream("/payloads/sns-https/" + file)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aNotificationSignsMessageIdSubjectTimestampTopicAndType() throws Exception {
        SnsMessage m = SnsMessage.parse(example("notification.json"));

        assertThat(m.stringToSign()).isEqualTo("""
                Message
                Hello world!
                MessageId
                22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324
                Subject
                My First Message
                Timestamp
                2012-05-02T00:54:06.655Z
                TopicArn
                arn:aws:sns:us-west-2:123456789012:MyTopic
                Type
                Notification
                """);
    }

    @Test
    void aNotificationWithoutSubjectLeavesItOut() throws Exception {
        SnsMessage m = SnsMessage.parse(example("notification-cloudwatch-alarm.json"));

        assertThat(m.subject()).isNull();
        assertThat(m.stringToSign()).startsWith("Message\n{\"AlarmName\":\"web-1 CPU high\"")
                .contains("\nMessageId\n5c1f0a8e-3b7d-5f4e-9a61-0d2c4b8e7f13\nTimestamp\n2026-12-03T10:10:31.482Z\n")
                .endsWith("\nTopicArn\narn:aws:sns:us-west-2:123456789012:cloudwatch-alarms\nType\nNotification\n")
                .doesNotContain("Subject");
    }

    @Test
    void aConfirmationSignsSubscribeUrlAndTokenInsteadOfSubject() throws Exception {
        SnsMessage m = SnsMessage.parse(example("subscription-confirmation.json"));
        String token = "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d"
                + "6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d278"
                + "5c03b0879594eeac82c01f235d0e717736";

        assertThat(m.stringToSign()).isEqualTo("Message\n"
                + "You have chosen to subscribe to the topic arn:aws:sns:us-west-2:123456789012:MyTopic.\n"
                + "To confirm the subscription, visit the SubscribeURL included in this message.\n"
                + "MessageId\n165545c9-2a5c-472c-8df2-7ff2be2b3b1b\n"
                + "SubscribeURL\nhttps://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn="
                + "arn:aws:sns:us-west-2:123456789012:MyTopic&Token=" + token + "\n"
                + "Timestamp\n2012-04-26T20:45:04.751Z\n"
                + "Token\n" + token + "\n"
                + "TopicArn\narn:aws:sns:us-west-2:123456789012:MyTopic\n"
                + "Type\nSubscriptionConfirmation\n");
    }

    @Test
    void anUnsubscribeConfirmationIsSignedLikeASubscriptionConfirmation() throws Exception {
        SnsMessage m = SnsMessage.parse(example("unsubscribe-confirmation.json"));

        assertThat(m.stringToSign()).contains("\nSubscribeURL\nhttps://sns.us-west-2.amazonaws.com/?Action=")
                .contains("\nToken\n2336412f37fb687f5d51e6e241d09c805a5a57b30d712f7948a98bac386edfe3e1")
                .endsWith("\nType\nUnsubscribeConfirmation\n");
    }

    @Test
    void bodiesThatAreNotSnsMessagesAreMalformed() {
        for (String body : new String[] {"", "null", "[]", "{\"Type\":\"Notification\"}",
                "{\"Type\":\"Alarm\",\"Timestamp\":\"2012-05-02T00:54:06.655Z\"}",
                "{\"Type\":\"Notification\",\"MessageId\":\"1\",\"TopicArn\":\"t\",\"Message\":7,"
                        + "\"Timestamp\":\"2012-05-02T00:54:06.655Z\"}",
                "{\"Type\":\"Notification\",\"MessageId\":\"1\",\"TopicArn\":\"t\",\"Message\":\"m\","
                        + "\"Timestamp\":\"yesterday\"}",
                "{\"Type\":\"Notification\",\"MessageId\":\"1\",\"TopicArn\":\"t\",\"Message\":\"m\","
                        + "\"Timestamp\":\"2012-05-02T00:54:06.655Z\"} trailing",
                "{\"Type\":\"SubscriptionConfirmation\",\"MessageId\":\"1\",\"TopicArn\":\"t\",\"Message\":\"m\","
                        + "\"Timestamp\":\"2012-05-02T00:54:06.655Z\",\"Token\":\"x\"}"}) {
            assertThatThrownBy(() -> SnsMessage.parse(body.getBytes(StandardCharsets.UTF_8))).as(body)
                    .isInstanceOfSatisfying(SnsRejection.class,
                            r -> assertThat(r.reason()).isEqualTo(SnsRejection.Reason.MALFORMED));
        }
    }
}
