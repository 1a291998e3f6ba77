package io.mimamori.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sink's credential per tenant (PagerDuty routing key, Opsgenie API key). For an alert of tenant
 * T delivered through the delivery route NAME, the first of these that exists is used:
 * <ol>
 *   <li>T's secret for NAME under {@code secrets:} in {@code tenants.yaml} (a {@link SinkSecretLookup});</li>
 *   <li>T's entry in the route's {@code tenant=secret,...} parameter;</li>
 *   <li>the route's default parameter.</li>
 * </ol>
 * {@code mimamori validate} refuses a tenant named both in {@code tenants.yaml} and in the route's
 * map for one sink, so the first two never compete in a validated deployment.
 */
public final class TenantSecrets {
    private final String what;
    private final String defaultParameter;
    private final String mapParameter;
    private final String fallback;
    private final Map<String, String> perTenant;
    private final SinkSecretLookup tenantsFile;

    private TenantSecrets(String what, String defaultParameter, String mapParameter, String fallback,
                          Map<String, String> perTenant, SinkSecretLookup tenantsFile) {
        this.what = what;
        this.defaultParameter = defaultParameter;
        this.mapParameter = mapParameter;
        this.fallback = fallback;
        this.perTenant = perTenant;
        this.tenantsFile = tenantsFile;
    }

    /**
     * Parses the two parameters; a blank default counts as none.
     *
     * @param what the secret in words for the error message, e.g. {@code routing key}
     * @throws IllegalArgumentException for a malformed map, or when neither is given
     */
    public static TenantSecrets of(String sink, String what, String defaultParameter, String defaultSecret,
                                   String mapParameter, String map) {
        return of(sink, what, defaultParameter, defaultSecret, mapParameter, map, null);
    }

    /**
     * Parses the two parameters and adds the secrets of {@code tenants.yaml}. With a lookup, neither
     * parameter is needed: whether some tenant has a secret for the delivery route is checked by
     * {@code mimamori validate}, and an alert whose tenant has none anywhere is rejected when sent.
     *
     * @param tenantsFile the hub's {@link SinkSecretLookup}, or null where there is none
     * @throws IllegalArgumentException for a malformed map, or when nothing can supply a secret
     */
    public static TenantSecrets of(String sink, String what, String defaultParameter, String defaultSecret,
                                   String mapParameter, String map, SinkSecretLookup tenantsFile) {
        Map<String, String> parsed = Map.copyOf(SinkParameters.tenantSecrets(mapParameter, map));
        String d = defaultSecret == null || defaultSecret.isBlank() ? null : defaultSecret;
        if (d == null && parsed.isEmpty() && tenantsFile == null) {
            throw new IllegalArgumentException(sink + " has no " + what + ": set " + defaultParameter + ", "
                    + mapParameter + " or both");
        }
        return new TenantSecrets(what, defaultParameter, mapParameter, d, parsed, tenantsFile);
    }

    /** The secret for {@code tenant} outside a delivery route: its own if listed, else the default; null when neither. */
    public String forTenant(String tenant) {
        return forTenant(tenant, null);
    }

    /**
     * The secret for an alert of {@code tenant} delivered through the delivery route {@code sink}
     * (null when the alert did not come from one): see the class comment for the order. Null when
     * there is none.
     */
    public String forTenant(String tenant, String sink) {
        if (tenant == null) {
            return fallback;
        }
        String fromFile = tenantsFile == null || sink == null ? null : tenantsFile.secret(tenant, sink);
        if (fromFile != null) {
            return fromFile;
        }
        String own = perTenant.get(tenant);
        return own != null ? own : fallback;
    }

    /**
     * The verdict for an alert whose tenant has no secret anywhere: {@code REJECTED}, so it becomes a
     * counted dead letter whose reason names the tenant, the delivery route and where a secret goes.
     *
     * @param system the incident system, e.g. {@code PagerDuty}
     * @param sink   the delivery route, or null when the alert did not come from one
     */
    public DeliveryException missing(String system, String tenant, String sink) {
        String no = "no " + system + " " + what + " for tenant '" + tenant + "'";
        return DeliveryException.rejected(sink == null
                ? no + ": add it to " + mapParameter + " or set " + defaultParameter
                : no + " on sink '" + sink + "': give the tenant one under secrets: in tenants.yaml (" + sink
                + ": env:NAME), add it to " + mapParameter + " or set " + defaultParameter, 0);
    }

    /** Every secret the route's parameters hold, for scrubbing messages. */
    public List<String> all() {
        List<String> s = new ArrayList<>(perTenant.values());
        if (fallback != null) {
            s.add(fallback);
        }
        return s;
    }

    /** {@link #all()} and {@code inUse} (a secret from {@code tenants.yaml} just sent), for scrubbing messages. */
    public List<String> allAnd(String inUse) {
        List<String> s = all();
        if (inUse != null && !s.contains(inUse)) {
            s.add(inUse);
        }
        return s;
    }
}
