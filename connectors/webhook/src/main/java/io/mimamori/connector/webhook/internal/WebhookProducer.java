package io.mimamori.connector.webhook.internal;

import io.mimamori.alert.Alert;
import io.mimamori.outbox.OutboxConsumer;
import io.mimamori.spi.SinkParameters;
import io.mimamori.connector.webhook.WebhookEndpoint;
import io.mimamori.spi.DeliveryException;
import io.mimamori.spi.HttpVerdicts;
import io.mimamori.spi.SinkHttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * POSTs the exchange's alert (or list of alerts, as one batch) and completes only when the
 * receiver answered 2xx; otherwise throws {@link DeliveryException} with the verdict.
 */
public final class WebhookProducer extends DefaultProducer {
    /** The header the delivery loop sets to the 1-based attempt number. */
    public static final String ATTEMPT_HEADER = "MimamoriDeliveryAttempt";

    private final WebhookEndpoint endpoint;
    private SinkHttpClient http;
    private String what;
    private String userAgent;

    public WebhookProducer(WebhookEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        http = endpoint.newHttpClient();
        what = "webhook " + SinkParameters.origin(endpoint.target());
        String version = getClass().getPackage().getImplementationVersion();
        userAgent = "mimamori-webhook-sink/" + (version == null ? "dev" : version);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Object body = exchange.getIn().getBody();
        List<Alert> alerts = new ArrayList<>();
        boolean batch = false;
        if (body instanceof Alert a) {
            alerts.add(a);
        } else if (body instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Alert.class::isInstance)) {
            list.forEach(o -> alerts.add((Alert) o));
            batch = true;
        } else {
            throw DeliveryException.rejected("webhook-sink '" + endpoint.getName() + "' takes an io.mimamori.alert.Alert"
                    + " or a non-empty List of them, not " + (body == null ? "an empty body" : body.getClass().getName()), 0);
        }
        Instant now = endpoint.clock().instant();
        boolean cloudEvents = endpoint.getFormat().equals("cloudevents");
        byte[] payload = cloudEvents
                ? WebhookBodies.cloudEvents(alerts, batch, endpoint.getCloudEventsSource(), now)
                : WebhookBodies.alerts(alerts, OutboxConsumer.committedJson(exchange, alerts.size()), batch);
        String contentType = !cloudEvents ? WebhookBodies.JSON : batch ? WebhookBodies.CLOUDEVENTS_BATCH : WebhookBodies.CLOUDEVENTS;

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", userAgent);
        headers.putAll(endpoint.plainHeaders());
        headers.putAll(endpoint.hiddenHeaders());
        if (!batch && alerts.get(0).id() != null) {
            headers.put("X-Mimamori-Alert-Id", alerts.get(0).id().toString());
        }
        Integer attempt = exchange.getIn().getHeader(ATTEMPT_HEADER, Integer.class);
        if (attempt != null) {
            headers.put("X-Mimamori-Delivery-Attempt", attempt.toString());
        }
        if (endpoint.getHmacSecret() != null) {
            headers.put(endpoint.getSignatureHeader(), WebhookSignature.header(endpoint.getHmacSecret(), now.getEpochSecond(), payload));
        }
        try {
            SinkHttpClient.Response r = http.send(what, "POST", endpoint.target(), contentType, payload, headers);
            HttpVerdicts.check(what, r.status(), r.retryAfter(), r.body(), endpoint.clock().instant());
        } catch (DeliveryException e) {
            throw SinkParameters.redact(e, endpoint.secrets());
        }
    }
}
