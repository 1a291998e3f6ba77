package io.mimamori.pipeline;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertSource;
import io.mimamori.lifecycle.Lifecycle;
import io.mimamori.lifecycle.MaintenanceGate;
import io.mimamori.lifecycle.Outcome;
import io.mimamori.outbox.Outbox;
import io.mimamori.spi.SinkSecretLookup;
import io.mimamori.tenant.TenantClaims;
import io.mimamori.tenant.TenantDirectory;
import io.mimamori.tenant.TenantResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The core pipeline behind {@link Ingest#ENDPOINT}: complete the alert, pass it through the
 * {@link Lifecycle} and commit the outcome to the durable {@link Outbox} (both on the outbox's
 * writer thread, in one transaction), update the current-alert store, and only then complete the
 * exchange, which is when a source may acknowledge its input. Sinks are fed from the outbox by their own delivery
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
    private final MaintenanceGate maintenance;
    private final TenantDirectory tenants;
    private volatile Outbox outbox;

    private final Clock clock;

    private Pipeline(CamelContext context, PipelineSettings settings, Clock clock, MaintenanceGate maintenance,
                     TenantDirectory tenants) {
        this.context = context;
        this.clock = clock;
        this.maintenance = maintenance;
        this.tenants = tenants;
        this.settings = settings;
        this.completer = new AlertCompleter(tenants.defaultTenant(), settings.site(), clock);
        this.store = new AlertStore(settings.storeCapacity());
    }

    /** Adds the ingest route and the pipeline service to {@code context}; call before it starts. */
    public static Pipeline install(CamelContext context, PipelineSettings settings) {
        return install(context, settings, Clock.systemUTC());
    }

    public static Pipeline install(CamelContext context, PipelineSettings settings, Clock clock) {
        return install(context, settings, clock, MaintenanceGate.NONE, TenantDirectory.singleTenant(settings.defaultTenant()));
    }

    /**
     * Installs the pipeline with the deployment's tenants (bound as {@link TenantResolver#BEAN} for
     * sources that resolve tenants themselves, and as {@link SinkSecretLookup#BEAN} for sinks that
     * send with a tenant's own secret) and maintenance windows.
     */
    public static Pipeline install(CamelContext context, PipelineSettings settings, Clock clock,
                                   MaintenanceGate maintenance, TenantDirectory tenants) {
        Pipeline p = new Pipeline(context, settings, clock, maintenance, tenants);
        try {
            context.addService(p, true, true);
            context.getRegistry().bind(Ingest.STORE_BEAN, p.store);
            context.getRegistry().bind(Ingest.PIPELINE_BEAN, p);
            context.getRegistry().bind(TenantResolver.BEAN, tenants);
            context.getRegistry().bind(SinkSecretLookup.BEAN, SinkSecretLookup.class, (SinkSecretLookup) tenants::secret);
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
        Outbox o = Outbox.open(settings.dataDir(), settings.outbox(), clock, settings.lifecycle(),
                conditions -> new Lifecycle(settings.lifecycle(), conditions, maintenance, completer::complete, clock),
                this::committed);
        try {
            store.putAll(o.currentAlerts());
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

    private SourceMetrics metricsOf(Alert a) {
        AlertSource src = a.source();
        String connector = src == null ? "unknown" : src.connector();
        String route = src == null || src.route() == null ? "unknown" : src.route();
        return metrics.computeIfAbsent(connector + '\u0000' + route, k -> SourceMetrics.of(context, connector, route));
    }

    /** After each commit: the API store shows every recorded occurrence; metrics count what was notified or why not. */
    private void committed(List<Outcome> outcomes) {
        List<Alert> recorded = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            SourceMetrics m = metricsOf(o.alert());
            if (o.notified()) {
                m.emitted();
            } else if (Outcome.CLEAR_WITHOUT_PROBLEM.equals(o.reason())) {
                m.dropped(o.reason());
                continue;
            } else {
                m.suppressed(o.reason());
            }
            recorded.add(o.alert());
        }
        store.putAll(recorded);
    }

    public AlertStore store() {
        return store;
    }

    public TenantDirectory tenants() {
        return tenants;
    }

    /**
     * For polling sources: {@code tenant}'s input on {@code route} works although nothing arrived,
     * so a {@code silentAfter} limit measures "not polled", not "no alarms" (see the lifecycle).
     */
    public void sourceActive(String tenant, String connector, String route) {
        Outbox o = outbox;
        if (o != null) {
            o.sourceActive(tenant, connector, route);
        }
    }

    /**
     * Completes a draft: its tenant (the source's, else resolved from the sender's address and host
     * name), then site, id, fingerprint, and the tenant's runbook links. Null when the tenant
     * configuration rejects unclaimed inputs and no tenant claims this one (counted).
     */
    private Alert complete(Alert draft) {
        String tenant = draft.tenant();
        if (tenant == null) {
            TenantResolver.Resolution r = tenants.resolve(TenantClaims.ofAddress(address(draft), draft.host()));
            if (r.rejected()) {
                metricsOf(draft).dropped(UNKNOWN_TENANT);
                return null;
            }
            if (!r.matched()) {
                metricsOf(draft).tenantDefaulted();
            }
            tenant = r.tenant();
        }
        Alert alert = completer.complete(draft, tenant);
        if (tenants.hasRunbooks()) {
            var runbooks = tenants.runbooks(alert);
            if (!runbooks.isEmpty()) {
                Alert.Builder b = alert.toBuilder();
                runbooks.forEach(l -> b.link(l.href(), l.text()));
                alert = b.build();
            }
        }
        return alert;
    }

    static final String UNKNOWN_TENANT = "unknown_tenant";

    /** The sender's IP address from {@code source.peer} ({@code ip:port} or {@code [v6]:port}), else the alert's ip. */
    private static String address(Alert a) {
        String peer = a.source() == null ? null : a.source().peer();
        if (peer == null || peer.isEmpty()) {
            return a.ip();
        }
        if (peer.startsWith("[")) {
            int end = peer.indexOf(']');
            return end > 0 ? peer.substring(1, end) : peer;
        }
        int colon = peer.indexOf(':');
        return colon > 0 && colon == peer.lastIndexOf(':') ? peer.substring(0, colon) : peer;
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
                Alert alert = pipeline.complete(draft);
                if (alert != null) {
                    toCommit.add(alert);
                }
            }
            exchange.getMessage().setBody(body instanceof Alert && toCommit.size() == 1 ? toCommit.get(0) : toCommit);
            exchange.setProperty(Ingest.COMMITTED_PROPERTY, 0);
            if (toCommit.isEmpty()) {
                callback.done(true);
                return true;
            }
            Outbox outbox = pipeline.outbox;
            boolean queued = outbox != null && outbox.commit(toCommit, new Outbox.Committed() {
                @Override
                public void recorded(int count) {
                    exchange.setProperty(Ingest.COMMITTED_PROPERTY, count);
                }

                @Override
                public void done(Throwable error) {
                    if (error != null) {
                        exchange.setProperty(Ingest.COMMITTED_PROPERTY, 0);
                        exchange.setException(error instanceof IOException io ? new UncheckedIOException(io) : error);
                    }
                    callback.done(false);
                }
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
