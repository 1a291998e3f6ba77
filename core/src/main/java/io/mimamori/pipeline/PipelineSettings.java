package io.mimamori.pipeline;

import java.nio.file.Path;

/**
 * What the core pipeline needs to know, read once from the hub's properties.
 *
 * @param defaultTenant  tenant of inputs no tenant rule claims
 * @param site           this hub's location name, stamped on every alert
 * @param dataDir        where {@code alerts.jsonl} and later the outbox live
 * @param fsync          force alerts to disk before acknowledging inputs
 * @param queueCapacity  alerts that may wait for the disk writer at once
 * @param storeCapacity  conditions the API keeps in memory
 */
public record PipelineSettings(String defaultTenant, String site, Path dataDir, boolean fsync, int queueCapacity,
                               int storeCapacity) {

    public static final String DEFAULT_TENANT = "mimamori.tenant.default";
    public static final String SITE = "mimamori.site";
    public static final String DATA_DIR = "mimamori.data.dir";
    public static final String FSYNC = "mimamori.sink.file.fsync";
    public static final String QUEUE_CAPACITY = "mimamori.pipeline.queueCapacity";
    public static final String STORE_CAPACITY = "mimamori.api.maxAlerts";

    public Path alertsFile() {
        return dataDir.resolve("alerts.jsonl");
    }
}
