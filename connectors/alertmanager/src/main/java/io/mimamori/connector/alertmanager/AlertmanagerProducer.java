package io.mimamori.connector.alertmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.connector.alertmanager.internal.PostableAlertMapper;
import io.mimamori.connector.alertmanager.internal.PostedConditions;
import io.mimamori.spi.DeliveryException;
import io.mimamori.spi.HttpVerdicts;
import io.mimamori.spi.SinkHttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the exchange's alert (or list of alerts) to Alertmanager in one request and returns only
 * when Alertmanager accepted it; otherwise throws {@link DeliveryException} with the verdict the
 * delivery loop acts on. Synchronous by design: the loop's ordering per condition depends on it.
 */
final class AlertmanagerProducer extends DefaultProducer {
    /** Label sets remembered per producer, enough for every condition a hub has firing at once. */
    static final int REMEMBERED_CONDITIONS = 100_000;
    static final Set<AlertmanagerProducer> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerProducer.class);
    private static final String WHAT = "Alertmanager API v2";

    private final AlertmanagerSinkConfig config;
    private final SinkHttpClient http;
    private final PostedConditions conditions;
    private final Clock clock = Clock.systemUTC();
    private volatile String lastAccepted;
    private volatile DeliveryException lastFailure;

    AlertmanagerProducer(AlertmanagerEndpoint endpoint, AlertmanagerSinkConfig config) {
        super(endpoint);
        this.config = config;
        this.http = new SinkHttpClient(config.connectTimeout(), config.requestTimeout());
        this.conditions = new PostedConditions(new PostableAlertMapper(config.endsAtAfter()), REMEMBERED_CONDITIONS);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        RUNNING.add(this);
        LOG.info("{}", config);
    }

    @Override
    protected void doStop() throws Exception {
        RUNNING.remove(this);
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        List<Alert> alerts = alertsOf(exchange.getIn().getBody());
        if (alerts.isEmpty()) {
            return;
        }
        PostedConditions.Batch batch = conditions.prepare(alerts, clock.instant());
        byte[] json = AlertJson.mapper().writeValueAsBytes(batch.posts());
        try {
            SinkHttpClient.Response r = http.send(WHAT, "POST", config.alertsUri(), "application/json", json,
                    config.headers());
            HttpVerdicts.check(WHAT + " at " + config.origin(), r.status(), r.retryAfter(), errorText(r.body()),
                    Instant.now());
        } catch (DeliveryException e) {
            lastFailure = e;
            throw e;
        }
        conditions.accepted(batch);
        lastFailure = null;
        lastAccepted = clock.instant().toString();
    }

    /** The body as alerts: one {@link Alert} or a collection of them; anything else is refused for good. */
    private List<Alert> alertsOf(Object body) {
        if (body instanceof Alert a) {
            return List.of(a);
        }
        if (body instanceof Collection<?> c) {
            List<Alert> alerts = new ArrayList<>(c.size());
            for (Object o : c) {
                if (!(o instanceof Alert a)) {
                    throw notAnAlert(o);
                }
                alerts.add(a);
            }
            return alerts;
        }
        throw notAnAlert(body);
    }

    private DeliveryException notAnAlert(Object o) {
        return DeliveryException.rejected("alertmanager-sink '" + config.name() + "' takes an io.mimamori.alert.Alert"
                + " or a list of them, not " + (o == null ? "null" : o.getClass().getName())
                + ": route it from the outbox", 0);
    }

    /** Alertmanager answers a refused alert with a JSON string, and a malformed body with {message}. */
    static String errorText(String body) {
        if (body == null || body.isBlank()) {
            return body;
        }
        try {
            JsonNode n = AlertJson.mapper().readTree(body);
            if (n.isTextual()) {
                return n.asText();
            }
            if (n.hasNonNull("message")) {
                return n.get("message").asText();
            }
        } catch (JsonProcessingException notJson) {
            // a proxy's page: the raw text, shortened by HttpVerdicts
        }
        return body;
    }

    Map<String, String> healthDetails() {
        Map<String, String> d = new LinkedHashMap<>();
        String prefix = config.name() + ".";
        d.put(prefix + "url", config.origin() + config.alertsUri().getRawPath());
        if (lastAccepted != null) {
            d.put(prefix + "lastAccepted", lastAccepted);
        }
        DeliveryException f = lastFailure;
        if (f != null) {
            d.put(prefix + "lastFailure", f.verdict() + ": " + f.getMessage());
        }
        return d;
    }

    /** True when the last delivery failed for a reason on Alertmanager's side (unreachable, 5xx, 429). */
    boolean failing() {
        DeliveryException f = lastFailure;
        return f != null && f.verdict() == DeliveryException.Verdict.RETRY;
    }
}
