package io.mimamori.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sink's credential per tenant: a default (PagerDuty routing key, Opsgenie API key) and an
 * optional {@code tenant=secret,...} map that overrides it for listed tenants.
 */
public final class TenantSecrets {
    private final String fallback;
    private final Map<String, String> perTenant;

    private TenantSecrets(String fallback, Map<String, String> perTenant) {
        this.fallback = fallback;
        this.perTenant = perTenant;
    }

    /**
     * Parses the two parameters; a blank default counts as none.
     *
     * @param what the secret in words for the error message, e.g. {@code routing key}
     * @throws IllegalArgumentException for a malformed map, or when neither is given
     */
    public static TenantSecrets of(String sink, String what, String defaultParameter, String defaultSecret,
                                   String mapParameter, String map) {
        Map<String, String> parsed = Map.copyOf(SinkParameters.tenantSecrets(mapParameter, map));
        String d = defaultSecret == null || defaultSecret.isBlank() ? null : defaultSecret;
        if (d == null && parsed.isEmpty()) {
            throw new IllegalArgumentException(sink + " has no " + what + ": set " + defaultParameter + ", "
                    + mapParameter + " or both");
        }
        return new TenantSecrets(d, parsed);
    }

    /** The secret for {@code tenant}: its own if listed, else the default; null when neither. */
    public String forTenant(String tenant) {
        String own = tenant == null ? null : perTenant.get(tenant);
        return own != null ? own : fallback;
    }

    /** Every secret held, for scrubbing messages. */
    public List<String> all() {
        List<String> s = new ArrayList<>(perTenant.values());
        if (fallback != null) {
            s.add(fallback);
        }
        return s;
    }
}
