package io.mimamori.hub;

import io.mimamori.alert.AlertJson;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.pipeline.AlertStore;
import com.fasterxml.jackson.core.type.TypeReference;
import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import io.mimamori.maintenance.MaintenanceCalendar;
import io.mimamori.maintenance.Window;
import io.mimamori.tenant.TenantDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The hub's HTTP API on the embedded server ({@code camel.server.*}): {@code GET /api/alerts},
 * {@code GET /api/tenants}, and {@code GET|POST /api/maintenance}, {@code DELETE /api/maintenance/ID}.
 */
final class ApiRoutes extends RouteBuilder {
    private final AlertStore store;
    private final TenantDirectory tenants;
    private final MaintenanceCalendar maintenance;
    private final Path dataDir;

    ApiRoutes(AlertStore store, TenantDirectory tenants, MaintenanceCalendar maintenance, Path dataDir) {
        this.store = store;
        this.tenants = tenants;
        this.maintenance = maintenance;
        this.dataDir = dataDir;
    }

    @Override
    public void configure() {
        from("platform-http:/api/alerts?httpMethodRestrict=GET").routeId("mimamori-api-alerts").startupOrder(2)
                .process(this::alerts);
        from("platform-http:/api/tenants?httpMethodRestrict=GET").routeId("mimamori-api-tenants").startupOrder(3)
                .process(e -> json(e, 200, Map.of("count", tenants.all().size(), "tenants", tenants.all())));
        from("platform-http:/api/maintenance?httpMethodRestrict=GET,POST").routeId("mimamori-api-maintenance")
                .startupOrder(4).process(this::maintenance);
        from("platform-http:/api/maintenance/{id}?httpMethodRestrict=DELETE").routeId("mimamori-api-maintenance-delete")
                .startupOrder(5).process(this::removeWindow);
    }

    private static void json(Exchange exchange, int status, Object body) throws Exception {
        var m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        m.setBody(AlertJson.mapper().writeValueAsBytes(body));
    }

    /** GET: every window and the ids of those that have ended; POST: add one window (kept in DATA/maintenance). */
    private void maintenance(Exchange exchange) throws Exception {
        Instant now = Instant.now();
        if (!"POST".equals(exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class))) {
            var windows = maintenance.list(now);
            json(exchange, 200, Map.of("count", windows.size(), "windows", windows,
                    "expired", maintenance.expired(now).stream().map(Window::id).toList()));
            return;
        }
        Map<String, Object> fields;
        try {
            fields = AlertJson.mapper().readValue(exchange.getMessage().getBody(byte[].class),
                    new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException | RuntimeException e) {
            fields = null;
        }
        if (fields == null) {
            json(exchange, 400, Map.of("error", "the body must be one maintenance window as a JSON object, "
                    + "with the fields of config/maintenance/*.yaml"));
            return;
        }
        if (!Deployment.safeId(String.valueOf(fields.get("id")))) {
            json(exchange, 400, Map.of("error", "id must be 1-128 letters, digits, '.', '_' or '-'"));
            return;
        }
        Window window;
        try {
            window = maintenance.parse(fields);
            maintenance.add(window);
        } catch (ConfigException e) {
            json(exchange, 400, Map.of("errors", e.problems().stream().map(ConfigProblem::message).toList()));
            return;
        } catch (IllegalArgumentException e) {
            json(exchange, 409, Map.of("error", e.getMessage()));
            return;
        }
        Path file = Deployment.windowFile(dataDir, window.id());
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, AlertJson.mapper().writeValueAsBytes(Map.of("windows", List.of(fields))));
        } catch (IOException e) {
            maintenance.remove(window.id());
            json(exchange, 500, Map.of("error", "cannot keep the window in " + file + ": " + e.getMessage()));
            return;
        }
        json(exchange, 201, maintenance.list(now).stream().filter(v -> v.id().equals(window.id())).findFirst()
                .orElseThrow());
    }

    /** DELETE: removes a window added through the API; those of config/maintenance are changed there. */
    private void removeWindow(Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader("id", String.class);
        var window = maintenance.get(id);
        if (window.isEmpty()) {
            json(exchange, 404, Map.of("error", "no maintenance window '" + id + "'"));
            return;
        }
        if (!Deployment.safeId(id) || !Files.exists(Deployment.windowFile(dataDir, id))) {
            json(exchange, 409, Map.of("error", window.get() + " is defined in the configuration: remove it there"));
            return;
        }
        maintenance.remove(id);
        Deployment.forget(dataDir, id);
        json(exchange, 200, Map.of("removed", id));
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
