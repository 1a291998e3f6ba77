package io.mimamori.outbox;

import java.time.Duration;

/**
 * How the outbox keeps alerts.
 *
 * @param fsync               {@code synchronous=FULL} (survives power loss) rather than NORMAL (survives a crash)
 * @param queueCapacity       alerts that may wait for the writer at once; more are refused, not waited on
 * @param retention           how long delivered alerts and finished deliveries are kept
 * @param deadLetterRetention how long dead-lettered deliveries are kept for {@code mimamori dlq}
 * @param pruneEvery          how often the writer prunes
 */
public record OutboxSettings(boolean fsync, int queueCapacity, Duration retention, Duration deadLetterRetention,
                             Duration pruneEvery) {

    public static final String FSYNC = "mimamori.outbox.fsync";
    public static final String QUEUE_CAPACITY = "mimamori.pipeline.queueCapacity";
    public static final String RETENTION = "mimamori.outbox.retention";
    public static final String DEAD_LETTER_RETENTION = "mimamori.outbox.deadLetterRetention";

    public OutboxSettings {
        if (queueCapacity <= 0) {
            throw new IllegalArgumentException("queue capacity must be positive: " + queueCapacity);
        }
    }

    public static OutboxSettings defaults() {
        return new OutboxSettings(true, 8_192, Duration.ofHours(24), Duration.ofDays(14), Duration.ofMinutes(1));
    }
}
