package io.mimamori.connector.alertmanager;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code mimamori-alertmanager:NAME} component behind the {@code alertmanager-sink} kamelet.
 * Operators use the kamelet; this component is its implementation.
 */
public final class AlertmanagerComponent extends DefaultComponent {
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        AlertmanagerEndpoint endpoint = new AlertmanagerEndpoint(uri, this, remaining.isEmpty() ? "alertmanager" : remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
