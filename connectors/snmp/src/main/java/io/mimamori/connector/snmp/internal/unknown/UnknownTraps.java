package io.mimamori.connector.snmp.internal.unknown;

import io.mimamori.alert.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The traps no definition knows, by trap OID: what an operator needs to write the missing
 * definition. Bounded: at most {@code maxOids} OIDs (the least recently seen are forgotten first),
 * {@value #MAX_AGENTS} agents and {@value #MAX_VARBINDS} variable bindings each.
 */
public final class UnknownTraps {
    static final int MAX_AGENTS = 20;
    static final int MAX_VARBINDS = 32;
    static final int MAX_VALUE = 256;

    /** One unknown trap OID as listed by {@code GET /api/snmp/unknown}. */
    public record Entry(String trapOid, String trapName, long count, Instant firstSeen, Instant lastSeen,
                        List<String> agents, Map<String, String> lastVarbinds, boolean heldBack, String route) {
    }

    private static final class Row {
        final String trapOid;
        String trapName;
        long count;
        final Instant firstSeen;
        Instant lastSeen;
        final LinkedHashSet<String> agents = new LinkedHashSet<>();
        Map<String, String> lastVarbinds = Map.of();
        boolean heldBack;

        Row(String trapOid, Instant firstSeen) {
            this.trapOid = trapOid;
            this.firstSeen = firstSeen;
        }
    }

    private final int maxOids;
    private final String route;
    private final LinkedHashMap<String, Row> rows;
    private long forgotten;

    public UnknownTraps(int maxOids, String route) {
        if (maxOids < 1) {
            throw new IllegalArgumentException("maxOids must be at least 1: " + maxOids);
        }
        this.maxOids = maxOids;
        this.route = route;
        this.rows = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Row> eldest) {
                if (size() > UnknownTraps.this.maxOids) {
                    forgotten++;
                    return true;
                }
                return false;
            }
        };
    }

    /** Records one sighting; {@code varbinds} are by name or OID, as the alert details show them. */
    public synchronized void record(String trapOid, String trapName, String agent, Map<String, ?> varbinds,
            boolean heldBack, Instant at) {
        Row row = rows.computeIfAbsent(trapOid, oid -> new Row(oid, at));
        row.count++;
        row.lastSeen = at;
        row.trapName = trapName;
        row.heldBack = heldBack;
        if (agent != null) {
            row.agents.remove(agent);
            row.agents.add(agent);
            if (row.agents.size() > MAX_AGENTS) {
                row.agents.remove(row.agents.iterator().next());
            }
        }
        Map<String, String> vb = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : varbinds.entrySet()) {
            if (vb.size() == MAX_VARBINDS) {
                break;
            }
            vb.put(e.getKey(), Text.truncate(String.valueOf(e.getValue()), MAX_VALUE));
        }
        row.lastVarbinds = vb;
    }

    /** The listing, most frequent first; agents most recent last. */
    public synchronized List<Entry> entries() {
        List<Entry> out = new ArrayList<>(rows.size());
        for (Row r : rows.values()) {
            out.add(new Entry(r.trapOid, r.trapName, r.count, r.firstSeen, r.lastSeen, List.copyOf(r.agents),
                    java.util.Collections.unmodifiableMap(r.lastVarbinds), r.heldBack, route));
        }
        out.sort(Comparator.comparingLong(Entry::count).reversed().thenComparing(Entry::trapOid));
        return out;
    }

    /** How many OIDs were forgotten to keep the table within its bound. */
    public synchronized long forgotten() {
        return forgotten;
    }

    public synchronized int size() {
        return rows.size();
    }
}
