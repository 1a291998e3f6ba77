package io.mimamori.connector.webhook;

import io.mimamori.spi.HttpSinkComponent;
import java.util.Map;
import org.apache.camel.Endpoint;

/**
 * The {@code mimamori-webhook:NAME} component behind the {@code webhook-sink} kamelet. Operators use
 * the kamelet; this component is its implementation.
 */
public final class WebhookComponent extends HttpSinkComponent {
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        WebhookEndpoint endpoint = new WebhookEndpoint(uri, this, remaining.isEmpty() ? "webhook" : remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
