package io.mimamori.spi;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (e.g. per PagerDuty routing key): at most {@code perMinute} permits in
 * any minute, bursting up to {@code burst}. {@link #acquire} never blocks; it says how long to
 * wait instead, which a sink turns into {@link DeliveryException#deferred}.
 */
public final class KeyedRateLimiter {
    private final double perNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    public KeyedRateLimiter(int perMinute, int burst) {
        this(perMinute, burst, System::nanoTime);
    }

    KeyedRateLimiter(int perMinute, int burst, LongSupplier nanoClock) {
        if (perMinute <= 0 || burst <= 0) {
            throw new IllegalArgumentException("rate limit must be positive: " + perMinute + "/min, burst " + burst);
        }
        this.perNano = perMinute / 60e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    /** Takes one permit for {@code key}: {@link Duration#ZERO} if granted, else how long until one is free. */
    public Duration acquire(String key) {
        long now = nanoClock.getAsLong();
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.at) * perNano);
            b.at = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - b.tokens) / perNano));
        }
    }
}
