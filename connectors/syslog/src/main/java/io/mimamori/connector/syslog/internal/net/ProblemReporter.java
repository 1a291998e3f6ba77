package io.mimamori.connector.syslog.internal.net;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the listener about problems that produced no frame, and logs them at most once per reason every
 * 10 seconds: a misbehaving sender must not be able to flood the log.
 */
final class ProblemReporter {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogServer.class);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final FrameListener listener;
    private final ConcurrentHashMap<String, LogWindow> windows = new ConcurrentHashMap<>();

    ProblemReporter(FrameListener listener) {
        this.listener = listener;
    }

    /** Reports {@code reason} to the listener; {@code cause} may be null. */
    void report(InetSocketAddress peer, Transport transport, String reason, Throwable cause) {
        try {
            listener.onError(peer, transport, reason);
        } catch (RuntimeException e) {
            warn("listener_error", "Syslog frame listener threw from onError", e);
        }
        long suppressed = permit(reason);
        if (suppressed >= 0) {
            LOG.warn("Syslog {} {} from {}{}{}", transport, reason, peer,
                    cause == null ? "" : ": " + describe(cause), suppressedNote(suppressed));
        }
    }

    /** Logs a problem that the listener is not told about. */
    void warn(String reason, String message, Throwable cause) {
        long suppressed = permit(reason);
        if (suppressed >= 0) {
            LOG.warn("{}{}", message, suppressedNote(suppressed), cause);
        }
    }

    /** -1 when {@code reason} was logged less than 10 s ago, else how many of it went unlogged since. */
    private long permit(String reason) {
        LogWindow window = windows.get(reason);
        if (window == null) {
            window = windows.computeIfAbsent(reason, r -> new LogWindow(System.nanoTime()));
        }
        long now = System.nanoTime();
        long next = window.nextLogNanos.get();
        if (now - next < 0 || !window.nextLogNanos.compareAndSet(next, now + LOG_INTERVAL_NANOS)) {
            window.suppressed.incrementAndGet();
            return -1;
        }
        return window.suppressed.getAndSet(0);
    }

    private static String suppressedNote(long suppressed) {
        return suppressed == 0 ? "" : " (" + suppressed + " more like it since the last report)";
    }

    private static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder(cause.toString());
        Throwable inner = cause.getCause();
        for (int depth = 0; inner != null && depth < 4; depth++, inner = inner.getCause()) {
            text.append(" / ").append(inner);
        }
        return text.toString();
    }

    private static final class LogWindow {
        final AtomicLong nextLogNanos;
        final AtomicLong suppressed = new AtomicLong();

        LogWindow(long nextLogNanos) {
            this.nextLogNanos = new AtomicLong(nextLogNanos);
        }
    }
}
