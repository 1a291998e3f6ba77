package io.mimamori.connector.syslog.internal.net;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Counts frames handed to the listener and not yet done, so that a graceful close can wait for them. */
final class OutstandingFrames {

    private final AtomicLong count = new AtomicLong();
    /** Only a waiting close needs a wake-up, so the common path never takes the monitor. */
    private volatile boolean awaited;

    void handedOut() {
        count.incrementAndGet();
    }

    void done() {
        if (count.decrementAndGet() == 0 && awaited) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    long count() {
        return count.get();
    }

    /** Waits until no frame is outstanding or {@code timeout} has passed; true when none is outstanding. */
    boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaited = true;
        try {
            synchronized (this) {
                long remaining;
                while (count.get() > 0 && (remaining = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(this, remaining);
                }
            }
            return count.get() <= 0;
        } finally {
            awaited = false;
        }
    }
}
