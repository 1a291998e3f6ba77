package io.mimamori.outbox;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code mimamori-outbox:SINK}: a delivery route's input. Each exchange carries alerts from the
 * durable outbox for sink {@code SINK}; the route's steps deliver them (usually to a sink kamelet)
 * and the outcome — completed, or failed with a {@link io.mimamori.spi.DeliveryException} — decides
 * whether the entry is done, retried or dead-lettered.
 */
public final class OutboxComponent extends DefaultComponent {
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        OutboxEndpoint endpoint = new OutboxEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
