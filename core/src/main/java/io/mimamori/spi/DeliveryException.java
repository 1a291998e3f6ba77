package io.mimamori.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * How a sink says an incident system did not take an alert. A sink's producer completes the
 * exchange normally when the alert was accepted and throws this otherwise; the outbox's delivery
 * loop reads the verdict:
 * <ul>
 *   <li>{@link Verdict#RETRY}: a transient failure (timeout, 5xx, 408, 429); try again after
 *       {@link #retryAfter()} if the system said when, else after the loop's own backoff. Counts
 *       against the sink's circuit breaker.</li>
 *   <li>{@link Verdict#DEFERRED}: the sink held the alert back itself (its own rate limit); try again
 *       after {@link #retryAfter()}. Not a failure of the incident system.</li>
 *   <li>{@link Verdict#REJECTED}: the system refused this alert for good (a 4xx other than 408/429);
 *       retrying cannot help, so it goes to the dead-letter store with {@link #getMessage()}.</li>
 * </ul>
 * Messages must never contain a secret (routing key, API key, token).
 */
public final class DeliveryException extends RuntimeException {

    public enum Verdict { RETRY, DEFERRED, REJECTED }

    private final Verdict verdict;
    private final Duration retryAfter;
    private final int status;

    private DeliveryException(Verdict verdict, String reason, Duration retryAfter, int status, Throwable cause) {
        super(reason, cause, false, false);
        this.verdict = verdict;
        this.retryAfter = retryAfter;
        this.status = status;
    }

    /** A transient failure; {@code retryAfter} may be null when the peer did not say. */
    public static DeliveryException retry(String reason, Duration retryAfter, int status) {
        return new DeliveryException(Verdict.RETRY, reason, retryAfter, status, null);
    }

    /** A transient failure without an HTTP response (connection refused, timeout). */
    public static DeliveryException retry(String reason, Throwable cause) {
        return new DeliveryException(Verdict.RETRY, reason, null, 0, cause);
    }

    /** Held back by the sink itself, e.g. its rate limit for one routing key; try after {@code wait}. */
    public static DeliveryException deferred(String reason, Duration wait) {
        return new DeliveryException(Verdict.DEFERRED, reason, wait, 0, null);
    }

    /** Refused for good; goes to the dead-letter store. */
    public static DeliveryException rejected(String reason, int status) {
        return new DeliveryException(Verdict.REJECTED, reason, null, status, null);
    }

    public Verdict verdict() {
        return verdict;
    }

    /** When the peer (or the sink's rate limit) asked to be tried again, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The HTTP status that led to this verdict, or 0 when there was no response. */
    public int status() {
        return status;
    }
}
