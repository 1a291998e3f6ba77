package io.mimamori.tenant;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The hub's delivery routes as {@code tenants.yaml} refers to them: the sink names (the
 * {@code mimamori-outbox:NAME} of each route) that tenants' {@code routes} and {@code secrets} may
 * use and, when known, which of those routes send to a sink that takes a secret per tenant (a
 * PagerDuty routing key, an Opsgenie API key). The hub builds it from its route files.
 */
public final class DeliverySinks {
    /** Nothing known: any sink name is accepted. */
    public static final DeliverySinks ANY = new DeliverySinks(Set.of(), null);

    /**
     * A delivery route whose sink takes a secret per tenant.
     *
     * @param secretName       the secret in words, e.g. {@code routing key}
     * @param tenantsParameter the route's {@code tenant=secret} parameter, e.g. {@code tenantRoutingKeys}
     * @param routeTenants     the tenants that parameter names
     * @param check            what is wrong with a secret, never repeating it; null when it looks right
     */
    public record KeyedSink(String secretName, String tenantsParameter, Set<String> routeTenants,
                            Function<String, String> check) {
        public KeyedSink {
            routeTenants = Set.copyOf(routeTenants);
        }
    }

    private final Set<String> names;
    private final Map<String, KeyedSink> keyed;

    private DeliverySinks(Set<String> names, Map<String, KeyedSink> keyed) {
        this.names = Set.copyOf(names);
        this.keyed = keyed == null ? null : Map.copyOf(keyed);
    }

    /** Sink names only: routes and secrets must name one of them; which sinks take secrets is not checked. */
    public static DeliverySinks named(Set<String> names) {
        return new DeliverySinks(names, null);
    }

    /**
     * Sink names and, by name, the routes among them whose sink takes a secret per tenant: a
     * tenant's {@code secrets} may name only those.
     */
    public static DeliverySinks of(Set<String> names, Map<String, KeyedSink> keyed) {
        return new DeliverySinks(names, keyed);
    }

    /** The sink names; empty when not known (then any name is accepted). */
    public Set<String> names() {
        return names;
    }

    /** True when it is known which sinks take a secret per tenant. */
    boolean knowsKeyed() {
        return keyed != null;
    }

    /** The route {@code sink} as a sink taking secrets, or null when it takes none (or that is not known). */
    KeyedSink keyed(String sink) {
        return keyed == null ? null : keyed.get(sink);
    }

    /** The names of the routes whose sink takes secrets, sorted. */
    Set<String> keyedNames() {
        return keyed == null ? Set.of() : new TreeSet<>(keyed.keySet());
    }
}
