package io.mimamori.connector.webhook;

import java.time.Clock;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code mimamori-webhook:NAME} component behind the {@code webhook-sink} kamelet. Operators use
 * the kamelet; this component is its implementation.
 */
public final class WebhookComponent extends DefaultComponent {
    private Clock clock = Clock.systemUTC();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        WebhookEndpoint endpoint = new WebhookEndpoint(uri, this, remaining.isEmpty() ? "webhook" : remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The clock that stamps signatures and reads HTTP-date Retry-After values. */
    public Clock getClock() {
        return clock;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }
}
