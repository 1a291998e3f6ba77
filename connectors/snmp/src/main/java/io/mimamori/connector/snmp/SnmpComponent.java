package io.mimamori.connector.snmp;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code mimamori-snmp:NAME} component behind the {@code snmp-trap-source} kamelet. Operators
 * use the kamelet; this component is its implementation.
 */
public final class SnmpComponent extends DefaultComponent {
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SnmpEndpoint endpoint = new SnmpEndpoint(uri, this, remaining.isEmpty() ? "snmp" : remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
