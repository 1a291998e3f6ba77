package io.mimamori.connector.snmp;

import io.mimamori.alert.Alert;
import io.mimamori.pipeline.Ingest;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * Stands in for the core pipeline in route tests: "commits" each exchange's alerts after a settable
 * delay (or fails them), recording when, so tests can see what a source handed over and when its
 * input was acknowledged relative to the commit.
 */
final class RecordingPipeline extends AsyncProcessorSupport {
    /** One committed alert and the moment its commit completed (System.nanoTime()). */
    record Committed(Alert alert, long nanos) {
    }

    final List<Committed> committed = new CopyOnWriteArrayList<>();
    volatile long delayMillis;
    volatile boolean fail;
    volatile int failures;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @Override
    @SuppressWarnings("unchecked")
    public boolean process(Exchange exchange, AsyncCallback callback) {
        List<Alert> alerts = exchange.getMessage().getBody(List.class);
        timer.schedule(() -> {
            if (fail) {
                failures++;
                exchange.setProperty(Ingest.COMMITTED_PROPERTY, 0);
                exchange.setException(new IOException("disk full (test)"));
            } else {
                long now = System.nanoTime();
                alerts.forEach(a -> committed.add(new Committed(a, now)));
                exchange.setProperty(Ingest.COMMITTED_PROPERTY, alerts.size());
            }
            callback.done(false);
        }, delayMillis, TimeUnit.MILLISECONDS);
        return false;
    }

    List<Alert> alerts() {
        return committed.stream().map(Committed::alert).toList();
    }

    @Override
    protected void doStop() {
        timer.shutdownNow();
    }
}
