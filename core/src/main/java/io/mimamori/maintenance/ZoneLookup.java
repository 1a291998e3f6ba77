package io.mimamori.maintenance;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The timezone of each tenant, supplied by whoever knows the tenants. A maintenance window is
 * read in its tenant's timezone unless it names its own.
 */
@FunctionalInterface
public interface ZoneLookup {

    /** The tenant's timezone; empty when the tenant is unknown. */
    Optional<ZoneId> zoneOf(String tenant);

    /** Known tenant ids, used only to suggest a correction for a misspelt one. */
    default Set<String> tenants() {
        return Set.of();
    }

    /** Exactly the tenants of {@code zones}. */
    static ZoneLookup of(Map<String, ZoneId> zones) {
        Map<String, ZoneId> copy = Map.copyOf(zones);
        return new ZoneLookup() {
            @Override
            public Optional<ZoneId> zoneOf(String tenant) {
                return Optional.ofNullable(copy.get(tenant));
            }

            @Override
            public Set<String> tenants() {
                return copy.keySet();
            }
        };
    }

    /** Every tenant in {@code zone} (the single-tenant deployment). */
    static ZoneLookup fixed(ZoneId zone) {
        Optional<ZoneId> z = Optional.of(zone);
        return tenant -> z;
    }
}
