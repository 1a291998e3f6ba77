package io.mimamori.maintenance;

import io.mimamori.alert.Alert;
import io.mimamori.config.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A maintenance window: while it is active, firing alerts of its tenant that match its
 * conditions are silenced. Windows come from {@code config/maintenance/*.yaml} or from the API
 * ({@link #fromMap}); both are checked the same way.
 */
public final class Window {
    private final String id;
    private final String tenant;
    private final String reason;
    private final String ticket;
    private final String createdBy;
    private final ZoneId zone;
    private final Matchers matchers;
    private final Schedule schedule;
    private final String origin;

    Window(String id, String tenant, String reason, String ticket, String createdBy, ZoneId zone,
            Matchers matchers, Schedule schedule, String origin) {
        this.id = Objects.requireNonNull(id, "id");
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.reason = reason;
        this.ticket = ticket;
        this.createdBy = createdBy;
        this.zone = Objects.requireNonNull(zone, "zone");
        this.matchers = Objects.requireNonNull(matchers, "matchers");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /**
     * A window from a JSON or YAML map in the shape of one entry of a maintenance file's
     * {@code windows:} list, e.g. the body of an API request.
     *
     * @param tenantZones      the tenants' timezones
     * @param wholeTenantLimit how long a window without conditions may last unless it sets
     *                         {@code silenceWholeTenant: true}
     * @throws ConfigException listing every problem, each naming the field
     */
    public static Window fromMap(Map<String, ?> fields, ZoneLookup tenantZones, Duration wholeTenantLimit) {
        return WindowReader.readMap(fields, tenantZones, wholeTenantLimit);
    }

    public String id() {
        return id;
    }

    public String tenant() {
        return tenant;
    }

    /** Why the window exists; may be null when a ticket is given. */
    public String reason() {
        return reason;
    }

    /** The change or incident ticket; may be null when a reason is given. */
    public String ticket() {
        return ticket;
    }

    /** Who asked for the window; may be null. */
    public String createdBy() {
        return createdBy;
    }

    /** The timezone the window's local times are read in. */
    public ZoneId zone() {
        return zone;
    }

    public Matchers matchers() {
        return matchers;
    }

    public Schedule schedule() {
        return schedule;
    }

    /** Where the window was defined: {@code file:line}, or {@code request} for the API. */
    public String origin() {
        return origin;
    }

    /** True when {@code alert} belongs to this window's tenant and meets all its conditions. */
    public boolean covers(Alert alert) {
        return tenant.equals(alert.tenant()) && matchers.matches(alert);
    }

    /** The occurrence active at {@code t}, if any. */
    public Optional<Occurrence> occurrenceAt(Instant t) {
        return schedule.occurrenceAt(t);
    }

    /** True when the window will never be active again at or after {@code now}. */
    public boolean endedBy(Instant now) {
        return schedule.nextChange(now).isEmpty();
    }

    @Override
    public String toString() {
        return "window '" + id + "' (" + origin + ")";
    }
}
