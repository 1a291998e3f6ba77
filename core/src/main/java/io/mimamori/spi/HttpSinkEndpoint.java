package io.mimamori.spi;

import io.mimamori.alert.Alert;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultEndpoint;

/**
 * What every HTTP sink endpoint has: its kamelet's name, connect and request timeouts, a clock from
 * its {@link HttpSinkComponent}, the hub's {@code tenants.yaml} secrets when it runs in the hub, and
 * no consumer (a sink only sends).
 */
public abstract class HttpSinkEndpoint extends DefaultEndpoint {
    private final String kamelet;
    private final String name;
    private int connectTimeoutSeconds = 5;
    private int timeoutSeconds = 10;

    protected HttpSinkEndpoint(String uri, HttpSinkComponent component, String kamelet, String name) {
        super(uri, component);
        this.kamelet = kamelet;
        this.name = name;
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(kamelet + " only sends; use it in a to: step");
    }

    /** A client with this endpoint's timeouts. */
    public SinkHttpClient newHttpClient() {
        return new SinkHttpClient(Duration.ofSeconds(connectTimeoutSeconds), Duration.ofSeconds(timeoutSeconds));
    }

    /**
     * The secrets {@code tenants.yaml} gives tenants per sink, as the pipeline binds them; null in a
     * Camel context without the Mimamori pipeline.
     */
    protected SinkSecretLookup tenantsFileSecrets() {
        return getCamelContext().getRegistry().lookupByNameAndType(SinkSecretLookup.BEAN, SinkSecretLookup.class);
    }

    public Clock clock() {
        return ((HttpSinkComponent) getComponent()).getClock();
    }

    /**
     * The exchange body as the one alert this sink sends per call.
     *
     * @throws DeliveryException REJECTED for anything else: retrying cannot change the body
     */
    public Alert oneAlert(Object body) {
        if (body instanceof Alert alert) {
            return alert;
        }
        throw DeliveryException.rejected(kamelet + " takes one io.mimamori.alert.Alert per exchange, not "
                + (body == null ? "an empty body" : body.getClass().getName()), 0);
    }

    public String getName() { return name; }
    public int getConnectTimeoutSeconds() { return connectTimeoutSeconds; }
    public void setConnectTimeoutSeconds(int v) { connectTimeoutSeconds = v; }
    public int getTimeoutSeconds() { return timeoutSeconds; }
    public void setTimeoutSeconds(int v) { timeoutSeconds = v; }
}
