package io.mimamori.connector.pagerduty.internal;

import io.mimamori.alert.Alert;
import io.mimamori.connector.pagerduty.PagerDutyEndpoint;
import io.mimamori.outbox.OutboxConsumer;
import io.mimamori.spi.SinkParameters;
import io.mimamori.spi.DeliveryException;
import io.mimamori.spi.HttpVerdicts;
import io.mimamori.spi.SinkHttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Sends one alert to the Events API v2 and completes only on 2xx (PagerDuty answers 202). 400 is
 * rejected with PagerDuty's errors; 429 and 5xx are retried; the routing key's own rate limit
 * defers the alert before anything is sent. An alert whose tenant has no routing key anywhere is
 * rejected (a dead letter) without calling PagerDuty.
 */
public final class PagerDutyProducer extends DefaultProducer {
    private static final String WHAT = "PagerDuty Events API";
    private final PagerDutyEndpoint endpoint;
    private SinkHttpClient http;

    public PagerDutyProducer(PagerDutyEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        http = endpoint.newHttpClient();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Alert alert = endpoint.oneAlert(exchange.getIn().getBody());
        String sink = OutboxConsumer.sinkName(exchange);
        String key = endpoint.routingKeyFor(alert.tenant(), sink);
        if (key == null) {
            throw endpoint.missingKey(alert.tenant(), sink);
        }
        Duration wait = endpoint.limiter().acquire(limiterKey(key));
        if (!wait.isZero()) {
            throw DeliveryException.deferred("PagerDuty rate limit of " + endpoint.getRatePerMinute()
                    + " events a minute reached for the routing key of tenant '" + alert.tenant() + "'", wait);
        }
        byte[] event = PagerDutyEvents.event(alert, key, endpoint.getGroup(), endpoint.getClient(), endpoint.getClientUrl());
        try {
            SinkHttpClient.Response r = http.send(WHAT, "POST", endpoint.target(), "application/json", event, Map.of());
            HttpVerdicts.check(WHAT, r.status(), r.retryAfter(), r.body(), endpoint.clock().instant());
        } catch (DeliveryException e) {
            throw SinkParameters.redact(e, endpoint.secrets(key));
        }
    }

    /** Limiter buckets are keyed by a hash, so routing keys are not held in one more place. */
    private static String limiterKey(String routingKey) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(routingKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
