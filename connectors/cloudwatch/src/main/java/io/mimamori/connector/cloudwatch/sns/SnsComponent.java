package io.mimamori.connector.cloudwatch.sns;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code mimamori-sns-https:NAME} component behind the {@code cloudwatch-sns-source} kamelet.
 * Operators use the kamelet; this component is its implementation.
 */
public final class SnsComponent extends DefaultComponent {
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SnsEndpoint endpoint = new SnsEndpoint(uri, this, remaining.isEmpty() ? "sns" : remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
