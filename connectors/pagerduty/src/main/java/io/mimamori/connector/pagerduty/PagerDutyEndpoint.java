package io.mimamori.connector.pagerduty;

import io.mimamori.spi.TenantSecrets;
import io.mimamori.spi.HttpSinkEndpoint;
import io.mimamori.connector.pagerduty.internal.PagerDutyProducer;
import io.mimamori.spi.SinkParameters;
import io.mimamori.spi.KeyedRateLimiter;
import java.net.URI;
import java.util.List;
import org.apache.camel.Producer;

/** One PagerDuty Events API v2 target. Parameters are those of the {@code pagerduty-sink} kamelet. */
public final class PagerDutyEndpoint extends HttpSinkEndpoint {
    private String routingKey;
    private String tenantRoutingKeys;
    private String url = "https://events.pagerduty.com/v2/enqueue";
    private int ratePerMinute = 120;
    private String group = "layer";
    private String client = "Mimamori";
    private String clientUrl;

    private URI target;
    private TenantSecrets keys;

    PagerDutyEndpoint(String uri, PagerDutyComponent component, String name) {
        super(uri, component, "pagerduty-sink", name);
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        target = SinkParameters.httpUrl("url", url);
        keys = TenantSecrets.of("pagerduty-sink", "routing key", "routingKey", routingKey, "tenantRoutingKeys",
                tenantRoutingKeys);
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

    /** The routing key for {@code tenant}: its own if listed, else the default; null when neither. */
    public String routingKeyFor(String tenant) {
        return keys.forTenant(tenant);
    }

    /** Every routing key this endpoint holds, for scrubbing messages. */
    public List<String> secrets() {
        return keys.all();
    }

    public KeyedRateLimiter limiter() {
        return ((PagerDutyComponent) getComponent()).limiter(ratePerMinute);
    }

    public URI target() {
        return target;
    }

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

    /** Never prints parameters: routing keys are secrets. */
    @Override
    public String toString() {
        return "pagerduty-sink[" + getName() + (target == null ? "" : " -> " + SinkParameters.origin(target)) + "]";
    }
}
