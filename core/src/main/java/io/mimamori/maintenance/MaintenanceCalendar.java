package io.mimamori.maintenance;

import io.mimamori.alert.Alert;
import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import io.mimamori.config.Problems;
import io.mimamori.lifecycle.MaintenanceGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintenance windows of all tenants: which window silences an alert now, when the next
 * window starts or ends, and which windows are over. Windows are loaded from
 * {@code config/maintenance/*.yaml} and can be added and removed at run time; changes made at
 * run time are not written back to the files. Safe for concurrent use: queries read an immutable
 * snapshot, changes replace it.
 */
public final class MaintenanceCalendar {
    /** How long a window without match conditions may last unless it sets {@code silenceWholeTenant: true}. */
    public static final Duration DEFAULT_WHOLE_TENANT_LIMIT = Duration.ofHours(4);

    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceCalendar.class);

    private final ZoneLookup tenantZones;
    private final Duration wholeTenantLimit;
    private final Clock clock;
    private volatile List<Window> windows;
    /** Bumped by every run-time change, so the lifecycle re-checks what it holds. */
    private volatile long version;

    private MaintenanceCalendar(List<Window> windows, ZoneLookup tenantZones, Duration wholeTenantLimit, Clock clock) {
        this.windows = List.copyOf(windows);
        this.tenantZones = tenantZones;
        this.wholeTenantLimit = wholeTenantLimit;
        this.clock = clock;
    }

    /** {@link #load(Path, ZoneLookup, Clock, Duration)} with {@link #DEFAULT_WHOLE_TENANT_LIMIT}. */
    public static MaintenanceCalendar load(Path dir, ZoneLookup tenantZones, Clock clock) {
        return load(dir, tenantZones, clock, DEFAULT_WHOLE_TENANT_LIMIT);
    }

    /**
     * Loads every {@code *.yaml} file in {@code dir} (other files, such as a README, are ignored;
     * a missing directory means no windows). Windows that are already over are kept, listed by
     * {@link #expired} and logged, so the operator can remove them.
     *
     * @throws ConfigException with every problem of every file, each with its file and line
     */
    public static MaintenanceCalendar load(Path dir, ZoneLookup tenantZones, Clock clock, Duration wholeTenantLimit) {
        Problems problems = new Problems();
        List<Window> loaded = new ArrayList<>();
        WindowReader reader = new WindowReader(problems, tenantZones, wholeTenantLimit);
        for (Path file : files(dir, problems)) {
            loaded.addAll(reader.readFile(file));
        }
        List<ConfigProblem> sorted = new ArrayList<>(problems.list());
        sorted.sort(Comparator.comparing(ConfigProblem::file).thenComparingInt(ConfigProblem::line));
        if (!sorted.isEmpty()) {
            throw new ConfigException(sorted);
        }
        MaintenanceCalendar calendar = new MaintenanceCalendar(loaded, tenantZones, wholeTenantLimit, clock);
        Instant now = clock.instant();
        if (!loaded.isEmpty()) {
            LOG.info("Maintenance: {} window(s) loaded from {}", loaded.size(), dir);
        }
        for (Window w : calendar.expired(now)) {
            LOG.warn("Maintenance {} has ended and silences nothing any more: remove it", w);
        }
        return calendar;
    }

    /** A window from an API request, checked with this calendar's tenants and whole-tenant limit. */
    public Window parse(Map<String, ?> fields) {
        return Window.fromMap(fields, tenantZones, wholeTenantLimit);
    }

    /**
     * The window that silences {@code alert} at {@code at}: its tenant's, with all conditions
     * met, in an occurrence. Of several, the one whose occurrence ends last.
     */
    public Optional<Window> active(Alert alert, Instant at) {
        Window best = null;
        Instant bestEnd = null;
        for (Window w : windows) {
            if (!w.covers(alert)) {
                continue;
            }
            Optional<Occurrence> o = w.occurrenceAt(at);
            if (o.isPresent() && (bestEnd == null || o.get().end().isAfter(bestEnd))) {
                best = w;
                bestEnd = o.get().end();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The earliest moment after {@code after} at which any window starts or ends, so a scheduler
     * can re-check firing alerts then; empty when no window will change again.
     */
    public Optional<Instant> nextChange(Instant after) {
        return windows.stream()
                .map(w -> w.schedule().nextChange(after))
                .flatMap(Optional::stream)
                .min(Comparator.naturalOrder());
    }

    /** Windows that will never be active again at or after {@code now}, in id order. */
    public List<Window> expired(Instant now) {
        return windows.stream().filter(w -> w.endedBy(now)).sorted(Comparator.comparing(Window::id)).toList();
    }

    /** Every window as the API shows it at {@code now}, by tenant and id. */
    public List<WindowView> list(Instant now) {
        return windows.stream()
                .sorted(Comparator.comparing(Window::tenant).thenComparing(Window::id))
                .map(w -> WindowView.of(w, now))
                .toList();
    }

    /** Every window, expired ones included. */
    public List<Window> windows() {
        return windows;
    }

    /** This calendar as the lifecycle sees it: which window holds an alert, and when that may change. */
    public MaintenanceGate gate() {
        return new MaintenanceGate() {
            @Override
            public String windowFor(Alert alert, Instant at) {
                return active(alert, at).map(Window::id).orElse(null);
            }

            @Override
            public Instant nextChange(Instant after) {
                return MaintenanceCalendar.this.nextChange(after).orElse(null);
            }

            @Override
            public long version() {
                return version;
            }
        };
    }

    /** The window with {@code id}, if there is one. */
    public Optional<Window> get(String id) {
        return windows.stream().filter(w -> w.id().equals(id)).findFirst();
    }

    /**
     * Adds a window at run time.
     *
     * @throws IllegalArgumentException when a window with the same id exists or the window has
     *                                  already ended
     */
    public synchronized void add(Window window) {
        get(window.id()).ifPresent(existing -> {
            throw new IllegalArgumentException("window id '" + window.id() + "' is taken by " + existing
                    + ": choose another id or remove that window first");
        });
        if (window.endedBy(clock.instant())) {
            throw new IllegalArgumentException(window + " has already ended (" + window.schedule().text()
                    + "): nothing to add");
        }
        List<Window> next = new ArrayList<>(windows);
        next.add(window);
        windows = List.copyOf(next);
        version++;
        LOG.info("Maintenance {} added for tenant '{}': {}, {}", window, window.tenant(), window.matchers(),
                window.schedule().text());
    }

    /** Removes the window with {@code id} at run time; returns it, or empty when there was none. */
    public synchronized Optional<Window> remove(String id) {
        Optional<Window> removed = get(id);
        removed.ifPresent(w -> {
            windows = windows.stream().filter(x -> x != w).toList();
            version++;
            LOG.info("Maintenance {} removed", w);
        });
        return removed;
    }

    private static List<Path> files(Path dir, Problems problems) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        if (!Files.isDirectory(dir)) {
            problems.add(new ConfigProblem(dir.toString(), 0,
                    "not a directory: point the maintenance setting at the directory holding the *.yaml files"));
            return List.of();
        }
        try (Stream<Path> listing = Files.list(dir)) {
            List<Path> files = new ArrayList<>();
            listing.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .forEach(p -> {
                        String name = p.getFileName().toString();
                        if (name.endsWith(".yaml")) {
                            files.add(p);
                        } else if (name.endsWith(".yml")) {
                            problems.add(new ConfigProblem(p.toString(), 0,
                                    "not loaded: maintenance files must end in .yaml; rename it"));
                        }
                    });
            return files;
        } catch (IOException e) {
            problems.add(new ConfigProblem(dir.toString(), 0, "cannot list the maintenance directory: " + e.getMessage()));
            return List.of();
        }
    }
}
