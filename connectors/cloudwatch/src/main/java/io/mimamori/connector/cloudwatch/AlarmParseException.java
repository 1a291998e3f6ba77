package io.mimamori.connector.cloudwatch;

/**
 * A message body that is not a CloudWatch alarm notification this connector understands. The
 * message says what was wrong in terms of the payload; {@link #reason()} is the short snake_case
 * word it is counted under ({@code mimamori_malformed_total{reason}}).
 */
public final class AlarmParseException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The body is not JSON, or not a JSON object. */
    public static final String MALFORMED_JSON = "malformed_json";
    /** Valid JSON, but no SNS notification, alarm or EventBridge alarm event. */
    public static final String NOT_AN_ALARM = "not_an_alarm";
    /** An alarm payload lacking a field every alarm has, or with a value no alarm has. */
    public static final String INVALID_ALARM = "invalid_alarm";
    /** Longer than the configured bound. */
    public static final String TOO_LARGE = "too_large";

    private final String reason;

    public AlarmParseException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
