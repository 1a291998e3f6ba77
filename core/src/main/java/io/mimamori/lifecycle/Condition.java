package io.mimamori.lifecycle;

import io.mimamori.alert.Alert;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;

/**
 * What the lifecycle knows about one condition (one fingerprint): its state, what was last
 * notified, and the timers that may change it without new input. Times are epoch milliseconds,
 * 0 for unset. Mutable; owned by the single thread that runs the {@link Lifecycle}.
 */
public final class Condition {
    final String fingerprint;
    String tenant;
    Status status;
    Severity severity;
    long firstSeen;
    long lastSeen;
    long occurrences;
    /** What the sinks were last told, null before the first notification. */
    Status notifiedStatus;
    Severity notifiedSeverity;
    long notifiedAt;
    /** When a firing one-shot condition resolves itself (its timeoutSeconds after the last occurrence). */
    long expiresAt;
    boolean flapping;
    /** Recent state-change times, oldest first, at most the flap threshold of them. */
    long[] changes = new long[0];
    /** When a flapping condition is considered settled if it does not change again. */
    long releaseAt;
    /** The maintenance window holding this firing condition's notification, null if none. */
    String heldBy;
    /** The outbox row of the latest occurrence and of the latest notification (0: none). */
    long seq;
    long notifiedSeq;
    /** The latest occurrence as stored; null until read back (the store loads it on demand). */
    Alert latest;

    public Condition(String fingerprint) {
        this.fingerprint = fingerprint;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public String tenant() {
        return tenant;
    }

    public Status status() {
        return status;
    }

    public Severity severity() {
        return severity;
    }

    public long firstSeen() {
        return firstSeen;
    }

    public long lastSeen() {
        return lastSeen;
    }

    public long occurrences() {
        return occurrences;
    }

    public Status notifiedStatus() {
        return notifiedStatus;
    }

    public Severity notifiedSeverity() {
        return notifiedSeverity;
    }

    public long notifiedAt() {
        return notifiedAt;
    }

    public long expiresAt() {
        return expiresAt;
    }

    public boolean flapping() {
        return flapping;
    }

    public long[] changes() {
        return changes.clone();
    }

    public long releaseAt() {
        return releaseAt;
    }

    public String heldBy() {
        return heldBy;
    }

    public long seq() {
        return seq;
    }

    public long notifiedSeq() {
        return notifiedSeq;
    }

    public Alert latest() {
        return latest;
    }

    /** Restores the persisted fields (the store's read path). */
    public void restore(String tenant, Status status, Severity severity, long firstSeen, long lastSeen, long occurrences,
                        Status notifiedStatus, Severity notifiedSeverity, long notifiedAt, long expiresAt,
                        boolean flapping, long[] changes, long releaseAt, String heldBy, long seq, long notifiedSeq) {
        this.tenant = tenant;
        this.status = status;
        this.severity = severity;
        this.firstSeen = firstSeen;
        this.lastSeen = lastSeen;
        this.occurrences = occurrences;
        this.notifiedStatus = notifiedStatus;
        this.notifiedSeverity = notifiedSeverity;
        this.notifiedAt = notifiedAt;
        this.expiresAt = expiresAt;
        this.flapping = flapping;
        this.changes = changes.clone();
        this.releaseAt = releaseAt;
        this.heldBy = heldBy;
        this.seq = seq;
        this.notifiedSeq = notifiedSeq;
    }

    /** Lets go of the latest occurrence once it is stored (the store reads it back when needed). */
    public void forgetLatest() {
        latest = null;
    }

    /** Called by the store once the occurrence is written: its row and, if notified, the notification's. */
    public void stored(long rowSeq, boolean notified) {
        seq = rowSeq;
        if (notified) {
            notifiedSeq = rowSeq;
        }
    }
}
