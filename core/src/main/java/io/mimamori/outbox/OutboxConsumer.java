package io.mimamori.outbox;

import io.mimamori.alert.Alert;
import io.mimamori.pipeline.Ingest;
import io.mimamori.pipeline.Pipeline;
import io.mimamori.pipeline.SourceMetrics;
import io.mimamori.tenant.TenantDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * Runs one sink's {@link SinkDelivery} loop and turns each batch into an exchange: the body is the
 * {@link io.mimamori.alert.Alert} (a {@code List} of them when {@code batchSize > 1}), the
 * property {@link #JSON_PROPERTY} holds the committed JSON (a {@code byte[]} or a List of them) for
 * sinks that write it as is, the property {@link #SINK_PROPERTY} names the delivery route (the
 * sink name {@code tenants.yaml} refers to), and header {@link #ATTEMPT_HEADER} counts tries from 1.
 */
public final class OutboxConsumer extends DefaultConsumer {
    public static final String JSON_PROPERTY = "MimamoriAlertJson";
    public static final String ATTEMPT_HEADER = "MimamoriDeliveryAttempt";
    public static final String SINK_PROPERTY = "MimamoriSink";

    /** Every running delivery loop of every context, by sink name, for health and the DLQ. */
    private static final Map<String, SinkDelivery> RUNNING = new ConcurrentHashMap<>();
    private static final java.util.Set<String> CLAIMED = ConcurrentHashMap.newKeySet();

    private final SinkSpec spec;
    private SinkDelivery delivery;

    OutboxConsumer(OutboxEndpoint endpoint, Processor processor, SinkSpec spec) {
        super(endpoint, processor);
        this.spec = spec;
    }

    /**
     * The alert JSON exactly as committed, one entry per alert, when the exchange came from a
     * delivery route and still carries it ({@code expected} alerts); else null. Sinks that send the
     * alert JSON as it is use this rather than serializing the alert again.
     */
    @SuppressWarnings("unchecked")
    public static List<byte[]> committedJson(Exchange exchange, int expected) {
        Object json = exchange.getProperty(JSON_PROPERTY);
        if (json instanceof byte[] one && expected == 1) {
            return List.of(one);
        }
        if (json instanceof List<?> many && many.size() == expected && many.stream().allMatch(byte[].class::isInstance)) {
            return (List<byte[]>) many;
        }
        return null;
    }

    /**
     * The sink name ({@code mimamori-outbox:NAME}) of the delivery route the exchange came from, or
     * null when it did not come from one (a sink used on its own).
     */
    public static String sinkName(Exchange exchange) {
        return exchange.getProperty(SINK_PROPERTY, String.class);
    }

    /** The delivery loops running now, by sink name. */
    public static Map<String, SinkDelivery> running() {
        return Map.copyOf(RUNNING);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        var ctx = getEndpoint().getCamelContext();
        Pipeline pipeline = ctx.getRegistry().lookupByNameAndType(Ingest.PIPELINE_BEAN, Pipeline.class);
        if (pipeline == null) {
            throw new IllegalStateException("mimamori-outbox:" + spec.name()
                    + " needs the Mimamori pipeline in the same Camel context");
        }
        if (!CLAIMED.add(spec.name())) {
            throw new IllegalStateException("two delivery routes use sink name '" + spec.name()
                    + "': give each mimamori-outbox route its own name");
        }
        try {
            TenantDirectory tenants = pipeline.tenants();
            delivery = SinkDelivery.start(pipeline.outbox(), spec, this::deliver,
                    new DeliveryMetrics(SourceMetrics.registry(ctx), spec.name()),
                    tenants.hasRoutes() ? e -> routedHere(tenants, e.alert()) : e -> true);
            RUNNING.put(spec.name(), delivery);
        } catch (Exception e) {
            CLAIMED.remove(spec.name());
            throw e;
        }
    }

    private boolean routedHere(TenantDirectory tenants, Alert alert) {
        return tenants.routes(alert.tenant(), spec.name(), alert);
    }

    private void deliver(List<SinkDelivery.Entry> batch) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            if (spec.batchSize() == 1) {
                SinkDelivery.Entry e = batch.get(0);
                exchange.getMessage().setBody(e.alert());
                exchange.setProperty(JSON_PROPERTY, e.json());
            } else {
                List<byte[]> json = new ArrayList<>(batch.size());
                for (SinkDelivery.Entry e : batch) {
                    json.add(e.json());
                }
                exchange.getMessage().setBody(new LazyAlerts(batch));
                exchange.setProperty(JSON_PROPERTY, json);
            }
            exchange.setProperty(SINK_PROPERTY, spec.name());
            exchange.getMessage().setHeader(ATTEMPT_HEADER, batch.get(0).attempt());
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                throw exchange.getException();
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    @Override
    protected void doStop() throws Exception {
        SinkDelivery d = delivery;
        delivery = null;
        if (d != null) {
            RUNNING.remove(spec.name(), d);
            d.close();
            CLAIMED.remove(spec.name());
        }
        super.doStop();
    }
}
