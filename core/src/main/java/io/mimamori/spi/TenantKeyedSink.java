package io.mimamori.spi;

import io.mimamori.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sink connector that sends with a secret chosen per tenant (a PagerDuty routing key, an
 * Opsgenie API key): a default parameter, a {@code tenant=secret,...} parameter, and the tenants'
 * own secrets for its delivery route in {@code tenants.yaml} (order: {@link TenantSecrets}). The
 * hub uses this to check such a sink's use together with {@code tenants.yaml}: only these sinks
 * may be named under a tenant's {@code secrets:}, and a use needs a secret from one of the three places.
 */
public interface TenantKeyedSink extends Connector {

    /** The secret in words, e.g. {@code routing key}. */
    String secretName();

    /** The parameter holding the secret for every tenant, e.g. {@code routingKey}. */
    String defaultParameter();

    /** The parameter holding {@code tenant=secret} pairs, e.g. {@code tenantRoutingKeys}. */
    String tenantsParameter();

    /**
     * What is wrong with a secret from {@code tenants.yaml} (its length, say), without repeating
     * it; null when it looks right.
     */
    default String checkSecret(String secret) {
        return null;
    }

    /**
     * The use's problems apart from a missing secret: URLs, the format of given secrets, values
     * that must be written as {@code RAW(...)}.
     *
     * @param parameters as for {@link #checkUse(Map)}
     */
    List<ConfigProblem> checkParameters(Map<String, String> parameters);

    /** A use seen on its own, outside a delivery route: it must give a default or a per-tenant secret. */
    @Override
    default List<ConfigProblem> checkUse(Map<String, String> parameters) {
        List<ConfigProblem> problems = new ArrayList<>(checkParameters(parameters));
        if (!hasDefault(parameters) && !given(parameters.get(tenantsParameter()))) {
            problems.add(new ConfigProblem(name(), 0, "no " + secretName() + ": set " + defaultParameter()
                    + " (all tenants) or " + tenantsParameter() + " (tenant=key pairs), or both"));
        }
        return problems;
    }

    /** True when the use gives a default secret (resolved or still a placeholder). */
    default boolean hasDefault(Map<String, String> parameters) {
        return given(parameters.get(defaultParameter()));
    }

    /**
     * The tenants the use's {@code tenant=secret} parameter names; empty when it is not given, still
     * holds a placeholder, or is malformed ({@link #checkParameters} reports that).
     */
    default Set<String> routeTenants(Map<String, String> parameters) {
        String map = SinkParameters.unraw(parameters.get(tenantsParameter()));
        if (map == null || map.contains("{{")) {
            return Set.of();
        }
        try {
            return Set.copyOf(SinkParameters.tenantSecrets(tenantsParameter(), map).keySet());
        } catch (IllegalArgumentException e) {
            return Set.of();
        }
    }

    /**
     * Checks a use in the delivery route {@code sink}, knowing which tenants {@code tenants.yaml}
     * gives a secret for that route: without a default and a per-tenant parameter, those secrets
     * must exist.
     *
     * @param fileTenants the tenants with a secret for {@code sink} in {@code tenants.yaml}; null when
     *                    that file could not be read (its own problems are reported), so a missing
     *                    secret is not judged
     */
    default List<ConfigProblem> checkUse(Map<String, String> parameters, String sink, Set<String> fileTenants) {
        List<ConfigProblem> problems = new ArrayList<>(checkParameters(parameters));
        if (fileTenants != null && fileTenants.isEmpty() && !hasDefault(parameters)
                && !given(parameters.get(tenantsParameter()))) {
            problems.add(new ConfigProblem(name(), 0, "no " + secretName() + " for sink '" + sink
                    + "': set " + defaultParameter() + " (all tenants) or " + tenantsParameter()
                    + " (tenant=key pairs), or give tenants their own under secrets: in tenants.yaml ("
                    + sink + ": env:NAME)"));
        }
        return problems;
    }

    private static boolean given(String value) {
        String v = SinkParameters.unraw(value);
        return v != null && !v.isBlank();
    }
}
