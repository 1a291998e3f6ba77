package io.mimamori.hub;

import io.mimamori.config.ConfigProblem;
import io.mimamori.config.YamlTree;
import io.mimamori.spi.TenantKeyedSink;
import io.mimamori.tenant.DeliverySinks;
import io.mimamori.tenant.Tenant;
import io.mimamori.tenant.TenantDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The uses of sinks that send with a secret per tenant ({@link TenantKeyedSink}: pagerduty-sink,
 * opsgenie-sink) inside delivery routes, gathered while the route files are read and checked once
 * {@code tenants.yaml} is: a use needs a secret from its parameters or from tenants' {@code secrets:}
 * for its route (an error otherwise), and a tenant that may be routed to it without a secret
 * anywhere is a warning (its alerts there would be dead letters).
 */
final class KeyedSinkUses {
    private record Use(YamlTree.Node at, TenantKeyedSink sink, Map<String, String> parameters, String route,
                       boolean clean) {
    }

    private final List<Use> uses = new ArrayList<>();

    /**
     * @param route the delivery route's sink name ({@code mimamori-outbox:NAME})
     * @param clean false when the use's parameters already have problems: then only its name counts
     */
    void add(YamlTree.Node at, TenantKeyedSink sink, Map<String, String> parameters, String route, boolean clean) {
        uses.add(new Use(at, sink, Map.copyOf(parameters), route, clean));
    }

    /** The delivery routes as {@code tenants.yaml} is checked against them. */
    DeliverySinks deliverySinks(Set<String> routeNames) {
        Map<String, DeliverySinks.KeyedSink> keyed = new LinkedHashMap<>();
        for (Use u : uses) {
            keyed.putIfAbsent(u.route(), new DeliverySinks.KeyedSink(u.sink().secretName(), u.sink().tenantsParameter(),
                    u.sink().routeTenants(u.parameters()), u.sink()::checkSecret));
        }
        return DeliverySinks.of(routeNames, keyed);
    }

    /**
     * Checks every use against {@code tenants}.
     *
     * @param tenants the directory, or null when {@code tenants.yaml} has problems of its own: then
     *                missing secrets are not judged
     */
    void check(TenantDirectory tenants, List<ConfigProblem> problems, List<ConfigProblem> warnings) {
        Map<String, Use> firstByRoute = new LinkedHashMap<>();
        for (Use u : uses) {
            Set<String> fileTenants = tenants == null ? null : tenants.tenantsWithSecret(u.route());
            Use first = firstByRoute.putIfAbsent(u.route(), u);
            if (first != null && fileTenants != null && !fileTenants.isEmpty()) {
                problems.add(u.at().problem("delivery route '" + u.route() + "' already sends to " + first.sink().name()
                        + " (line " + first.at().line() + "), and tenants.yaml gives secrets per delivery route: send to "
                        + u.sink().name() + " from a mimamori-outbox route of its own"));
            }
            if (!u.clean()) {
                continue;
            }
            u.sink().checkUse(u.parameters(), u.route(), fileTenants)
                    .forEach(p -> problems.add(u.at().problem(p.message())));
            if (tenants != null) {
                warnUncovered(u, tenants, fileTenants, warnings);
            }
        }
    }

    private static void warnUncovered(Use u, TenantDirectory tenants, Set<String> fileTenants,
                                      List<ConfigProblem> warnings) {
        Set<String> routeTenants = u.sink().routeTenants(u.parameters());
        if (u.sink().hasDefault(u.parameters()) || fileTenants.isEmpty() && routeTenants.isEmpty()) {
            return; // every tenant is covered, or no tenant is and checkUse reported that
        }
        List<String> uncovered = new ArrayList<>();
        for (Tenant t : tenants.all()) {
            if (tenants.receivesInput(t.id()) && tenants.mayRoute(t.id(), u.route())
                    && !fileTenants.contains(t.id()) && !routeTenants.contains(t.id())) {
                uncovered.add(t.id());
            }
        }
        if (!uncovered.isEmpty()) {
            String name = u.sink().secretName();
            warnings.add(u.at().problem((uncovered.size() == 1 ? "tenant " : "tenants ") + String.join(", ", uncovered)
                    + " may be routed to sink '" + u.route() + "' but " + (uncovered.size() == 1 ? "has" : "have")
                    + " no " + name + " for it (none under secrets: in tenants.yaml, none in "
                    + u.sink().tenantsParameter() + ", no " + u.sink().defaultParameter() + "): such alerts become dead"
                    + " letters; give " + (uncovered.size() == 1 ? "it" : "them") + " a " + name + ", set "
                    + u.sink().defaultParameter() + ", or route " + (uncovered.size() == 1 ? "it" : "them")
                    + " elsewhere in tenants.yaml"));
        }
    }
}
