package io.mimamori.connector.opsgenie;

import io.mimamori.spi.HttpSinkComponent;
import java.util.Map;
import org.apache.camel.Endpoint;

/**
 * The {@code mimamori-opsgenie:NAME} component behind the {@code opsgenie-sink} kamelet. Operators
 * use the kamelet; this component is its implementation.
 */
public final class OpsgenieComponent extends HttpSinkComponent {
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        OpsgenieEndpoint endpoint = new OpsgenieEndpoint(uri, this, remaining.isEmpty() ? "alerts" : remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
