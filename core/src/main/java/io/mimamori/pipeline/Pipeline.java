package io.mimamori.pipeline;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertSource;
import io.mimamori.alert.Status;
import io.mimamori.outbox.Outbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The core pipeline behind {@link Ingest#ENDPOINT}: complete the alert, commit it to the durable
 * {@link Outbox}, update the current-alert store, and only then complete the exchange, which is
 * when a source may acknowledge its input. Sinks are fed from the outbox by their own delivery
 * routes ({@code mimamori-outbox:NAME}).
 *
 * <p>Install with {@link #install(CamelContext, PipelineSettings)}. The pipeline is a Camel
 * service added after the routes, so on shutdown the routes drain first and the outbox is closed last.
 */
public final class Pipeline extends ServiceSupport {
    private final CamelContext context;
    private final PipelineSettings settings;
    private final AlertCompleter completer;
    private final AlertStore store;
    private final Map<String, SourceMetrics> metrics = new ConcurrentHashMap<>();
    /** Conditions currently firing, by fingerprint: a clear for anything else is noise. */
    private final Set<String> firing = ConcurrentHashMap.newKeySet();
    private volatile Outbox outbox;

    private final Clock clock;

    private Pipeline(CamelContext context, PipelineSettings settings, Clock clock) {
        this.context = context;
        this.clock = clock;
        this.settings = settings;
        this.completer = new AlertCompleter(settings.defaultTenant(), settings.site(), clock);
        this.store = new AlertStore(settings.storeCapacity());
    }

    /** Adds the ingest route and the pipeline service to {@code context}; call before it starts. */
    public static Pipeline install(CamelContext context, PipelineSettings settings) {
        return install(context, settings, Clock.systemUTC());
    }

    public static Pipeline install(CamelContext context, PipelineSettings settings, Clock clock) {
        Pipeline p = new Pipeline(context, settings, clock);
        try {
            context.addService(p, true, true);
            context.getRegistry().bind(Ingest.STORE_BEAN, p.store);
            context.getRegistry().bind(Ingest.PIPELINE_BEAN, p);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(Ingest.ENDPOINT).routeId("mimamori-ingest").startupOrder(1)
                            .process(new CommitProcessor(p));
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot install the Mimamori pipeline: " + e.getMessage(), e);
        }
        return p;
    }

    @Override
    protected void doStart() throws IOException {
        if (outbox != null) {
            return;
        }
        Outbox o = Outbox.open(settings.dataDir(), settings.outbox(), clock, this::committed);
        try {
            for (Alert a : o.currentAlerts()) {
                store.putAll(List.of(a));
                if (a.status() == Status.FIRING && firing.size() < MAX_TRACKED_FIRING) {
                    firing.add(a.fingerprint());
                }
            }
        } catch (java.sql.SQLException e) {
            o.close();
            throw new IOException("cannot read current alerts from " + o.file() + ": " + e.getMessage(), e);
        }
        outbox = o;
    }

    /**
     * The outbox, opened on first use so delivery routes that start before the pipeline service
     * find it; the service's own start then finds it open.
     */
    public synchronized Outbox outbox() {
        if (outbox == null) {
            try {
                doStart();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return outbox;
    }

    @Override
    protected void doStop() {
        Outbox o = outbox;
        outbox = null;
        if (o != null) {
            o.close();
        }
    }

    /**
     * Tracks which conditions fire, and says whether {@code alert} is worth committing: a clear
     * for a condition that is not firing (a "link up" or "service started" at boot) is not. Past
     * {@link #MAX_TRACKED_FIRING} conditions every clear passes, so no real resolve is ever lost.
     */
    private boolean worthCommitting(Alert alert) {
        if (alert.status() == Status.FIRING) {
            if (firing.size() < MAX_TRACKED_FIRING) {
                firing.add(alert.fingerprint());
            }
            return true;
        }
        return firing.remove(alert.fingerprint()) || firing.size() >= MAX_TRACKED_FIRING;
    }

    static final int MAX_TRACKED_FIRING = 50_000;
    static final String CLEAR_WITHOUT_PROBLEM = "clear_without_problem";

    private SourceMetrics metricsOf(Alert a) {
        AlertSource src = a.source();
        String connector = src == null ? "unknown" : src.connector();
        String route = src == null || src.route() == null ? "unknown" : src.route();
        return metrics.computeIfAbsent(connector + '\u0000' + route, k -> SourceMetrics.of(context, connector, route));
    }

    private void committed(List<Alert> alerts) {
        store.putAll(alerts);
        for (Alert a : alerts) {
            metricsOf(a).emitted();
        }
    }

    public AlertStore store() {
        return store;
    }

    /**
     * Completes and commits the alert, or list of alerts, in the exchange body; the exchange
     * completes after the commit. A source hands over a list to have a burst of inputs routed and
     * written as one; {@link Ingest#COMMITTED_PROPERTY} then says how many were written.
     */
    private static final class CommitProcessor extends AsyncProcessorSupport {
        private final Pipeline pipeline;

        CommitProcessor(Pipeline pipeline) {
            this.pipeline = pipeline;
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            Object body = exchange.getMessage().getBody();
            List<Alert> drafts = alerts(body);
            if (drafts == null) {
                exchange.setException(new IllegalArgumentException(
                        "direct:ingest expects an io.mimamori.alert.Alert or a List of them as body, got " + body));
                callback.done(true);
                return true;
            }
            List<Alert> toCommit = new ArrayList<>(drafts.size());
            for (Alert draft : drafts) {
                Alert alert = pipeline.completer.complete(draft);
                if (pipeline.worthCommitting(alert)) {
                    toCommit.add(alert);
                } else {
                    pipeline.metricsOf(alert).dropped(CLEAR_WITHOUT_PROBLEM);
                }
            }
            exchange.getMessage().setBody(body instanceof Alert && toCommit.size() == 1 ? toCommit.get(0) : toCommit);
            exchange.setProperty(Ingest.COMMITTED_PROPERTY, toCommit.size());
            if (toCommit.isEmpty()) {
                callback.done(true);
                return true;
            }
            Outbox outbox = pipeline.outbox;
            boolean queued = outbox != null && outbox.commit(toCommit, error -> {
                if (error != null) {
                    exchange.setProperty(Ingest.COMMITTED_PROPERTY, 0);
                    exchange.setException(error instanceof IOException io ? new UncheckedIOException(io) : error);
                }
                callback.done(false);
            });
            if (!queued) {
                exchange.setProperty(Ingest.COMMITTED_PROPERTY, 0);
                exchange.setException(new RejectedExecutionException("alert queue full ("
                        + pipeline.settings.outbox().queueCapacity() + " alerts): the disk is too slow or the outbox closed"));
                callback.done(true);
                return true;
            }
            return false;
        }

        @SuppressWarnings("unchecked")
        private static List<Alert> alerts(Object body) {
            if (body instanceof Alert a) {
                return List.of(a);
            }
            if (body instanceof List<?> list && list.stream().allMatch(Alert.class::isInstance)) {
                return (List<Alert>) list;
            }
            return null;
        }
    }
}
