package io.mimamori.connector.cloudwatch;

import io.mimamori.tenant.TenantClaims;
import io.mimamori.tenant.TenantResolver;
import org.apache.camel.CamelContext;

/**
 * The tenant of an alarm, from its AWS account and the queue (or topic) it came through, asked of
 * the {@link TenantResolver} the hub binds under {@link TenantResolver#BEAN}.
 */
public final class AlarmTenancy {
    private final TenantResolver resolver;

    private AlarmTenancy(TenantResolver resolver) {
        this.resolver = resolver;
    }

    /** Uses the resolver bound in {@code context}; with none bound, alerts keep no tenant and the pipeline sets the default. */
    public static AlarmTenancy of(CamelContext context) {
        return new AlarmTenancy(context.getRegistry().lookupByNameAndType(TenantResolver.BEAN, TenantResolver.class));
    }

    /** The tenant a queue (or topic) belongs to by itself, or null when none claims it or no resolver is bound. */
    public String tenantOf(String queueOrTopic) {
        if (resolver == null) {
            return null;
        }
        TenantResolver.Resolution r = resolver.resolve(TenantClaims.ofAws(null, queueOrTopic));
        return r.rejected() ? null : r.tenant();
    }

    /**
     * The alarm with its tenant set; unchanged when no resolver is bound.
     *
     * @return null when the resolver rejects it (the caller acknowledges, drops and counts it as unknown_tenant)
     */
    public MappedAlarm resolve(MappedAlarm alarm, String queueOrTopic) {
        if (resolver == null || alarm.alerts().isEmpty()) {
            return alarm;
        }
        TenantResolver.Resolution r = resolver.resolve(TenantClaims.ofAws(alarm.account(), queueOrTopic));
        return r.rejected() ? null : alarm.withTenant(r.tenant());
    }
}
