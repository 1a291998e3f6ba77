package io.mimamori.pipeline;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default sink: appends each alert as one JSON line to {@code alerts.jsonl}.
 *
 * <p>Appends are group-committed by one writer thread: it drains whatever is queued, writes it,
 * forces it to disk, and only then tells each caller that its alert is committed. A source
 * acknowledges its input from that callback, so nothing acknowledged is lost on a crash, while
 * one fsync covers many alerts under load. The queue is bounded; a full queue is refused at
 * once, never waited on, so no I/O thread blocks here.
 */
public final class JsonlAlertSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JsonlAlertSink.class);
    private static final int MAX_BATCH_ENTRIES = 4096;

    /** Told once an alert is on disk ({@code error == null}) or could not be written. */
    @FunctionalInterface
    public interface Committed {
        void done(Throwable error);
    }

    private record Entry(List<Alert> alerts, List<byte[]> json, Committed committed) {
    }

    private final Path file;
    private final boolean fsync;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final int capacity;
    /** Alerts queued or being written; bounded by {@code capacity}. */
    private final AtomicInteger pending = new AtomicInteger();
    private final Consumer<List<Alert>> onCommitted;
    private final FileChannel channel;
    private final Thread writer;
    private volatile boolean closing;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);

    /**
     * @param file          the JSON lines file, created with its directories if missing
     * @param fsync         force each group to disk before acknowledging (off only for benchmarks of the rest)
     * @param queueCapacity alerts that may wait for the writer at once
     * @param onCommitted   called on the writer thread with each committed group, in order
     */
    public JsonlAlertSink(Path file, boolean fsync, int queueCapacity, Consumer<List<Alert>> onCommitted)
            throws IOException {
        this.file = file;
        this.fsync = fsync;
        this.capacity = queueCapacity;
        this.onCommitted = onCommitted;
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        this.writer = new Thread(this::writeLoop, "mimamori-jsonl-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    public Path file() {
        return file;
    }

    /**
     * Queues {@code alert}; {@code committed} is called later from the writer thread.
     *
     * @return false, without calling {@code committed}, when the queue is full or the sink closed
     */
    public boolean append(Alert alert, Committed committed) {
        return append(List.of(alert), committed);
    }

    /**
     * Queues {@code alerts} to be written together; {@code committed} is called once, from the writer
     * thread, when all of them are on disk or could not be written.
     *
     * @return false, without calling {@code committed}, when they do not fit or the sink closed
     */
    public boolean append(List<Alert> alerts, Committed committed) {
        int n = alerts.size();
        if (closing || pending.addAndGet(n) > capacity) {
            pending.addAndGet(-n);
            return false;
        }
        List<byte[]> json = new ArrayList<>(n);
        for (Alert a : alerts) {
            json.add(AlertJson.toBytes(a));
        }
        queue.add(new Entry(alerts, json, committed));
        return true;
    }

    /** Alerts queued or being written. */
    public int queued() {
        return pending.get();
    }

    private void writeLoop() {
        List<Entry> batch = new ArrayList<>(MAX_BATCH_ENTRIES);
        while (true) {
            try {
                Entry first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH_ENTRIES - 1);
                commit(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void commit(List<Entry> batch) {
        Throwable error = null;
        try {
            for (Entry e : batch) {
                for (byte[] line : e.json()) {
                    put(line);
                    put(NEWLINE);
                }
            }
            drain();
            if (fsync) {
                channel.force(false);
            }
        } catch (IOException | RuntimeException e) {
            error = e;
            LOG.error("Cannot write {} group(s) of alerts to {}: {}; their inputs are not acknowledged",
                    batch.size(), file, e.toString());
        }
        if (error == null) {
            List<Alert> alerts = new ArrayList<>();
            for (Entry e : batch) {
                alerts.addAll(e.alerts());
            }
            try {
                onCommitted.accept(alerts);
            } catch (RuntimeException e) {
                LOG.warn("Post-commit hook failed: {}", e.toString());
            }
        }
        for (Entry e : batch) {
            pending.addAndGet(-e.alerts().size());
            try {
                e.committed().done(error);
            } catch (RuntimeException ex) {
                LOG.warn("Commit callback failed: {}", ex.toString());
            }
        }
    }

    private static final byte[] NEWLINE = {'\n'};

    private void put(byte[] bytes) throws IOException {
        if (bytes.length > buffer.remaining()) {
            drain();
            if (bytes.length > buffer.capacity()) {
                buffer = ByteBuffer.allocateDirect(Integer.highestOneBit(bytes.length) << 1);
            }
        }
        buffer.put(bytes);
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /** Stops taking alerts, commits everything queued, and closes the file. */
    @Override
    public void close() throws IOException {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Entry> stranded = new ArrayList<>();
        queue.drainTo(stranded);
        IOException closed = new IOException("alert sink closed before commit");
        stranded.forEach(e -> e.committed().done(closed));
        channel.close();
    }
}
