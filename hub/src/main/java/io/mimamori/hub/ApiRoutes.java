package io.mimamori.hub;

import io.mimamori.alert.AlertJson;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.pipeline.AlertStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/** The hub's HTTP API on the embedded server ({@code camel.server.*}): {@code GET /api/alerts}. */
final class ApiRoutes extends RouteBuilder {
    private final AlertStore store;

    ApiRoutes(AlertStore store) {
        this.store = store;
    }

    @Override
    public void configure() {
        from("platform-http:/api/alerts?httpMethodRestrict=GET").routeId("mimamori-api-alerts").startupOrder(2)
                .process(this::alerts);
    }

    private void alerts(Exchange exchange) throws Exception {
        var in = exchange.getMessage();
        String status = in.getHeader("status", String.class);
        String tenant = in.getHeader("tenant", String.class);
        String severity = in.getHeader("severity", String.class);
        String layer = in.getHeader("layer", String.class);
        in.removeHeaders("*");
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        AlertStore.Query q;
        try {
            q = new AlertStore.Query(
                    param(status, Status::parse), tenant, param(severity, Severity::parse), param(layer, Layer::parse));
        } catch (IllegalArgumentException e) {
            in.setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
            in.setBody(AlertJson.mapper().writeValueAsBytes(Map.of("error", e.getMessage())));
            return;
        }
        var alerts = store.query(q);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", alerts.size());
        body.put("alerts", alerts);
        in.setBody(AlertJson.mapper().writeValueAsBytes(body));
    }

    private static <T> T param(String value, Function<String, T> parse) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return parse.apply(value);
    }
}
