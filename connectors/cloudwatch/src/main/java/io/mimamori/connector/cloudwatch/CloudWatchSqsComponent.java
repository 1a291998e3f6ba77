package io.mimamori.connector.cloudwatch;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code mimamori-cloudwatch-sqs:NAME} component behind the {@code cloudwatch-sqs-source}
 * kamelet. Operators use the kamelet; this component is its implementation.
 */
public final class CloudWatchSqsComponent extends DefaultComponent {
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        CloudWatchSqsEndpoint endpoint = new CloudWatchSqsEndpoint(uri, this, remaining.isEmpty() ? "cloudwatch" : remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
