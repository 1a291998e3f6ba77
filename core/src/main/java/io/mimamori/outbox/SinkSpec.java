package io.mimamori.outbox;

import io.mimamori.alert.Severity;
import java.time.Duration;
import java.util.Set;

/**
 * How one sink is fed from the outbox: which alerts it takes and how failures are handled.
 *
 * @param name              the sink's id in the outbox (the {@code mimamori-outbox:NAME} path); unique per hub
 * @param tenants           tenants it takes, or empty for all
 * @param minSeverity       the least urgent severity it takes, or null for all
 * @param batchSize         alerts per call (1: the body is one Alert; more: a List)
 * @param concurrency       calls in flight at once (alerts of one condition are never in flight together)
 * @param supersede         a newer undelivered state of a condition replaces older undelivered ones
 *                          (right for Alertmanager, where only the latest state matters; wrong for
 *                          PagerDuty, where a trigger that was never sent still made an incident)
 * @param retryInitial      backoff after the first failure; doubles per attempt, with jitter
 * @param retryMax          the longest backoff
 * @param breakerFailures   consecutive failures that open the circuit breaker
 * @param breakerOpenFor    how long the breaker stays open before one trial call
 * @param fallback          a sink that also gets an alert this sink failed to deliver for {@code fallbackAfter}, or null
 * @param fallbackAfter     how long delivery must fail before the fallback gets the alert
 * @param fallbackOnly      this sink takes only what other sinks hand it as their fallback
 * @param resendFiringEvery re-deliver every still-firing condition this often, or null (Alertmanager)
 * @param degradedAfter     health turns DEGRADED when the oldest undelivered alert is older than this
 */
public record SinkSpec(String name, Set<String> tenants, Severity minSeverity, int batchSize, int concurrency,
                       boolean supersede, Duration retryInitial, Duration retryMax, int breakerFailures,
                       Duration breakerOpenFor, String fallback, Duration fallbackAfter, boolean fallbackOnly,
                       Duration resendFiringEvery, Duration degradedAfter) {

    public SinkSpec {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("sink name '" + name
                    + "' must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        tenants = Set.copyOf(tenants);
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be between 1 and 10000: " + batchSize);
        }
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("concurrency must be between 1 and 256: " + concurrency);
        }
        if (breakerFailures < 1) {
            throw new IllegalArgumentException("breakerFailures must be at least 1: " + breakerFailures);
        }
        if (retryInitial.isNegative() || retryInitial.isZero() || retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException("retryInitial must be positive and at most retryMax: "
                    + retryInitial + " / " + retryMax);
        }
        if (name.equals(fallback)) {
            throw new IllegalArgumentException("sink '" + name + "' cannot be its own fallback");
        }
    }

    /** A sink that takes everything, one alert per call, with the default failure handling. */
    public static SinkSpec of(String name) {
        return new SinkSpec(name, Set.of(), null, 1, 1, false, Duration.ofSeconds(1), Duration.ofMinutes(5), 5,
                Duration.ofSeconds(30), null, Duration.ofMinutes(5), false, null, Duration.ofMinutes(5));
    }
}
