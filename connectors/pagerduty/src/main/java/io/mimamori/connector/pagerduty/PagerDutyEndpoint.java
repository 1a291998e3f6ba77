package io.mimamori.connector.pagerduty;

import io.mimamori.connector.pagerduty.internal.PagerDutyProducer;
import io.mimamori.spi.SinkParameters;
import io.mimamori.spi.KeyedRateLimiter;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One PagerDuty Events API v2 target. Parameters are those of the {@code pagerduty-sink} kamelet. */
public final class PagerDutyEndpoint extends DefaultEndpoint {
    private final String name;
    private String routingKey;
    private String tenantRoutingKeys;
    private String url = "https://events.pagerduty.com/v2/enqueue";
    private int ratePerMinute = 120;
    private String group = "layer";
    private String client = "Mimamori";
    private String clientUrl;
    private int connectTimeoutSeconds = 5;
    private int timeoutSeconds = 10;

    private URI target;
    private Map<String, String> tenantKeys;

    PagerDutyEndpoint(String uri, PagerDutyComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        target = SinkParameters.httpUrl("url", url);
        tenantKeys = Map.copyOf(SinkParameters.tenantSecrets("tenantRoutingKeys", tenantRoutingKeys));
        if (routingKey != null && routingKey.isBlank()) {
            routingKey = null;
        }
        if (routingKey == null && tenantKeys.isEmpty()) {
            throw new IllegalArgumentException("pagerduty-sink has no routing key: set routingKey, tenantRoutingKeys or both");
        }
        if (!List.of("layer", "tenant", "site").contains(group)) {
            throw new IllegalArgumentException("pagerduty-sink parameter 'group' is '" + group + "'; use one of layer, tenant, site");
        }
        if (ratePerMinute < 2) {
            throw new IllegalArgumentException("pagerduty-sink parameter 'ratePerMinute' is " + ratePerMinute + "; it must be at least 2");
        }
        if (clientUrl != null && clientUrl.isBlank()) {
            clientUrl = null;
        }
    }

    @Override
    public Producer createProducer() {
        return new PagerDutyProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("pagerduty-sink only sends; use it in a to: step");
    }

    /** The routing key for {@code tenant}: its own if listed, else the default; null when neither. */
    public String routingKeyFor(String tenant) {
        String own = tenant == null ? null : tenantKeys.get(tenant);
        return own != null ? own : routingKey;
    }

    /** Every routing key this endpoint holds, for scrubbing messages. */
    public List<String> secrets() {
        List<String> s = new ArrayList<>(tenantKeys.values());
        if (routingKey != null) {
            s.add(routingKey);
        }
        return s;
    }

    public KeyedRateLimiter limiter() {
        return ((PagerDutyComponent) getComponent()).limiter(ratePerMinute);
    }

    public Clock clock() {
        return ((PagerDutyComponent) getComponent()).getClock();
    }

    public URI target() {
        return target;
    }

    public String getName() { return name; }
    public String getRoutingKey() { return routingKey; }
    public void setRoutingKey(String v) { routingKey = v; }
    public String getTenantRoutingKeys() { return tenantRoutingKeys; }
    public void setTenantRoutingKeys(String v) { tenantRoutingKeys = v; }
    public String getUrl() { return url; }
    public void setUrl(String v) { url = v; }
    public int getRatePerMinute() { return ratePerMinute; }
    public void setRatePerMinute(int v) { ratePerMinute = v; }
    public String getGroup() { return group; }
    public void setGroup(String v) { group = v; }
    public String getClient() { return client; }
    public void setClient(String v) { client = v; }
    public String getClientUrl() { return clientUrl; }
    public void setClientUrl(String v) { clientUrl = v; }
    public int getConnectTimeoutSeconds() { return connectTimeoutSeconds; }
    public void setConnectTimeoutSeconds(int v) { connectTimeoutSeconds = v; }
    public int getTimeoutSeconds() { return timeoutSeconds; }
    public void setTimeoutSeconds(int v) { timeoutSeconds = v; }

    /** Never prints parameters: routing keys are secrets. */
    @Override
    public String toString() {
        return "pagerduty-sink[" + name + (target == null ? "" : " -> " + SinkParameters.origin(target)) + "]";
    }
}
