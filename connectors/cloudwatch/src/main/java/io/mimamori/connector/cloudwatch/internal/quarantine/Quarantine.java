package io.mimamori.connector.cloudwatch.internal.quarantine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Keeps messages that could not be read, one JSON file per message ({@code queue}, {@code messageId},
 * {@code receivedAt}, {@code reason}, {@code error}, {@code body}), so an operator can see what was
 * sent and replay it. A file is on disk (written, forced, atomically renamed, directory forced)
 * before {@link #keep} returns true; only then may the message be acknowledged.
 */
public final class Quarantine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final int maxFiles;
    private final AtomicInteger count;

    /** Opens (creating) {@code dir}; at most {@code maxFiles} files are kept. */
    public Quarantine(Path dir, int maxFiles) throws IOException {
        this.dir = dir;
        this.maxFiles = maxFiles;
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            this.count = new AtomicInteger((int) files.filter(p -> p.toString().endsWith(".json")).count());
        }
    }

    public Path dir() {
        return dir;
    }

    /** A message and why it was not read. */
    public record Entry(String queue, String messageId, Instant receivedAt, String reason, String error, String body) {
    }

    /** What {@link #keep} did. */
    public enum Outcome { WRITTEN, FULL }

    /**
     * Writes the entry durably.
     *
     * @return {@link Outcome#FULL} when {@code maxFiles} are already kept (nothing written)
     * @throws IOException when the file cannot be written; the message must then stay unacknowledged
     */
    public Outcome keep(Entry e) throws IOException {
        if (count.get() >= maxFiles) {
            return Outcome.FULL;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("queue", e.queue());
        doc.put("messageId", e.messageId());
        doc.put("receivedAt", e.receivedAt().toString());
        doc.put("reason", e.reason());
        doc.put("error", e.error());
        doc.put("body", e.body());
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        String base = e.receivedAt().toEpochMilli() + "-" + safe(e.messageId());
        Path tmp = dir.resolve(base + ".tmp");
        Path target = dir.resolve(base + ".json");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException ex) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory();
        count.incrementAndGet();
        return Outcome.WRITTEN;
    }

    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a directory; the file itself is already forced
        }
    }

    private static String safe(String id) {
        return id == null ? "unknown" : id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
