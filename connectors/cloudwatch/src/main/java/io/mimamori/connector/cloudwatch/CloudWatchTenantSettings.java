package io.mimamori.connector.cloudwatch;

import io.mimamori.spi.TenantSourceSettings;
import java.util.List;

/**
 * A tenant's own severity convention for its CloudWatch alarms, under {@code sources: cloudwatch:}
 * in {@code tenants.yaml}: {@code severityTag}, {@code severityNamePattern}, {@code defaultSeverity}
 * and {@code insufficientDataSeverity}, with the meaning of the kamelet parameters of the same
 * names. Both CloudWatch sources apply them to the alarms that resolve to the tenant, in place of
 * their route's values, key by key ({@link SeverityConvention#with}); a key the tenant leaves out
 * keeps the route's value. The core checks every value with {@link #check} as it reads the file.
 */
public final class CloudWatchTenantSettings implements TenantSourceSettings {
    /** The section name under a tenant's {@code sources:}. */
    public static final String SECTION = "cloudwatch";

    @Override
    public String section() {
        return SECTION;
    }

    @Override
    public List<String> keys() {
        return SeverityConvention.KEYS;
    }

    @Override
    public String check(String key, String value) {
        return SeverityConvention.problem(key, value);
    }
}
