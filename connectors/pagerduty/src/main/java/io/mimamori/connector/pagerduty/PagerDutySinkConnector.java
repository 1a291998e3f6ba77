package io.mimamori.connector.pagerduty;

import io.mimamori.config.ConfigProblem;
import io.mimamori.spi.SinkParameters;
import io.mimamori.spi.KameletConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The PagerDuty sink as the hub sees it: kamelet {@code pagerduty-sink}. */
public final class PagerDutySinkConnector extends KameletConnector {
    /** Events API v2 integration keys are 32 characters; PagerDuty answers 400 to any other length. */
    static final int ROUTING_KEY_LENGTH = 32;

    public PagerDutySinkConnector() {
        super("pagerduty-sink", Kind.SINK);
    }

    @Override
    public List<ConfigProblem> checkUse(Map<String, String> p) {
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
        boolean anyKey = false;
        if (routingKey != null && !routingKey.isBlank()) {
            anyKey = true;
            if (resolved(routingKey) && routingKey.trim().length() != ROUTING_KEY_LENGTH) {
                problems.add(new ConfigProblem(where, 0, "parameter 'routingKey' is " + routingKey.trim().length()
                        + " characters long; a PagerDuty integration key has " + ROUTING_KEY_LENGTH
                        + ": copy the Integration Key of the service's Events API v2 integration"));
            }
        }
        if (tenantKeys != null && !tenantKeys.isBlank()) {
            anyKey = true;
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
        if (!anyKey) {
            problems.add(new ConfigProblem(where, 0,
                    "no routing key: set routingKey (all tenants) or tenantRoutingKeys (tenant=key pairs), or both"));
        }
        return problems;
    }

    /** A value still holding a placeholder is checked when the hub resolves it at start-up. */
    private static boolean resolved(String v) {
        return v != null && !v.contains("{{");
    }
}
