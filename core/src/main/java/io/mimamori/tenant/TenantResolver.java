package io.mimamori.tenant;

import java.util.Map;

/**
 * Attributes inputs to tenants. The hub binds one under {@link #BEAN} in the Camel registry;
 * sources that know more than the sender's address (an SNMP community, an AWS account) ask it
 * themselves and set the alert's tenant, the pipeline asks it for every alert still without one.
 */
public interface TenantResolver {
    String BEAN = "mimamoriTenants";

    /**
     * The tenant of an input.
     *
     * @return the outcome; {@link Resolution#rejected()} when the claims match no tenant and the
     *         configuration rejects such inputs (the caller drops the input and counts it)
     */
    Resolution resolve(TenantClaims claims);

    /**
     * What {@code tenant} gives under its {@code sources:} for a connector's {@code section}
     * (e.g. {@code cloudwatch}): key to value as written in {@code tenants.yaml}, already checked by
     * that connector's {@link io.mimamori.spi.TenantSourceSettings}. The connector applies them to
     * the tenant's inputs in place of its route parameters of the same names.
     *
     * @return empty when the tenant gives none, is unknown, or this resolver keeps no such settings
     */
    default Map<String, String> sourceSettings(String tenant, String section) {
        return Map.of();
    }

    /**
     * @param tenant  the tenant id, null when the input is rejected
     * @param matched true when a tenant rule matched, false when the default tenant was used or
     *                the input was rejected
     */
    record Resolution(String tenant, boolean matched) {
        public boolean rejected() {
            return tenant == null;
        }
    }

    /** A resolver that gives every input {@code tenant} (the single-tenant deployment). */
    static TenantResolver fixed(String tenant) {
        Resolution r = new Resolution(tenant, false);
        return claims -> r;
    }
}
