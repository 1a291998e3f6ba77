package io.mimamori.connector.opsgenie;

import io.mimamori.config.ConfigProblem;
import io.mimamori.spi.KameletConnector;
import io.mimamori.spi.SinkParameters;
import io.mimamori.spi.TenantKeyedSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Opsgenie sink as the hub sees it: kamelet {@code opsgenie-sink}, whose API keys come per
 * tenant from {@code tenants.yaml}, {@code tenantApiKeys} or {@code apiKey}.
 */
public final class OpsgenieSinkConnector extends KameletConnector implements TenantKeyedSink {
    public OpsgenieSinkConnector() {
        super("opsgenie-sink", Kind.SINK);
    }

    @Override
    public String secretName() {
        return "API key";
    }

    @Override
    public String defaultParameter() {
        return "apiKey";
    }

    @Override
    public String tenantsParameter() {
        return "tenantApiKeys";
    }

    @Override
    public List<ConfigProblem> checkParameters(Map<String, String> p) {
        List<ConfigProblem> problems = new ArrayList<>();
        String where = "opsgenie-sink";
        for (String free : List.of("apiKey", "tenantApiKeys", "url", "responders", "visibleTo", "tags", "source", "user")) {
            String v = p.get(free);
            String unsafe = resolved(v) ? SinkParameters.uriSafety(free, v) : null;
            if (unsafe != null) {
                problems.add(new ConfigProblem(where, 0, unsafe));
            }
        }
        String region = p.getOrDefault("region", "us");
        String url = SinkParameters.unraw(p.get("url"));
        if (resolved(region) && (url == null || resolved(url))) {
            try {
                OpsgenieEndpoint.baseUrl(region, url);
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(where, 0, e.getMessage()));
            }
        }
        String tenantKeys = SinkParameters.unraw(p.get("tenantApiKeys"));
        if (tenantKeys != null && !tenantKeys.isBlank()) {
            if (resolved(tenantKeys)) {
                try {
                    SinkParameters.tenantSecrets("tenantApiKeys", tenantKeys);
                } catch (IllegalArgumentException e) {
                    problems.add(new ConfigProblem(where, 0, e.getMessage()));
                }
            }
        }
        check(problems, where, () -> Responders.parse("responders", SinkParameters.unraw(p.get("responders")),
                Responders.RESPONDER_TYPES), p.get("responders"));
        check(problems, where, () -> Responders.parse("visibleTo", SinkParameters.unraw(p.get("visibleTo")),
                Responders.VISIBLE_TO_TYPES), p.get("visibleTo"));
        return problems;
    }

    private static void check(List<ConfigProblem> problems, String where, Runnable parse, String value) {
        if (!resolved(value)) {
            return;
        }
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(where, 0, e.getMessage()));
        }
    }

    /** A value still holding a placeholder is checked when the hub resolves it at start-up. */
    private static boolean resolved(String v) {
        return v != null && !v.contains("{{");
    }
}
