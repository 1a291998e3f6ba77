package io.mimamori.connector.pagerduty;

import io.mimamori.spi.TenantSecrets;
import io.mimamori.spi.DeliveryException;
import io.mimamori.spi.HttpSinkEndpoint;
import io.mimamori.connector.pagerduty.internal.PagerDutyProducer;
import io.mimamori.spi.SinkParameters;
import io.mimamori.spi.KeyedRateLimiter;
import java.net.URI;
import java.util.List;
import org.apache.camel.Producer;

/**
 * One PagerDuty Events API v2 target. Parameters are those of the {@code pagerduty-sink} kamelet;
 * routing keys also come per tenant from {@code tenants.yaml} (order: {@link TenantSecrets}).
 */
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
                tenantRoutingKeys, tenantsFileSecrets());
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

    /**
     * The routing key for an alert of {@code tenant} from the delivery route {@code sink} (null when
     * not from one): the tenant's in {@code tenants.yaml}, else in {@code tenantRoutingKeys}, else
     * {@code routingKey}; null when none.
     */
    public String routingKeyFor(String tenant, String sink) {
        return keys.forTenant(tenant, sink);
    }

    /** Every routing key this endpoint's parameters hold, for scrubbing messages. */
    public List<String> secrets() {
        return keys.all();
    }

    /** The dead letter for an alert whose tenant has no key anywhere (see {@link TenantSecrets#missing}). */
    public DeliveryException missingKey(String tenant, String sink) {
        return keys.missing("PagerDuty", tenant, sink);
    }

    /** {@link #secrets()} and the key just used, for scrubbing messages. */
    public List<String> secrets(String inUse) {
        return keys.allAnd(inUse);
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
