package io.mimamori.hub;

import io.mimamori.maintenance.MaintenanceCalendar;
import io.mimamori.maintenance.Window;
import io.mimamori.maintenance.ZoneLookup;
import io.mimamori.pipeline.PipelineSettings;
import io.mimamori.tenant.DeliverySinks;
import io.mimamori.tenant.Tenant;
import io.mimamori.tenant.TenantDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment's tenants ({@code CONFIG/tenants.yaml}) and maintenance windows
 * ({@code CONFIG/maintenance/*.yaml}, plus those added through the API, kept in
 * {@code DATA/maintenance/}), read the same way by {@code validate} and {@code run}.
 */
final class Deployment {
    static final String MAINTENANCE_DIR = "maintenance";
    private static final Logger LOG = LoggerFactory.getLogger(Deployment.class);

    private Deployment() {
    }

    /**
     * @param sinks the delivery routes, which tenants' routes and secrets must name
     * @throws io.mimamori.config.ConfigException with file:line problems
     */
    static TenantDirectory tenants(HubSettings settings, DeliverySinks sinks) {
        return TenantDirectory.load(settings.configDir(), settings.get(PipelineSettings.DEFAULT_TENANT), sinks);
    }

    static ZoneLookup zones(TenantDirectory tenants) {
        Map<String, ZoneId> zones = new LinkedHashMap<>();
        for (Tenant t : tenants.all()) {
            zones.put(t.id(), t.zone());
        }
        return ZoneLookup.of(zones);
    }

    /**
     * The configured windows; with {@code dataDir}, also the still-running windows added through
     * the API (files of ended ones are removed).
     *
     * @throws io.mimamori.config.ConfigException with file:line problems
     */
    static MaintenanceCalendar maintenance(HubSettings settings, TenantDirectory tenants, Path dataDir, Clock clock) {
        ZoneLookup zones = zones(tenants);
        MaintenanceCalendar calendar = MaintenanceCalendar.load(settings.configDir().resolve(MAINTENANCE_DIR), zones, clock);
        if (dataDir != null && Files.isDirectory(dataDir.resolve(MAINTENANCE_DIR))) {
            MaintenanceCalendar added = MaintenanceCalendar.load(dataDir.resolve(MAINTENANCE_DIR), zones, clock);
            for (Window w : added.windows()) {
                if (w.endedBy(clock.instant())) {
                    forget(dataDir, w.id());
                } else {
                    calendar.add(w);
                }
            }
        }
        return calendar;
    }

    /** Where a window added through the API is kept. */
    static Path windowFile(Path dataDir, String id) {
        return dataDir.resolve(MAINTENANCE_DIR).resolve(id + ".yaml");
    }

    static void forget(Path dataDir, String id) {
        try {
            Files.deleteIfExists(windowFile(dataDir, id));
        } catch (IOException e) {
            LOG.warn("Cannot remove {}: {}", windowFile(dataDir, id), e.toString());
        }
    }

    /** The ids a window id may use in a file name. */
    static boolean safeId(String id) {
        return id != null && id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    }
}
