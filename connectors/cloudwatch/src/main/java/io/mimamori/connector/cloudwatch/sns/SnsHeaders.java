package io.mimamori.connector.cloudwatch.sns;

/**
 * Headers {@code cloudwatch-sns-source} sets on each verified notification it passes on. The body
 * is the SNS message JSON exactly as SNS posted it; these repeat its signed fields for routing.
 */
public final class SnsHeaders {
    /** The {@code TopicArn} of the notification. */
    public static final String TOPIC_ARN = "SnsTopicArn";
    /** The {@code MessageId}; SNS keeps it when it delivers the same message again. */
    public static final String MESSAGE_ID = "SnsMessageId";
    /** The {@code Subject}, absent when the publisher gave none. */
    public static final String SUBJECT = "SnsSubject";
    /** The {@code Type}: always {@code Notification} on what is passed on. */
    public static final String TYPE = "SnsType";

    private SnsHeaders() {
    }
}
