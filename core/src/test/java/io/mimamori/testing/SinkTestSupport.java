package io.mimamori.testing;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertSource;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.pipeline.AlertCompleter;
import io.mimamori.spi.DeliveryException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Runs a sink the way the hub does: a Camel context with the kamelet loaded from the class path,
 * a route {@code direct:in -> kamelet:<sink>?...}, and completed alerts sent through it.
 */
public final class SinkTestSupport {
    public static final Instant SEEN = Instant.parse("2026-11-24T05:10:00.123Z");

    private SinkTestSupport() {
    }

    /** A completed alert (tenant, id, fingerprint, lifecycle fields) as the outbox hands it to a sink. */
    public static Alert alert(String tenant, Severity severity, Status status) {
        Alert draft = Alert.builder()
                .tenant(tenant).status(status).severity(severity).sourceSeverity("err").layer(Layer.HARDWARE)
                .event("md-raid-degraded").resource("db1/md0").host("db1").ip("192.0.2.10")
                .summary("RAID md0 on db1 degraded: sdb1 failed").dedupKey("md-raid/db1/md0")
                .source(new AlertSource("syslog-source", "syslog", "192.0.2.10:514", SEEN, SEEN.minusMillis(5)))
                .label("array", "md0")
                .detail("syslog", Map.of("facility", "kern", "severity", "crit"))
                .link("https://runbooks.example.com/linux/md-raid-degraded", "runbook")
                .link("https://grafana.example.com/d/db1", "graph")
                .build();
        return new AlertCompleter("default", "tokyo-1", Clock.fixed(SEEN, ZoneOffset.UTC)).complete(draft);
    }

    /** Completes a changed alert again (fills a cleared fingerprint from tenant and dedup key). */
    public static Alert complete(Alert.Builder changed) {
        return new AlertCompleter("default", "tokyo-1", Clock.fixed(SEEN, ZoneOffset.UTC)).complete(changed.build());
    }

    public static Alert alert(Severity severity, Status status) {
        return alert("acme", severity, status);
    }

    /** A port nothing listens on (bound, then closed), for connection-refused cases. */
    public static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A started context with {@code direct:in} routed to {@code sinkUri}; properties resolve placeholders in it. */
    public static Sink start(String sinkUri, Properties properties) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.getPropertiesComponent().setInitialProperties(properties);
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").routeId("to-sink").to(sinkUri);
            }
        });
        ctx.start();
        return new Sink(ctx, "direct:in");
    }

    /**
     * Starts a route file as an operator ships it (e.g. {@code routes/examples/pagerduty.yaml}). The
     * delivery loop's {@code mimamori-outbox:NAME} endpoint is stood in for by a direct endpoint, so
     * {@link Sink#send} goes to {@code mimamori-outbox:NAME} of the file.
     */
    public static Sink startRouteFile(java.nio.file.Path file, String outbox, Properties properties) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.getPropertiesComponent().setInitialProperties(properties);
        ctx.addComponent("mimamori-outbox", new org.apache.camel.component.direct.DirectComponent());
        org.apache.camel.support.PluginHelper.getRoutesLoader(ctx)
                .loadRoutes(org.apache.camel.support.ResourceHelper.resolveResource(ctx, "file:" + file.toAbsolutePath()));
        ctx.start();
        return new Sink(ctx, "mimamori-outbox:" + outbox);
    }

    public static Sink start(String sinkUri) throws Exception {
        return start(sinkUri, new Properties());
    }

    /** A running sink route. */
    public static final class Sink implements AutoCloseable {
        private final CamelContext context;
        private final ProducerTemplate template;
        private final String entry;

        Sink(CamelContext context, String entry) {
            this.context = context;
            this.template = context.createProducerTemplate();
            this.entry = entry;
        }

        public CamelContext context() {
            return context;
        }

        /** Sends one body (with optional headers) and returns the exchange, failed or not. */
        public Exchange send(Object body, Map<String, Object> headers) {
            return template.send(entry, e -> {
                e.getIn().setBody(body);
                e.getIn().setHeaders(new java.util.HashMap<>(headers));
            });
        }

        public Exchange send(Object body) {
            return send(body, Map.of());
        }

        /** Sends and expects acceptance: throws the sink's exception if there was one. */
        public void deliver(Object body) {
            Exchange e = send(body);
            if (e.getException() != null) {
                throw new AssertionError("expected the alert to be accepted, got: " + e.getException(), e.getException());
            }
        }

        /** Sends and expects a {@link DeliveryException}; fails the test otherwise. */
        public DeliveryException failure(Object body) {
            Exchange e = send(body);
            Throwable t = e.getException();
            while (t != null && !(t instanceof DeliveryException)) {
                t = t.getCause();
            }
            if (t == null) {
                throw new AssertionError("expected a DeliveryException, got "
                        + (e.getException() == null ? "acceptance" : e.getException().toString()), e.getException());
            }
            return (DeliveryException) t;
        }

        @Override
        public void close() {
            context.stop();
        }
    }
}
