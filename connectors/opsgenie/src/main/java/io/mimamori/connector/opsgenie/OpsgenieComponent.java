package io.mimamori.connector.opsgenie;

import java.time.Clock;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code mimamori-opsgenie:NAME} component behind the {@code opsgenie-sink} kamelet. Operators
 * use the kamelet; this component is its implementation.
 */
public final class OpsgenieComponent extends DefaultComponent {
    private Clock clock = Clock.systemUTC();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        OpsgenieEndpoint endpoint = new OpsgenieEndpoint(uri, this, remaining.isEmpty() ? "alerts" : remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The clock that reads HTTP-date Retry-After values. */
    public Clock getClock() {
        return clock;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }
}
