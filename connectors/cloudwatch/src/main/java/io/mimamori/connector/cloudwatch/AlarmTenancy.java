package io.mimamori.connector.cloudwatch;

import io.mimamori.tenant.TenantClaims;
import io.mimamori.tenant.TenantResolver;
import java.util.Map;
import org.apache.camel.CamelContext;

/**
 * The tenant of an alarm, from its AWS account and the queue (or topic) it came through, asked of
 * the {@link TenantResolver} the hub binds under {@link TenantResolver#BEAN}; and that tenant's own
 * severity convention ({@code sources: cloudwatch:} in {@code tenants.yaml}, see
 * {@link CloudWatchTenantSettings}).
 */
public final class AlarmTenancy {
    /** No resolver: alerts keep no tenant (the pipeline sets its default) and the route's convention. */
    public static final AlarmTenancy NONE = new AlarmTenancy(null);

    private final TenantResolver resolver;

    private AlarmTenancy(TenantResolver resolver) {
        this.resolver = resolver;
    }

    /** Uses the resolver bound in {@code context}; with none bound, see {@link #NONE}. */
    public static AlarmTenancy of(CamelContext context) {
        return of(context.getRegistry().lookupByNameAndType(TenantResolver.BEAN, TenantResolver.class));
    }

    /** Uses {@code resolver}; null is {@link #NONE}. */
    public static AlarmTenancy of(TenantResolver resolver) {
        return resolver == null ? NONE : new AlarmTenancy(resolver);
    }

    /**
     * Whose an alarm is.
     *
     * @param tenant   the tenant, null when no resolver is bound or the alarm is rejected
     * @param rejected true when the resolver rejects the alarm (the caller acknowledges, drops and
     *                 counts it as unknown_tenant)
     * @param settings the tenant's {@code sources: cloudwatch:} values, empty when it gives none
     */
    public record Owner(String tenant, boolean rejected, Map<String, String> settings) {
        static final Owner UNKNOWN = new Owner(null, false, Map.of());
    }

    /** The tenant a queue (or topic) belongs to by itself, or null when none claims it or no resolver is bound. */
    public String tenantOf(String queueOrTopic) {
        if (resolver == null) {
            return null;
        }
        TenantResolver.Resolution r = resolver.resolve(TenantClaims.ofAws(null, queueOrTopic));
        return r.rejected() ? null : r.tenant();
    }

    /** The owner of an alarm of {@code account} (null when the payload names none) read from {@code queueOrTopic}. */
    public Owner ownerOf(String account, String queueOrTopic) {
        if (resolver == null) {
            return Owner.UNKNOWN;
        }
        TenantResolver.Resolution r = resolver.resolve(TenantClaims.ofAws(account, queueOrTopic));
        if (r.rejected()) {
            return new Owner(null, true, Map.of());
        }
        return new Owner(r.tenant(), false, resolver.sourceSettings(r.tenant(), CloudWatchTenantSettings.SECTION));
    }
}
