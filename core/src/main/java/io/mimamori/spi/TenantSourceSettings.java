package io.mimamori.spi;

import java.util.List;

/**
 * Settings a source connector lets each tenant give for its own inputs, under the tenant's
 * {@code sources:} in {@code tenants.yaml}, one section per connector module:
 *
 * <pre>
 * tenants:
 *   - id: acme
 *     sources:
 *       cloudwatch: { severityTag: priority, defaultSeverity: minor }
 * </pre>
 *
 * <p>The core knows no connector. It keeps a section as text, key to value, and checks every value
 * with {@link #check} while it reads the file, so a bad value is a problem at its {@code file:line}
 * for {@code mimamori validate} and start-up, like any other mistake in that file. The connector
 * reads the values back through {@link io.mimamori.tenant.TenantResolver#sourceSettings} for the
 * tenant an input resolved to, and gives them their meaning. Found through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.mimamori.spi.TenantSourceSettings});
 * a section no installed connector reads is a problem, so a misspelt one is not silently ignored.
 */
public interface TenantSourceSettings {

    /** The key under a tenant's {@code sources:}, e.g. {@code cloudwatch}. */
    String section();

    /** The keys a tenant may give in the section, in the order the documentation lists them. */
    List<String> keys();

    /**
     * Checks one value of one of {@link #keys()}.
     *
     * @return what is wrong and what to write instead, or null when the value is fine
     */
    String check(String key, String value);
}
