package io.mimamori.pipeline;

import io.mimamori.alert.Alert;
import io.mimamori.alert.Fingerprints;
import io.mimamori.alert.Text;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fills in what a source does not know: tenant, site, occurrence id, fingerprint and the first
 * lifecycle fields. Runs once per alert at the start of the pipeline.
 */
public final class AlertCompleter {
    private final String defaultTenant;
    private final String site;
    private final Clock clock;

    public AlertCompleter(String defaultTenant, String site, Clock clock) {
        this.defaultTenant = defaultTenant;
        this.site = site;
        this.clock = clock;
    }

    public Alert complete(Alert draft) {
        return complete(draft, draft.tenant() != null ? draft.tenant() : defaultTenant);
    }

    /** Completes {@code draft} as an alert of {@code tenant}. */
    public Alert complete(Alert draft, String tenant) {
        String dedupKey = Text.truncate(draft.dedupKey() != null && !draft.dedupKey().isEmpty() ? draft.dedupKey()
                : draft.event() + "/" + (draft.resource() != null ? draft.resource()
                        : draft.host() != null ? draft.host() : "-"), Alert.MAX_DEDUP_KEY);
        Instant seen = draft.source() != null ? draft.source().receivedAt() : clock.instant();
        // the draft's maps and lists are already immutable: share them instead of copying per alert
        return new Alert(Alert.SCHEMA, draft.id() != null ? draft.id() : randomUuid(), tenant,
                draft.site() != null ? draft.site() : site, draft.status(), draft.severity(), draft.sourceSeverity(),
                draft.layer(), draft.event(), draft.resource(), draft.host(), draft.ip(), draft.summary(), dedupKey,
                Fingerprints.of(tenant, dedupKey), draft.source(), draft.labels(), draft.details(), draft.links(),
                draft.occurrences() > 0 ? draft.occurrences() : 1,
                draft.firstSeenAt() != null ? draft.firstSeenAt() : seen,
                draft.lastSeenAt() != null ? draft.lastSeenAt() : seen,
                draft.timeoutSeconds(), draft.raw());
    }

    /** A version 4 UUID; ids must be unique, not unguessable, so the contended SecureRandom is not needed. */
    static UUID randomUuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
