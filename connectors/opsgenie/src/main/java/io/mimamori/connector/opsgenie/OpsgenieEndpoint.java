package io.mimamori.connector.opsgenie;

import io.mimamori.spi.TenantSecrets;
import io.mimamori.spi.DeliveryException;
import io.mimamori.spi.HttpSinkEndpoint;
import io.mimamori.connector.opsgenie.internal.OpsgenieProducer;
import io.mimamori.spi.SinkParameters;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.camel.Producer;

/**
 * One Opsgenie Alert API target. Parameters are those of the {@code opsgenie-sink} kamelet; API
 * keys also come per tenant from {@code tenants.yaml} (order: {@link TenantSecrets}).
 */
public final class OpsgenieEndpoint extends HttpSinkEndpoint {
    public static final Map<String, String> REGIONS = Map.of(
            "us", "https://api.opsgenie.com",
            "eu", "https://api.eu.opsgenie.com");

    private String apiKey;
    private String tenantApiKeys;
    private String region = "us";
    private String url;
    private String responders;
    private String visibleTo;
    private String tags;
    private String source = "Mimamori";
    private String user = "Mimamori";

    private URI base;
    private TenantSecrets keys;
    private List<Responders.Ref> responderRefs;
    private List<Responders.Ref> visibleToRefs;
    private List<String> extraTags;

    OpsgenieEndpoint(String uri, OpsgenieComponent component, String name) {
        super(uri, component, "opsgenie-sink", name);
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        base = baseUrl(region, url);
        keys = TenantSecrets.of("opsgenie-sink", "API key", "apiKey", apiKey, "tenantApiKeys", tenantApiKeys,
                tenantsFileSecrets());
        responderRefs = Responders.parse("responders", responders, Responders.RESPONDER_TYPES);
        visibleToRefs = Responders.parse("visibleTo", visibleTo, Responders.VISIBLE_TO_TYPES);
        extraTags = tags == null ? List.of()
                : Arrays.stream(tags.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    /**
     * The API base URL: {@code url} when given (it must be http(s) with no path beyond "/"), else the
     * region's.
     *
     * @throws IllegalArgumentException for an unknown region or a bad URL, naming the parameter
     */
    public static URI baseUrl(String region, String url) {
        if (url != null && !url.isBlank()) {
            URI u = SinkParameters.httpUrl("url", url);
            if (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/") || u.getRawQuery() != null) {
                throw new IllegalArgumentException("parameter 'url' is a base URL: give only scheme, host and port"
                        + " (e.g. https://api.opsgenie.com); the sink adds /v2/alerts");
            }
            return URI.create(SinkParameters.origin(u));
        }
        String r = REGIONS.get(region);
        if (r == null) {
            throw new IllegalArgumentException("opsgenie-sink parameter 'region' is '" + region + "'; use us or eu");
        }
        return URI.create(r);
    }

    @Override
    public Producer createProducer() {
        return new OpsgenieProducer(this);
    }

    /** The API key for {@code tenant}: its own if listed, else the default; null when neither. */
    public String apiKeyFor(String tenant) {
        return keys.forTenant(tenant);
    }

    /**
     * The API key for an alert of {@code tenant} from the delivery route {@code sink} (null when not
     * from one): the tenant's in {@code tenants.yaml}, else in {@code tenantApiKeys}, else
     * {@code apiKey}; null when none.
     */
    public String apiKeyFor(String tenant, String sink) {
        return keys.forTenant(tenant, sink);
    }

    /** Every API key this endpoint's parameters hold, for scrubbing messages. */
    public List<String> secrets() {
        return keys.all();
    }

    /** The dead letter for an alert whose tenant has no key anywhere (see {@link TenantSecrets#missing}). */
    public DeliveryException missingKey(String tenant, String sink) {
        return keys.missing("Opsgenie", tenant, sink);
    }

    /** {@link #secrets()} and the key just used, for scrubbing messages. */
    public List<String> secrets(String inUse) {
        return keys.allAnd(inUse);
    }

    public URI base() { return base; }
    public List<Responders.Ref> responderRefs() { return responderRefs; }
    public List<Responders.Ref> visibleToRefs() { return visibleToRefs; }
    public List<String> extraTags() { return extraTags; }

    public String getApiKey() { return apiKey; }
    public void setApiKey(String v) { apiKey = v; }
    public String getTenantApiKeys() { return tenantApiKeys; }
    public void setTenantApiKeys(String v) { tenantApiKeys = v; }
    public String getRegion() { return region; }
    public void setRegion(String v) { region = v; }
    public String getUrl() { return url; }
    public void setUrl(String v) { url = v; }
    public String getResponders() { return responders; }
    public void setResponders(String v) { responders = v; }
    public String getVisibleTo() { return visibleTo; }
    public void setVisibleTo(String v) { visibleTo = v; }
    public String getTags() { return tags; }
    public void setTags(String v) { tags = v; }
    public String getSource() { return source; }
    public void setSource(String v) { source = v; }
    public String getUser() { return user; }
    public void setUser(String v) { user = v; }

    /** Never prints parameters: API keys are secrets. */
    @Override
    public String toString() {
        return "opsgenie-sink[" + getName() + (base == null ? "" : " -> " + base) + "]";
    }
}
