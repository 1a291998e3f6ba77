package io.mimamori.tenant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.ZoneId;
import java.util.List;

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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tenant(String id, String name, String timezone, String environment, Attribution attribution,
                     List<SinkRoute> routes, List<String> secretSinks, List<Runbook> runbooks) {

    public Tenant {
        routes = List.copyOf(routes);
        secretSinks = List.copyOf(secretSinks);
        runbooks = List.copyOf(runbooks);
    }

    /** A tenant that claims nothing and sends everything everywhere: the single-tenant deployment's. */
    static Tenant implicit(String id) {
        return new Tenant(id, id, "UTC", null, Attribution.NONE, List.of(), List.of(), List.of());
    }

    @JsonIgnore
    public ZoneId zone() {
        return ZoneId.of(timezone);
    }
}
