package io.mimamori.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on a hand-moved clock: no sleeping, no timing. */
class KeyedRateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void grantsTheBurstAtOnceThenSaysHowLongToWait() {
        KeyedRateLimiter limiter = new KeyedRateLimiter(60, 3, now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("k")).isZero();
        }
        assertThat(limiter.acquire("k")).isEqualTo(Duration.ofSeconds(1));
        advance(Duration.ofMillis(400));
        assertThat(limiter.acquire("k")).isEqualTo(Duration.ofMillis(600));
        advance(Duration.ofMillis(600));
        assertThat(limiter.acquire("k")).isZero();
        assertThat(limiter.acquire("k")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void refillsAtPerMinuteUpToTheBurstOnly() {
        KeyedRateLimiter limiter = new KeyedRateLimiter(120, 2, now::get);
        limiter.acquire("k");
        limiter.acquire("k");
        advance(Duration.ofHours(1));
        assertThat(limiter.acquire("k")).isZero();
        assertThat(limiter.acquire("k")).isZero();
        assertThat(limiter.acquire("k")).as("an idle hour saves no more than the burst").isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        KeyedRateLimiter limiter = new KeyedRateLimiter(60, 1, now::get);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isPositive();
        assertThat(limiter.acquire("b")).isZero();
    }

    @Test
    void noSixtySecondWindowSeesMoreThanBurstPlusPerMinute() {
        int perMinute = 60;
        int burst = 10;
        KeyedRateLimiter limiter = new KeyedRateLimiter(perMinute, burst, now::get);
        Deque<Long> granted = new ArrayDeque<>();
        int most = 0;
        // a caller that retries every 100 ms for ten minutes
        for (int step = 0; step < 6_000; step++) {
            if (limiter.acquire("k").isZero()) {
                granted.addLast(now.get());
            }
            while (!granted.isEmpty() && granted.peekFirst() <= now.get() - Duration.ofSeconds(60).toNanos()) {
                granted.removeFirst();
            }
            most = Math.max(most, granted.size());
            advance(Duration.ofMillis(100));
        }
        assertThat(most).isLessThanOrEqualTo(burst + perMinute)
                .as("the burst comes on top of the per-minute refill").isGreaterThan(perMinute);
    }

    @Test
    void rejectsNonPositiveSettings() {
        assertThatThrownBy(() -> new KeyedRateLimiter(0, 1)).hasMessage("rate limit must be positive: 0/min, burst 1");
        assertThatThrownBy(() -> new KeyedRateLimiter(10, 0)).hasMessage("rate limit must be positive: 10/min, burst 0");
    }
}
