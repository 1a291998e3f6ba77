package io.mimamori.maintenance;

import java.time.Instant;

/** One stretch of time during which a window is active: from {@code start} (inclusive) to {@code end} (exclusive). */
public record Occurrence(Instant start, Instant end) {
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
