package io.mimamori.connector.cloudwatch.sns;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One message SNS posts to an HTTP(S) subscription, as the fields its signature covers. Only
 * parsed, not trusted: {@link SnsVerifier} decides that.
 *
 * @param subject        null when the publisher gave none
 * @param subscribeUrl   null on a notification
 * @param token          null on a notification
 * @param signatureVersion null, like the other signature fields, when the message is unsigned
 */
record SnsMessage(String type, String messageId, String topicArn, String subject, String message,
                  String timestampText, Instant timestamp, String subscribeUrl, String token,
                  String signatureVersion, String signature, String signingCertUrl) {

    static final String NOTIFICATION = "Notification";
    static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
    static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

    // Duplicate keys are refused: the fields verified must be the fields every later reader sees.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Parses a posted body; anything but a JSON object with the fields of its Type is malformed. */
    static SnsMessage parse(byte[] body) throws SnsRejection {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw malformed("not a JSON document (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw malformed("unreadable body (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw malformed("the body is not a JSON object");
        }
        String type = text(root, "Type", true);
        boolean confirmation = SUBSCRIPTION_CONFIRMATION.equals(type) || UNSUBSCRIBE_CONFIRMATION.equals(type);
        if (!confirmation && !NOTIFICATION.equals(type)) {
            throw malformed("unknown Type '" + type + "'");
        }
        String timestampText = text(root, "Timestamp", true);
        Instant timestamp;
        try {
            timestamp = Instant.parse(timestampText);
        } catch (DateTimeParseException e) {
            throw malformed("Timestamp '" + timestampText + "' is not an ISO-8601 UTC time");
        }
        return new SnsMessage(type, text(root, "MessageId", true), text(root, "TopicArn", true),
                confirmation ? null : text(root, "Subject", false), text(root, "Message", true), timestampText,
                timestamp, confirmation ? text(root, "SubscribeURL", true) : null,
                confirmation ? text(root, "Token", true) : null, text(root, "SignatureVersion", false),
                text(root, "Signature", false), text(root, "SigningCertURL", false));
    }

    private static String text(JsonNode root, String field, boolean required) throws SnsRejection {
        JsonNode v = root.get(field);
        if (v == null) {
            if (required) {
                throw malformed("no " + field);
            }
            return null;
        }
        if (!v.isTextual()) {
            throw malformed(field + " is not a string");
        }
        return v.textValue();
    }

    private static SnsRejection malformed(String detail) {
        return new SnsRejection(SnsRejection.Reason.MALFORMED, detail);
    }

    boolean isNotification() {
        return NOTIFICATION.equals(type);
    }

    /**
     * The text SNS signs: the covered fields in byte order of their names, each name and then its
     * value on a line of its own. Subject is covered only when present; confirmations cover
     * SubscribeURL and Token instead.
     */
    String stringToSign() {
        StringBuilder s = new StringBuilder(message.length() + 512);
        line(s, "Message", message);
        line(s, "MessageId", messageId);
        if (isNotification()) {
            if (subject != null) {
                line(s, "Subject", subject);
            }
        } else {
            line(s, "SubscribeURL", subscribeUrl);
        }
        line(s, "Timestamp", timestampText);
        if (!isNotification()) {
            line(s, "Token", token);
        }
        line(s, "TopicArn", topicArn);
        line(s, "Type", type);
        return s.toString();
    }

    private static void line(StringBuilder s, String name, String value) {
        s.append(name).append('\n').append(value).append('\n');
    }
}
