package io.mimamori.pipeline;

import io.mimamori.alert.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultConsumer;

/**
 * A source's worker lanes between its I/O threads and {@link Ingest#ENDPOINT}: inputs of one peer
 * always go to the same lane, so their order is kept while peers are decoded in parallel, and an
 * I/O thread only queues. A lane translates what it takes into alerts and hands them on as one
 * exchange whenever it runs dry (or every {@value #MAX_BURST} alerts); each input's completion
 * (a TCP frame released, an INFORM answered) runs once the exchange completes, that is, once its
 * alerts are committed.
 *
 * @param <T> the queued input (a frame, a trap)
 */
public final class IngestLanes<T> {
    static final int MAX_BURST = 512;

    /** What the owning source does with one input. */
    public interface Work<T> {
        /** The alerts {@code input} becomes; empty when none (unmatched, malformed). Never throws. */
        List<Alert> translate(T input);

        /** What to run once the input is handled, or null for nothing. */
        Runnable completion(T input);
    }

    /**
     * @param completeUnlessCommitted run completions also when no alert came of the input or the
     *        commit failed (TCP frames: the connection must go on) rather than only after a
     *        successful commit (INFORMs: no answer, so the agent sends again)
     */
    public record Policy(boolean completeUnlessCommitted) {
    }

    private final DefaultConsumer consumer;
    private final Work<T> work;
    private final Policy policy;
    private final SourceMetrics metrics;
    private final Warnings warnings;
    private final Lane[] lanes;
    private final LongAdder committed = new LongAdder();

    /**
     * @param threadPrefix names the lane threads ({@code prefix-0}, {@code prefix-1}, …)
     * @param capacity     inputs that may wait, over all lanes
     */
    public IngestLanes(DefaultConsumer consumer, String threadPrefix, int count, int capacity, Work<T> work,
                       Policy policy, SourceMetrics metrics, Warnings warnings) {
        this.consumer = consumer;
        this.work = work;
        this.policy = policy;
        this.metrics = metrics;
        this.warnings = warnings;
        @SuppressWarnings("unchecked")
        Lane[] ls = (Lane[]) java.lang.reflect.Array.newInstance(Lane.class, count);
        for (int i = 0; i < count; i++) {
            ls[i] = new Lane(threadPrefix + "-" + i, Math.max(1, capacity / count));
        }
        this.lanes = ls;
    }

    public void start() {
        for (Lane l : lanes) {
            l.thread.start();
        }
    }

    /** Lets each lane finish what it holds (up to 5 s each), then ends the lane threads. */
    public void stop() throws InterruptedException {
        for (Lane l : lanes) {
            l.running = false;
        }
        for (Lane l : lanes) {
            l.thread.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    /** Queues without waiting; false when the peer's lane is full (the caller counts and drops). */
    public boolean offer(Object peer, T input) {
        return laneOf(peer).queue.offer(input);
    }

    /** Queues, waiting for room: the calling I/O thread reads nothing more meanwhile (TCP back-pressure). */
    public void put(Object peer, T input) throws InterruptedException {
        laneOf(peer).queue.put(input);
    }

    /** Alerts committed so far. */
    public long committed() {
        return committed.sum();
    }

    private Lane laneOf(Object peer) {
        return lanes[peer == null ? 0 : Math.floorMod(peer.hashCode(), lanes.length)];
    }

    /** Routes the collected alerts as one exchange; the inputs' completions run once it completes. */
    private void hand(List<Alert> alerts, List<Runnable> completions) {
        List<Alert> batch = List.copyOf(alerts);
        Runnable[] pending = completions.toArray(Runnable[]::new);
        Exchange exchange = consumer.createExchange(false);
        exchange.getMessage().setBody(batch);
        consumer.getAsyncProcessor().process(exchange, doneSync -> {
            Exception failure = exchange.getException();
            int written = exchange.getProperty(Ingest.COMMITTED_PROPERTY, 0, Integer.class);
            committed.add(written);
            consumer.releaseExchange(exchange, false);
            if (failure != null) {
                for (int i = written; i < batch.size(); i++) {
                    metrics.dropped("commit_failed");
                }
                warnings.warn("commit_failed", "{} alert(s) not committed: {}", batch.size() - written, failure.toString());
                if (!policy.completeUnlessCommitted()) {
                    return;
                }
            }
            for (Runnable r : pending) {
                r.run();
            }
        });
    }

    private final class Lane implements Runnable {
        final BlockingQueue<T> queue;
        final Thread thread;
        volatile boolean running = true;
        private final List<Alert> alerts = new ArrayList<>(MAX_BURST);
        private final List<Runnable> completions = new ArrayList<>(MAX_BURST);

        Lane(String name, int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.thread = new Thread(this, name);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (running || !queue.isEmpty()) {
                T input;
                try {
                    input = queue.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (input != null) {
                    List<Alert> made = work.translate(input);
                    Runnable done = work.completion(input);
                    if (!made.isEmpty()) {
                        alerts.addAll(made);
                        if (done != null) {
                            completions.add(done);
                        }
                    } else if (done != null && policy.completeUnlessCommitted()) {
                        done.run();
                    }
                }
                if (!alerts.isEmpty() && (alerts.size() >= MAX_BURST || queue.isEmpty())) {
                    try {
                        hand(alerts, completions);
                    } catch (RuntimeException e) {
                        for (int i = 0; i < alerts.size(); i++) {
                            metrics.dropped("commit_failed");
                        }
                        warnings.warn("route_failed", "cannot route {} alert(s): {}", alerts.size(), e.toString());
                        if (policy.completeUnlessCommitted()) {
                            completions.forEach(Runnable::run);
                        }
                    } finally {
                        alerts.clear();
                        completions.clear();
                    }
                }
            }
        }
    }

}
