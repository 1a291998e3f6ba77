package io.mimamori.tenant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One customer as declared in {@code tenants.yaml}, fit to be shown as it is (as JSON by an API
 * such as {@code GET /api/tenants}): it holds where secrets come from ({@code env:NAME},
 * {@code file:PATH}) and which sinks have one, never a secret itself.
 *
 * @param id          the value of alerts' {@code tenant} field
 * @param name        the customer's name for humans
 * @param timezone    IANA zone id of the customer's local time, e.g. {@code Asia/Tokyo}
 * @param environment e.g. {@code production} or {@code staging}; null when not given
 * @param attribution which inputs are this tenant's
 * @param routes      which sinks get which alerts, in order; empty sends every alert to every sink
 * @param secretSinks the sinks this tenant has its own secret for (names only)
 * @param runbooks    this tenant's runbook links, before the ones shared by every tenant
 * @param sources     per-connector settings for this tenant's inputs, by section (e.g. {@code cloudwatch}),
 *                    each key to its text as the connector's {@link io.mimamori.spi.TenantSourceSettings}
 *                    accepted it; empty when the tenant gives none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tenant(String id, String name, String timezone, String environment, Attribution attribution,
                     List<SinkRoute> routes, List<String> secretSinks, List<Runbook> runbooks,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Map<String, String>> sources) {

    public Tenant {
        routes = List.copyOf(routes);
        secretSinks = List.copyOf(secretSinks);
        runbooks = List.copyOf(runbooks);
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        sources.forEach((section, values) -> copy.put(section, Collections.unmodifiableMap(
                new LinkedHashMap<>(values))));
        sources = Collections.unmodifiableMap(copy);
    }

    /** A tenant that claims nothing and sends everything everywhere: the single-tenant deployment's. */
    static Tenant implicit(String id) {
        return new Tenant(id, id, "UTC", null, Attribution.NONE, List.of(), List.of(), List.of(), Map.of());
    }

    @JsonIgnore
    public ZoneId zone() {
        return ZoneId.of(timezone);
    }

    /** The values this tenant gives for a connector's section of {@code sources:}; empty when none. */
    public Map<String, String> sources(String section) {
        return sources.getOrDefault(section, Map.of());
    }
}
