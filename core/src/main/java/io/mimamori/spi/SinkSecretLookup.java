package io.mimamori.spi;

/**
 * The secrets {@code tenants.yaml} gives each tenant per sink (its {@code secrets:} block: a
 * PagerDuty routing key, an Opsgenie API key), as sinks look them up while delivering. The
 * pipeline binds one under {@link #BEAN} in the Camel registry; a sink reads the name of the
 * delivery route that feeds it from {@link io.mimamori.outbox.OutboxConsumer#sinkName}.
 */
@FunctionalInterface
public interface SinkSecretLookup {
    String BEAN = "mimamoriSinkSecrets";

    /**
     * The secret {@code tenant} has for the delivery route {@code sink} ({@code mimamori-outbox:NAME}),
     * or null when it has none there. Never log it.
     */
    String secret(String tenant, String sink);
}
