package io.mimamori.connector.opsgenie.internal;

import io.mimamori.alert.Alert;
import io.mimamori.connector.opsgenie.OpsgenieEndpoint;
import io.mimamori.outbox.OutboxConsumer;
import io.mimamori.spi.SinkParameters;
import io.mimamori.spi.DeliveryException;
import io.mimamori.spi.HttpVerdicts;
import io.mimamori.spi.SinkHttpClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Creates (firing) or closes by alias (resolved) one Opsgenie alert. Opsgenie processes requests
 * asynchronously and answers 202 with a requestId: acceptance means queued, not yet created.
 * A close that finds no alert (404) is accepted: the condition is not open in Opsgenie either way.
 * An alert whose tenant has no API key anywhere is rejected (a dead letter) without calling Opsgenie.
 */
public final class OpsgenieProducer extends DefaultProducer {
    private static final String WHAT = "Opsgenie Alert API";
    private final OpsgenieEndpoint endpoint;
    private SinkHttpClient http;

    public OpsgenieProducer(OpsgenieEndpoint endpoint) {
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
        String key = endpoint.apiKeyFor(alert.tenant(), sink);
        if (key == null) {
            throw endpoint.missingKey(alert.tenant(), sink);
        }
        URI uri;
        byte[] request;
        if (alert.firing()) {
            uri = endpoint.base().resolve("/v2/alerts");
            request = OpsgenieAlerts.create(alert, endpoint.responderRefs(), endpoint.visibleToRefs(), endpoint.extraTags(),
                    endpoint.getSource(), endpoint.getUser());
        } else {
            uri = URI.create(endpoint.base() + "/v2/alerts/" + pathSegment(OpsgenieAlerts.alias(alert))
                    + "/close?identifierType=alias");
            request = OpsgenieAlerts.close(alert, endpoint.getSource(), endpoint.getUser());
        }
        try {
            SinkHttpClient.Response r = http.send(WHAT, "POST", uri, "application/json", request,
                    Map.of("Authorization", "GenieKey " + key));
            if (!alert.firing() && r.status() == 404) {
                return;
            }
            HttpVerdicts.check(WHAT, r.status(), r.retryAfter(), r.body(), endpoint.clock().instant());
        } catch (DeliveryException e) {
            throw SinkParameters.redact(e, endpoint.secrets(key));
        }
    }

    /** Percent-encodes every character outside RFC 3986's unreserved set, '/' included. */
    static String pathSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
