package io.mimamori.connector.webhook;

import io.mimamori.spi.SinkParameters;
import io.mimamori.config.ConfigProblem;
import io.mimamori.spi.KameletConnector;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** The webhook sink as the hub sees it: kamelet {@code webhook-sink}. */
public final class WebhookSinkConnector extends KameletConnector {
    public WebhookSinkConnector() {
        super("webhook-sink", Kind.SINK);
    }

    @Override
    public List<ConfigProblem> checkUse(Map<String, String> p) {
        List<ConfigProblem> problems = new ArrayList<>();
        String where = "webhook-sink";
        Consumer<Runnable> check = c -> {
            try {
                c.run();
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(where, 0, e.getMessage()));
            }
        };
        for (String free : List.of("url", "hmacSecret", "headers", "secretHeaders", "cloudEventsSource")) {
            String v = p.get(free);
            String unsafe = resolved(v) ? SinkParameters.uriSafety(free, v) : null;
            if (unsafe != null) {
                problems.add(new ConfigProblem(where, 0, unsafe));
            }
        }
        String signatureHeader = p.getOrDefault("signatureHeader", WebhookEndpoint.DEFAULT_SIGNATURE_HEADER);
        Set<String> reserved = new java.util.HashSet<>(WebhookEndpoint.RESERVED_HEADERS);
        reserved.add(signatureHeader);
        check.accept(() -> {
            if (resolved(p.get("url"))) {
                SinkParameters.httpUrl("url", SinkParameters.unraw(p.get("url")));
            }
        });
        check.accept(() -> {
            if (resolved(p.get("headers"))) {
                SinkParameters.headers("headers", SinkParameters.unraw(p.get("headers")), reserved, false);
            }
        });
        check.accept(() -> {
            if (resolved(p.get("secretHeaders"))) {
                SinkParameters.headers("secretHeaders", SinkParameters.unraw(p.get("secretHeaders")), reserved, true);
            }
        });
        check.accept(() -> SinkParameters.headers("signatureHeader", signatureHeader + "=x", Set.of(), false));
        String source = SinkParameters.unraw(p.get("cloudEventsSource"));
        if (source != null && !source.isBlank() && resolved(source)) {
            try {
                new URI(source);
            } catch (URISyntaxException e) {
                problems.add(new ConfigProblem(where, 0, "parameter 'cloudEventsSource' is not a URI reference ("
                        + e.getReason() + "): use e.g. /mimamori/tokyo-dc1 or urn:mimamori:tokyo-dc1"));
            }
            if (!"cloudevents".equals(p.get("format"))) {
                problems.add(new ConfigProblem(where, 0,
                        "parameter 'cloudEventsSource' has no effect unless format is cloudevents: set format: cloudevents or remove it"));
            }
        }
        return problems;
    }

    /** A value still holding a placeholder is checked when the hub resolves it at start-up. */
    private static boolean resolved(String v) {
        return v != null && !v.contains("{{");
    }
}
