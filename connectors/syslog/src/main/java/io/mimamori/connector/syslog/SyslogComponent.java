package io.mimamori.connector.syslog;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code mimamori-syslog:NAME} component behind the {@code syslog-source} kamelet. Operators use
 * the kamelet; this component is its implementation.
 */
public final class SyslogComponent extends DefaultComponent {
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SyslogEndpoint endpoint = new SyslogEndpoint(uri, this, remaining.isEmpty() ? "syslog" : remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
