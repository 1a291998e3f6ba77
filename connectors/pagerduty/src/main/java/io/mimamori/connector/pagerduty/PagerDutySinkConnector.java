package io.mimamori.connector.pagerduty;

import io.mimamori.config.ConfigProblem;
import io.mimamori.spi.KameletConnector;
import io.mimamori.spi.SinkParameters;
import io.mimamori.spi.TenantKeyedSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The PagerDuty sink as the hub sees it: kamelet {@code pagerduty-sink}, whose routing keys come
 * per tenant from {@code tenants.yaml}, {@code tenantRoutingKeys} or {@code routingKey}.
 */
public final class PagerDutySinkConnector extends KameletConnector implements TenantKeyedSink {
    /** Events API v2 integration keys are 32 characters; PagerDuty answers 400 to any other length. */
    static final int ROUTING_KEY_LENGTH = 32;

    public PagerDutySinkConnector() {
        super("pagerduty-sink", Kind.SINK);
    }

    @Override
    public String secretName() {
        return "routing key";
    }

    @Override
    public String defaultParameter() {
        return "routingKey";
    }

    @Override
    public String tenantsParameter() {
        return "tenantRoutingKeys";
    }

    /** PagerDuty answers 400 to a routing key that is not 32 characters long. */
    @Override
    public String checkSecret(String secret) {
        int length = secret.trim().length();
        return length == ROUTING_KEY_LENGTH ? null : "is " + length + " characters long; a PagerDuty integration key has "
                + ROUTING_KEY_LENGTH + ": copy the Integration Key of the service's Events API v2 integration";
    }

    @Override
    public List<ConfigProblem> checkParameters(Map<String, String> p) {
        List<ConfigProblem> problems = new ArrayList<>();
        String where = "pagerduty-sink";
        for (String free : List.of("url", "routingKey", "tenantRoutingKeys", "client", "clientUrl")) {
            String v = p.get(free);
            String unsafe = resolved(v) ? SinkParameters.uriSafety(free, v) : null;
            if (unsafe != null) {
                problems.add(new ConfigProblem(where, 0, unsafe));
            }
        }
        String url = SinkParameters.unraw(p.get("url"));
        if (resolved(url)) {
            try {
                SinkParameters.httpUrl("url", url);
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(where, 0, e.getMessage()));
            }
        }
        String clientUrl = SinkParameters.unraw(p.get("clientUrl"));
        if (resolved(clientUrl) && !clientUrl.isBlank()) {
            try {
                SinkParameters.httpUrl("clientUrl", clientUrl);
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(where, 0, e.getMessage()));
            }
        }
        String routingKey = SinkParameters.unraw(p.get("routingKey"));
        String tenantKeys = SinkParameters.unraw(p.get("tenantRoutingKeys"));
        if (routingKey != null && !routingKey.isBlank()) {
            if (resolved(routingKey) && routingKey.trim().length() != ROUTING_KEY_LENGTH) {
                problems.add(new ConfigProblem(where, 0, "parameter 'routingKey' is " + routingKey.trim().length()
                        + " characters long; a PagerDuty integration key has " + ROUTING_KEY_LENGTH
                        + ": copy the Integration Key of the service's Events API v2 integration"));
            }
        }
        if (tenantKeys != null && !tenantKeys.isBlank()) {
            if (resolved(tenantKeys)) {
                try {
                    SinkParameters.tenantSecrets("tenantRoutingKeys", tenantKeys).forEach((tenant, key) -> {
                        if (key.length() != ROUTING_KEY_LENGTH) {
                            problems.add(new ConfigProblem(where, 0, "parameter 'tenantRoutingKeys': the key of tenant '"
                                    + tenant + "' is " + key.length() + " characters long; a PagerDuty integration key has "
                                    + ROUTING_KEY_LENGTH));
                        }
                    });
                } catch (IllegalArgumentException e) {
                    problems.add(new ConfigProblem(where, 0, e.getMessage()));
                }
            }
        }
        return problems;
    }

    /** A value still holding a placeholder is checked when the hub resolves it at start-up. */
    private static boolean resolved(String v) {
        return v != null && !v.contains("{{");
    }
}
