package io.mimamori.connector.alertmanager;

import io.mimamori.spi.DeliveryException;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * A Camel context running a route file the way the hub runs one: a YAML route that sends to the
 * {@code alertmanager-sink} kamelet, found on the class path, with the given parameters.
 */
public final class SinkRoute implements AutoCloseable {
    private final CamelContext context;
    private final ProducerTemplate template;

    private SinkRoute(CamelContext context) {
        this.context = context;
        this.template = context.createProducerTemplate();
    }

    /** Starts {@code from: direct:in} → {@code kamelet:alertmanager-sink} with {@code parameters}. */
    public static SinkRoute start(Map<String, String> parameters) throws Exception {
        return start(parameters, new Properties());
    }

    /** As {@link #start(Map)}, with {@code properties} for the route's {@code {{placeholders}}}. */
    public static SinkRoute start(Map<String, String> parameters, Properties properties) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                - route:
                    id: to-alertmanager
                    from:
                      uri: direct:in
                      steps:
                        - to:
                            uri: kamelet:alertmanager-sink
                            parameters:
                """);
        parameters.forEach((k, v) -> yaml.append("                  ").append(k).append(": '")
                .append(v.replace("'", "''")).append("'\n"));
        CamelContext ctx = new DefaultCamelContext();
        ctx.getPropertiesComponent().setInitialProperties(properties);
        try {
            PluginHelper.getRoutesLoader(ctx).loadRoutes(ResourceHelper.fromString("alertmanager-test.yaml", yaml.toString()));
            ctx.start();
        } catch (Exception | Error e) {
            ctx.close();
            throw e;
        }
        return new SinkRoute(ctx);
    }

    /** Sends {@code body} and returns the exchange, failed or not. */
    public Exchange send(Object body) {
        return template.send("direct:in", e -> e.getIn().setBody(body));
    }

    /** Sends {@code body}; returns normally only when Alertmanager accepted it. */
    public void deliver(Object body) {
        Exchange e = send(body);
        if (e.getException() != null) {
            throw new AssertionError("delivery failed: " + e.getException(), e.getException());
        }
    }

    /** Sends {@code body}, which must fail, and returns the sink's verdict. */
    public DeliveryException refused(Object body) {
        Exchange e = send(body);
        Throwable t = e.getException();
        while (t != null && !(t instanceof DeliveryException)) {
            t = t.getCause();
        }
        if (t == null) {
            throw new AssertionError("expected a DeliveryException, got " + e.getException());
        }
        return (DeliveryException) t;
    }

    public CamelContext context() {
        return context;
    }

    @Override
    public void close() {
        context.stop();
    }
}
