package io.mimamori.maintenance;

import static io.mimamori.maintenance.Fixtures.CLOCK;
import static io.mimamori.maintenance.Fixtures.ZONES;
import static io.mimamori.maintenance.Fixtures.alert;
import static io.mimamori.maintenance.Fixtures.at;
import static io.mimamori.maintenance.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mimamori.alert.Layer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceCalendarTest {
    @TempDir
    Path dir;

    private MaintenanceCalendar loadExample() {
        write(dir, "acme.yaml", """
                windows:
                  - id: acme-patch
                    tenant: acme
                    reason: monthly patching
                    ticket: CHG-4711
                    createdBy: j.doe
                    match: {layer: os, labels: {env: prod}}
                    schedule: {rrule: FREQ=MONTHLY;BYDAY=1SU, dtstart: 2026-01-04 02:00, duration: 3h}
                  - id: acme-move
                    tenant: acme
                    reason: datacentre move
                    silenceWholeTenant: true
                    schedule: {start: 2026-02-14 08:00, end: 2026-02-15 20:00}
                """);
        write(dir, "globex.yaml", """
                windows:
                  - id: globex-old
                    tenant: globex
                    ticket: INC-1
                    match: {host: "web*"}
                    schedule: {start: 2025-12-01 10:00, end: 2025-12-01 11:00}
                """);
        write(dir, "README.md", "not a window file");
        write(dir, "example.yaml.example", "windows: [oops");
        return MaintenanceCalendar.load(dir, ZONES, CLOCK);
    }

    @Test
    void loadsEveryYamlFileAndListsWindowsForTheApi() {
        MaintenanceCalendar c = loadExample();
        List<WindowView> views = c.list(at("2026-02-01T02:00:00Z"));

        assertThat(views).extracting(WindowView::id).containsExactly("acme-move", "acme-patch", "globex-old");
        WindowView patch = views.get(1);
        assertThat(patch.tenant()).isEqualTo("acme");
        assertThat(patch.reason()).isEqualTo("monthly patching");
        assertThat(patch.ticket()).isEqualTo("CHG-4711");
        assertThat(patch.createdBy()).isEqualTo("j.doe");
        assertThat(patch.origin()).isEqualTo(dir.resolve("acme.yaml") + ":2");
        assertThat(patch.match()).isEqualTo(Map.of("layer", "os", "labels", Map.of("env", "prod")));
        assertThat(patch.schedule()).isEqualTo("RRULE FREQ=MONTHLY;BYDAY=1SU from 2026-01-04T02:00 for 3h (Europe/Berlin)");
        assertThat(patch.timezone()).isEqualTo("Europe/Berlin");
        assertThat(patch.active()).isTrue();
        assertThat(patch.ended()).isFalse();
        assertThat(patch.occurrence()).isEqualTo(new WindowView.OccurrenceView(
                "2026-02-01T01:00:00Z", "2026-02-01T04:00:00Z",
                "2026-02-01T02:00:00+01:00", "2026-02-01T05:00:00+01:00"));

        WindowView move = views.get(0);
        assertThat(move.active()).isFalse();
        assertThat(move.match()).isEmpty();
        assertThat(move.schedule()).isEqualTo(
                "once from 2026-02-14T08:00:00+01:00 to 2026-02-15T20:00:00+01:00 (Europe/Berlin)");
        assertThat(move.occurrence().start()).isEqualTo("2026-02-14T07:00:00Z");

        WindowView old = views.get(2);
        assertThat(old.ended()).isTrue();
        assertThat(old.occurrence()).isNull();
    }

    @Test
    void nextChangeIsTheEarliestStartOrEndOfAnyWindow() {
        MaintenanceCalendar c = loadExample();
        assertThat(c.nextChange(at("2026-01-20T00:00:00Z"))).contains(at("2026-02-01T01:00:00Z"));
        assertThat(c.nextChange(at("2026-02-01T01:00:00Z"))).contains(at("2026-02-01T04:00:00Z"));
        assertThat(c.nextChange(at("2026-02-02T00:00:00Z"))).contains(at("2026-02-14T07:00:00Z"));
        assertThat(c.nextChange(at("2026-02-14T07:00:00Z"))).contains(at("2026-02-15T19:00:00Z"));
        assertThat(c.nextChange(at("2026-02-15T19:00:00Z"))).contains(at("2026-03-01T01:00:00Z"));
    }

    @Test
    void nextChangeIsEmptyWhenNothingWillChange() {
        write(dir, "done.yaml", """
                windows:
                  - id: done
                    tenant: initech
                    reason: finished
                    match: {host: h}
                    schedule: {start: 2025-12-01 10:00, end: 2025-12-01 11:00}
                """);
        MaintenanceCalendar c = MaintenanceCalendar.load(dir, ZONES, CLOCK);
        assertThat(c.nextChange(at("2025-12-01T10:30:00Z"))).contains(at("2025-12-01T11:00:00Z"));
        assertThat(c.nextChange(at("2025-12-01T11:00:00Z"))).isEmpty();
    }

    @Test
    void expiredListsWindowsThatWillNeverBeActiveAgain() {
        MaintenanceCalendar c = loadExample();
        assertThat(c.expired(at("2026-01-01T00:00:00Z"))).extracting(Window::id).containsExactly("globex-old");
        assertThat(c.expired(at("2026-02-15T18:59:59Z"))).extracting(Window::id).containsExactly("globex-old");
        assertThat(c.expired(at("2026-02-15T19:00:00Z"))).extracting(Window::id)
                .containsExactly("acme-move", "globex-old");
    }

    @Test
    void activeChecksTenantConditionsAndSchedule() {
        MaintenanceCalendar c = loadExample();
        var prodOs = alert("acme", "db1:/", "db1", Layer.OS, Map.of("env", "prod"));
        assertThat(c.active(prodOs, at("2026-02-01T01:00:00Z"))).map(Window::id).contains("acme-patch");
        assertThat(c.active(prodOs, at("2026-02-01T04:00:00Z"))).isEmpty();
        assertThat(c.active(prodOs, at("2026-02-14T07:00:00Z"))).map(Window::id).contains("acme-move");
        var globexProdOs = alert("globex", "db1:/", "db1", Layer.OS, Map.of("env", "prod"));
        assertThat(c.active(globexProdOs, at("2026-02-01T01:00:00Z"))).isEmpty();
    }

    @Test
    void missingDirectoryMeansNoWindows() {
        MaintenanceCalendar c = MaintenanceCalendar.load(dir.resolve("absent"), ZONES, CLOCK);
        assertThat(c.list(at("2026-01-01T00:00:00Z"))).isEmpty();
        assertThat(c.nextChange(at("2026-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void addAndRemoveAtRunTime() {
        MaintenanceCalendar c = loadExample();
        Window added = c.parse(Map.of(
                "id", "api-1",
                "tenant", "globex",
                "reason", "hot fix",
                "createdBy", "noc",
                "match", Map.of("resource", "api-*"),
                "schedule", Map.of("start", "2026-01-01 10:00", "end", "2026-01-01T12:00:00-05:00")));
        c.add(added);

        var api = alert("globex", "api-gw", "gw1", Layer.APPLICATION, Map.of());
        assertThat(added.origin()).isEqualTo("request");
        assertThat(c.active(api, at("2026-01-01T15:00:00Z"))).contains(added);
        assertThat(c.nextChange(at("2026-01-01T14:00:00Z"))).contains(at("2026-01-01T15:00:00Z"));
        assertThat(c.list(at("2026-01-01T00:00:00Z"))).extracting(WindowView::id).contains("api-1");

        assertThatThrownBy(() -> c.add(added))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window id 'api-1' is taken by window 'api-1' (request): choose another id or remove"
                        + " that window first");

        assertThat(c.remove("api-1")).contains(added);
        assertThat(c.active(api, at("2026-01-01T15:00:00Z"))).isEmpty();
        assertThat(c.remove("api-1")).isEmpty();
        assertThat(c.remove("acme-move")).isPresent();
        assertThat(c.list(at("2026-01-01T00:00:00Z"))).extracting(WindowView::id)
                .containsExactly("acme-patch", "globex-old");
    }

    @Test
    void addingAWindowThatHasEndedIsRefused() {
        MaintenanceCalendar c = MaintenanceCalendar.load(dir, ZONES, Clock.fixed(at("2026-03-01T00:00:00Z"), ZoneOffset.UTC));
        Window ended = c.parse(Map.of("id", "late", "tenant", "initech", "ticket", "CHG-9",
                "match", Map.of("host", "h"),
                "schedule", Map.of("start", "2026-02-01 10:00", "end", "2026-02-01 11:00")));
        assertThatThrownBy(() -> c.add(ended))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window 'late' (request) has already ended (once from 2026-02-01T10:00:00Z to"
                        + " 2026-02-01T11:00:00Z (Z)): nothing to add");
    }

    @Test
    void theWholeTenantLimitIsASetting() {
        write(dir, "w.yaml", """
                windows:
                  - id: short-all
                    tenant: initech
                    reason: reboot
                    schedule: {start: 2026-01-05 10:00, end: 2026-01-05 11:00}
                """);
        assertThat(MaintenanceCalendar.load(dir, ZONES, CLOCK).get("short-all")).isPresent();
        assertThatThrownBy(() -> MaintenanceCalendar.load(dir, ZONES, CLOCK, Duration.ofMinutes(30)))
                .hasMessageContaining("for 1h, longer than 30m");
    }

    @Test
    void concurrentAddsAndQueriesLoseNothing() throws Exception {
        MaintenanceCalendar c = MaintenanceCalendar.load(dir, ZONES, CLOCK);
        var api = alert("initech", "r", "h", Layer.OS, Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String id = "w" + i;
                tasks.add(pool.submit(() -> c.add(c.parse(Map.of("id", id, "tenant", "initech", "reason", "r",
                        "match", Map.of("host", "h"),
                        "schedule", Map.of("start", "2026-01-01 10:00", "end", "2026-01-01 11:00"))))));
                tasks.add(pool.submit(() -> c.active(api, at("2026-01-01T10:30:00Z"))));
            }
            for (Future<?> f : tasks) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(c.list(at("2026-01-01T10:30:00Z"))).hasSize(200).allMatch(WindowView::active);
    }
}
