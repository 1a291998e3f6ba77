package io.mimamori.connector.cloudwatch.sns;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code mimamori-cloudwatch-alarm:NAME} step of the {@code cloudwatch-sns-source} kamelet: it
 * turns the CloudWatch alarm inside a verified SNS notification into alerts. Operators use the kamelet.
 */
public final class AlarmStepComponent extends DefaultComponent {
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        AlarmStepEndpoint endpoint = new AlarmStepEndpoint(uri, this, remaining.isEmpty() ? "sns" : remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
