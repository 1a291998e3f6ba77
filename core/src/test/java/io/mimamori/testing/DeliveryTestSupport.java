package io.mimamori.testing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertSource;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.lifecycle.MaintenanceGate;
import io.mimamori.outbox.DeadLetters;
import io.mimamori.outbox.OutboxSettings;
import io.mimamori.pipeline.Ingest;
import io.mimamori.pipeline.Pipeline;
import io.mimamori.pipeline.PipelineSettings;
import io.mimamori.tenant.TenantDirectory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Runs a sink behind the hub's own delivery path in one JVM: the pipeline with a tenant directory,
 * the durable outbox in {@code dataDir}, and a delivery route {@code mimamori-outbox:SINK -> sinkUri}
 * as a route file wires it. Alerts enter through {@code direct:ingest} as a source hands them over;
 * what the sink refused for good is in the dead-letter store and its counter.
 */
public final class DeliveryTestSupport implements AutoCloseable {
    private final CamelContext context;
    private final ProducerTemplate template;
    private final SimpleMeterRegistry meters;
    private final Path dataDir;

    private DeliveryTestSupport(CamelContext context, SimpleMeterRegistry meters, Path dataDir) {
        this.context = context;
        this.template = context.createProducerTemplate();
        this.meters = meters;
        this.dataDir = dataDir;
    }

    /**
     * Starts the pipeline with {@code tenants} and the delivery route {@code mimamori-outbox:sink}
     * sending to {@code sinkUri}; {@code properties} resolve placeholders in it.
     */
    public static DeliveryTestSupport start(Path dataDir, TenantDirectory tenants, String sink, String sinkUri,
                                            Properties properties) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.getPropertiesComponent().setInitialProperties(properties);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ctx.getRegistry().bind("meters", meters);
        Pipeline.install(ctx, new PipelineSettings(tenants.defaultTenant(), "tokyo-1", dataDir, 100,
                        OutboxSettings.defaults()), Clock.systemUTC(), MaintenanceGate.NONE, tenants);
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mimamori-outbox:" + sink).routeId("deliver-" + sink).to(sinkUri);
            }
        });
        ctx.start();
        return new DeliveryTestSupport(ctx, meters, dataDir);
    }

    /** A problem of {@code tenant} as a source hands it over (tenant given, not yet completed). */
    public static Alert draft(String tenant, String dedupKey, Status status) {
        return Alert.builder().tenant(tenant).status(status).severity(Severity.CRITICAL).sourceSeverity("crit")
                .layer(Layer.HARDWARE).event("psu-failed").resource(dedupKey).host("bmc1")
                .summary("power supply failed on " + dedupKey).dedupKey(dedupKey)
                .source(new AlertSource("test-source", "r1", "192.0.2.10:162", Instant.now(), null))
                .build();
    }

    /** Ingests and returns once the alert is committed to the outbox (its delivery follows). */
    public void ingest(Alert draft) {
        Exchange e = template.send(Ingest.ENDPOINT, x -> x.getIn().setBody(draft));
        if (e.getException() != null) {
            throw new AssertionError("the pipeline refused the alert: " + e.getException(), e.getException());
        }
    }

    /** The dead letters of {@code sink}, oldest first. */
    public List<DeadLetters.DeadLetter> deadLetters(String sink) throws Exception {
        return DeadLetters.list(dataDir, sink);
    }

    /** A delivery counter of {@code sink}, e.g. {@code dead_lettered} or {@code delivered}; 0 before its first count. */
    public double deliveryCount(String name, String sink) {
        Counter c = meters.find("mimamori.delivery." + name).tag("sink", sink).counter();
        return c == null ? 0 : c.count();
    }

    public CamelContext context() {
        return context;
    }

    @Override
    public void close() {
        context.stop();
    }
}
