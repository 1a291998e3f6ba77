package io.mimamori.spi;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one classification of HTTP responses every HTTP sink uses, so they agree on what is
 * accepted, what is retried and what is refused for good.
 */
public final class HttpVerdicts {
    /** At most this much of a response body goes into a dead-letter reason. */
    public static final int MAX_REASON_BODY = 512;

    private HttpVerdicts() {
    }

    /**
     * Returns normally for 2xx; throws {@link DeliveryException} otherwise: 408, 429 and 5xx are
     * {@code RETRY} (with {@code Retry-After} when given), every other status is {@code REJECTED}.
     *
     * @param what          names the call for the reason, e.g. {@code "PagerDuty Events API"}
     * @param retryAfter    the {@code Retry-After} header value, or null
     * @param body          the response body (shortened into the reason), or null
     */
    public static void check(String what, int status, String retryAfter, String body, Instant now) {
        if (status >= 200 && status < 300) {
            return;
        }
        String reason = what + " answered HTTP " + status + snippet(body);
        if (status == 408 || status == 429 || status >= 500) {
            throw DeliveryException.retry(reason, parseRetryAfter(retryAfter, now), status);
        }
        throw DeliveryException.rejected(reason, status);
    }

    /**
     * Parses {@code Retry-After} (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns null
     * when absent or unreadable; negative delays become zero; delays are capped at one hour so a
     * confused peer cannot park an alert for days.
     */
    public static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        Duration d;
        try {
            d = Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException notSeconds) {
            try {
                d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }

    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > MAX_REASON_BODY ? oneLine.substring(0, MAX_REASON_BODY) + "…" : oneLine);
    }
}
