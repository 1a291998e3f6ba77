package io.mimamori.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * At most one warning per reason every ten seconds, so bad input or a flood is counted in metrics
 * without flooding the log. Each line says the input it is about, e.g. {@code syslog-source 'syslog'}.
 */
public final class Warnings {
    private static final long INTERVAL_NANOS = 10_000_000_000L;
    private final Logger log;
    private final String input;
    private final Map<String, AtomicLong> last = new ConcurrentHashMap<>();

    public Warnings(Logger log, String input) {
        this.log = log;
        this.input = input;
    }

    /** Logs {@code format} (SLF4J style) unless {@code reason} was logged within the last ten seconds. */
    public void warn(String reason, String format, Object... args) {
        long now = System.nanoTime();
        AtomicLong at = last.computeIfAbsent(reason, r -> new AtomicLong(now - INTERVAL_NANOS));
        long prev = at.get();
        if (now - prev >= INTERVAL_NANOS && at.compareAndSet(prev, now)) {
            log.warn(input + ": " + format + " (further ones counted, not logged, for 10 s)", args);
        }
    }
}
