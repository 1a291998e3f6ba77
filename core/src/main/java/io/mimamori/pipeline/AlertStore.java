package io.mimamori.pipeline;

import io.mimamori.alert.Alert;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The current state of each condition (the newest alert per fingerprint), for {@code GET /api/alerts}.
 * Bounded: past its capacity the least recently updated condition is forgotten, resolved ones first.
 * The original payload ({@code raw}) is not kept here: it is in alerts.jsonl, and leaving it out
 * halves what a storm of distinct alerts keeps alive.
 */
public final class AlertStore {

    private final int capacity;
    private final LinkedHashMap<String, Alert> byFingerprint = new LinkedHashMap<>(1024, 0.75f, true);
    private int resolvedCount;

    public AlertStore(int capacity) {
        this.capacity = capacity;
    }

    /** Filters of the HTTP API; a null field matches anything. */
    public record Query(Status status, String tenant, Severity severity, Layer layer) implements Predicate<Alert> {
        @Override
        public boolean test(Alert a) {
            return (status == null || a.status() == status)
                    && (tenant == null || tenant.equals(a.tenant()))
                    && (severity == null || a.severity() == severity)
                    && (layer == null || a.layer() == layer);
        }
    }

    public synchronized void putAll(List<Alert> alerts) {
        for (Alert a : alerts) {
            put(a);
        }
    }

    private void put(Alert full) {
        Alert a = full.raw() == null ? full : withoutRaw(full);
        Alert old = byFingerprint.get(a.fingerprint());
        if (old != null && receivedAt(old).isAfter(receivedAt(a))) {
            // inputs on different transports can commit out of order; the state follows arrival
            return;
        }
        byFingerprint.put(a.fingerprint(), a);
        if (old != null && old.status() == Status.RESOLVED) {
            resolvedCount--;
        }
        if (a.status() == Status.RESOLVED) {
            resolvedCount++;
        }
        while (byFingerprint.size() > capacity) {
            evictOne();
        }
    }

    private static Alert withoutRaw(Alert a) {
        return new Alert(a.schema(), a.id(), a.tenant(), a.site(), a.status(), a.severity(), a.sourceSeverity(),
                a.layer(), a.event(), a.resource(), a.host(), a.ip(), a.summary(), a.dedupKey(), a.fingerprint(),
                a.source(), a.labels(), a.details(), a.links(), a.occurrences(), a.firstSeenAt(), a.lastSeenAt(),
                a.timeoutSeconds(), null);
    }

    private static java.time.Instant receivedAt(Alert a) {
        return a.source() != null ? a.source().receivedAt() : a.lastSeenAt() != null ? a.lastSeenAt() : java.time.Instant.MIN;
    }

    private void evictOne() {
        boolean preferResolved = resolvedCount > 0;
        Iterator<Map.Entry<String, Alert>> it = byFingerprint.entrySet().iterator();
        while (it.hasNext()) {
            Alert a = it.next().getValue();
            if (!preferResolved || a.status() == Status.RESOLVED) {
                it.remove();
                if (a.status() == Status.RESOLVED) {
                    resolvedCount--;
                }
                return;
            }
        }
    }

    /** Matching alerts, most recently updated first. */
    public synchronized List<Alert> query(Query q) {
        List<Alert> out = new ArrayList<>();
        for (Alert a : byFingerprint.values()) {
            if (q.test(a)) {
                out.add(a);
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    public synchronized int size() {
        return byFingerprint.size();
    }
}
