package io.mimamori.pipeline;

import io.mimamori.lifecycle.LifecycleSettings;
import io.mimamori.outbox.OutboxSettings;
import java.nio.file.Path;

/**
 * What the core pipeline needs to know, read once from the hub's properties.
 *
 * @param defaultTenant  tenant of inputs no tenant rule claims
 * @param site           this hub's location name, stamped on every alert
 * @param dataDir        where the outbox ({@code outbox.db}) lives
 * @param storeCapacity  conditions the API keeps in memory
 * @param outbox         how the outbox commits and keeps alerts
 * @param lifecycle      dedup, re-notification, flap detection and silent-source limits
 */
public record PipelineSettings(String defaultTenant, String site, Path dataDir, int storeCapacity,
                               OutboxSettings outbox, LifecycleSettings lifecycle) {

    /** Settings with the default lifecycle. */
    public PipelineSettings(String defaultTenant, String site, Path dataDir, int storeCapacity, OutboxSettings outbox) {
        this(defaultTenant, site, dataDir, storeCapacity, outbox, LifecycleSettings.defaults());
    }

    public static final String DEFAULT_TENANT = "mimamori.tenant.default";
    public static final String SITE = "mimamori.site";
    public static final String DATA_DIR = "mimamori.data.dir";
    public static final String STORE_CAPACITY = "mimamori.api.maxAlerts";
}
