package io.mimamori.outbox;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The dead-letter store: deliveries a sink rejected for good, with the reason. Works on the outbox
 * file directly, so {@code mimamori dlq} can run while the hub runs (a replayed entry is picked up
 * by the running delivery loop) or while it is stopped (picked up at the next start).
 */
public final class DeadLetters {
    private DeadLetters() {
    }

    /** One dead-lettered delivery. */
    public record DeadLetter(long id, String sink, Instant at, int attempts, String reason, String tenant,
                             String status, String fingerprint, long seq) {
    }

    /** Dead letters, oldest first, of {@code sink} or of every sink when it is null. */
    public static List<DeadLetter> list(Path dataDir, String sink) throws SQLException, NoSuchFileException {
        try (Connection c = open(dataDir);
             PreparedStatement p = c.prepareStatement("SELECT d.id, d.sink, d.updated_at, d.attempts, d.reason,"
                     + " a.tenant, a.status, d.fingerprint, d.seq FROM delivery d JOIN alert a ON a.seq = d.seq"
                     + " WHERE d.state = '" + Outbox.DEAD + "' AND (? IS NULL OR d.sink = ?) ORDER BY d.id")) {
            p.setString(1, sink);
            p.setString(2, sink);
            List<DeadLetter> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new DeadLetter(r.getLong(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3)), r.getInt(4),
                            r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getLong(9)));
                }
            }
            return out;
        }
    }

    /** The committed alert JSON of a dead letter, for {@code dlq show}. */
    public static String alertJson(Path dataDir, long id) throws SQLException, NoSuchFileException {
        try (Connection c = open(dataDir);
             PreparedStatement p = c.prepareStatement(
                     "SELECT a.json FROM delivery d JOIN alert a ON a.seq = d.seq WHERE d.id = ?")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? new String(r.getBytes(1), java.nio.charset.StandardCharsets.UTF_8) : null;
            }
        }
    }

    /**
     * Queues dead letters for delivery again: those with the given ids, or all of {@code sink}, or
     * all when both are empty. Where the condition has changed since (a resolve was delivered after
     * the rejected trigger), its current state is queued after the replayed entry, so the sink ends
     * on the right state.
     *
     * @return how many dead letters were queued again
     */
    public static int replay(Path dataDir, List<Long> ids, String sink, Instant now) throws SQLException, NoSuchFileException {
        try (Connection c = open(dataDir)) {
            c.setAutoCommit(false);
            String where = "state = '" + Outbox.DEAD + "'"
                    + (ids.isEmpty() ? "" : " AND id IN (" + ids.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")")
                    + (sink == null ? "" : " AND sink = ?");
            List<long[]> replayed = new ArrayList<>();
            List<String> fingerprints = new ArrayList<>();
            List<String> sinks = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id, seq, fingerprint, sink FROM delivery WHERE " + where
                    + " ORDER BY id")) {
                if (sink != null) {
                    p.setString(1, sink);
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        replayed.add(new long[] {r.getLong(1), r.getLong(2)});
                        fingerprints.add(r.getString(3));
                        sinks.add(r.getString(4));
                    }
                }
            }
            long t = now.toEpochMilli();
            try (PreparedStatement requeue = c.prepareStatement("UPDATE delivery SET state = '" + Outbox.PENDING + "',"
                    + " attempts = 0, next_at = 0, reason = NULL, fallback_sent = 0, updated_at = ? WHERE id = ?");
                 PreparedStatement latest = c.prepareStatement("INSERT INTO delivery (sink, seq, fingerprint, state,"
                          + " created_at, updated_at) SELECT ?, cur.notified_seq, cur.fingerprint, '" + Outbox.PENDING + "', ?, ?"
                         + " FROM condition cur WHERE cur.fingerprint = ? AND cur.notified_seq > ?"
                         + " AND NOT EXISTS (SELECT 1 FROM delivery e WHERE e.sink = ? AND e.seq = cur.notified_seq"
                         + " AND e.state = '" + Outbox.PENDING + "')")) {
                for (int i = 0; i < replayed.size(); i++) {
                    requeue.setLong(1, t);
                    requeue.setLong(2, replayed.get(i)[0]);
                    requeue.executeUpdate();
                    latest.setString(1, sinks.get(i));
                    latest.setLong(2, t);
                    latest.setLong(3, t);
                    latest.setString(4, fingerprints.get(i));
                    latest.setLong(5, replayed.get(i)[1]);
                    latest.setString(6, sinks.get(i));
                    latest.executeUpdate();
                }
            }
            c.commit();
            return replayed.size();
        }
    }

    private static Connection open(Path dataDir) throws SQLException, NoSuchFileException {
        Path file = dataDir.resolve(Outbox.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no outbox here: give the hub's data directory (--data-dir)");
        }
        return Outbox.connect("jdbc:sqlite:" + file.toAbsolutePath(), false, true, true);
    }
}
