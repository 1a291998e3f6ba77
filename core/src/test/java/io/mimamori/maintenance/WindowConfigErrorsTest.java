package io.mimamori.maintenance;

import static io.mimamori.maintenance.Fixtures.CLOCK;
import static io.mimamori.maintenance.Fixtures.ZONES;
import static io.mimamori.maintenance.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mimamori.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every problem in a maintenance file is reported with its file, line, window and field. */
class WindowConfigErrorsTest {
    private static final String ONE_OFF = "schedule: {start: 2026-03-01 10:00, end: 2026-03-01 12:00}";

    @TempDir
    Path dir;

    /** The problems of a file holding {@code yaml}, with the directory shown as {@code DIR}. */
    private List<String> problems(String yaml) {
        write(dir, "windows.yaml", yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> MaintenanceCalendar.load(dir, ZONES, CLOCK));
        assertThat(e).as("expected problems in:\n" + yaml).isNotNull();
        return e.problems().stream().map(p -> p.toString().replace(dir.toString(), "DIR")).toList();
    }

    /** A file with one window made of {@code fields} (one per line, without the list dash). */
    private List<String> windowProblems(String... fields) {
        StringBuilder yaml = new StringBuilder("windows:\n");
        for (int i = 0; i < fields.length; i++) {
            yaml.append(i == 0 ? "  - " : "    ").append(fields[i].replace("\n", "\n    ")).append('\n');
        }
        return problems(yaml.toString());
    }

    @Test
    void unknownAndMissingKeysOfAWindow() {
        assertThat(windowProblems("id: a", "tennant: acme", "reason: r", "match: {host: h}", ONE_OFF)).containsExactly(
                "DIR/windows.yaml:2: window 'a': tenant: missing: name the tenant whose alerts the window silences",
                "DIR/windows.yaml:3: window 'a': tennant: unknown key; did you mean 'tenant'? (allowed here: id, tenant,"
                        + " reason, ticket, createdBy, timezone, match, schedule, silenceWholeTenant)");
        assertThat(windowProblems("tenant: acme", "reason: r", "match: {host: h}", ONE_OFF)).containsExactly(
                "DIR/windows.yaml:2: window: id: missing: add 'id: some-name' (letters, digits, '.', '_' and '-'),"
                        + " unique across all windows");
        assertThat(windowProblems("id: a", "tenant: acme", "match: {host: h}", ONE_OFF)).containsExactly(
                "DIR/windows.yaml:2: window 'a': reason: say why the window exists: add reason or ticket");
        assertThat(windowProblems("id: a", "tenant: acme", "reason: [r]", "match: {host: h}", ONE_OFF)).containsExactly(
                "DIR/windows.yaml:4: window 'a': reason: must be a single value");
    }

    @Test
    void invalidAndDuplicateIds() {
        assertThat(windowProblems("id: 'a b'", "tenant: acme", "reason: r", "match: {host: h}", ONE_OFF)).containsExactly(
                "DIR/windows.yaml:2: window: id: 'a b' is not a valid id: use up to 100 letters, digits, '.', '_'"
                        + " and '-', starting with a letter or digit");

        write(dir, "a.yaml", "windows:\n  - id: dup\n    tenant: acme\n    reason: r\n    match: {host: h}\n    "
                + ONE_OFF + "\n");
        assertThat(windowProblems("id: dup", "tenant: acme", "reason: r", "match: {host: h}", ONE_OFF)).containsExactly(
                "DIR/windows.yaml:2: window 'dup': id: duplicate: already used at DIR/a.yaml:2; window ids must be"
                        + " unique");
    }

    @Test
    void unknownTenantAndTimezoneWithSuggestions() {
        assertThat(windowProblems("id: a", "tenant: acmee", "reason: r", "match: {host: h}", ONE_OFF)).containsExactly(
                "DIR/windows.yaml:3: window 'a': tenant: unknown tenant 'acmee'; did you mean 'acme'?");
        assertThat(windowProblems("id: a", "tenant: acme", "timezone: Europe/Berln", "reason: r", "match: {host: h}",
                ONE_OFF)).containsExactly(
                "DIR/windows.yaml:4: window 'a': timezone: unknown timezone 'Europe/Berln'; did you mean"
                        + " 'Europe/Berlin'?");
    }

    @Test
    void matchProblems() {
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r", "match: [h]", ONE_OFF)).containsExactly(
                "DIR/windows.yaml:5: window 'a': match: must be a map of conditions (resource, host, event, layer,"
                        + " labels)");
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r",
                "match:\n  hots: h\n  layer: disk\n  labels: [x]\n  resource: ''", ONE_OFF)).containsExactly(
                "DIR/windows.yaml:6: window 'a': match.hots: unknown key; did you mean 'host'? (allowed here:"
                        + " resource, host, event, layer, labels)",
                "DIR/windows.yaml:7: window 'a': match.layer: unknown layer 'disk': use one of hardware, network, os,"
                        + " middleware, application, cloud, unknown",
                "DIR/windows.yaml:8: window 'a': match.labels: must be a map of label name to value, e.g. env: prod",
                "DIR/windows.yaml:9: window 'a': match.resource: must be a text or a glob (* for any characters, ?"
                        + " for one)");
    }

    @Test
    void scheduleShapeProblems() {
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r", "match: {host: h}")).containsExactly(
                "DIR/windows.yaml:2: window 'a': schedule: missing: give start and end (one-off), rrule with dtstart"
                        + " and duration, or cron with duration");
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r", "match: {host: h}",
                "schedule: {rrule: FREQ=DAILY, cron: '0 2 * * *', duration: 1h}")).containsExactly(
                "DIR/windows.yaml:6: window 'a': schedule: has both rrule and cron: keep one of them");
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r", "match: {host: h}",
                "schedule:\n  start: 2026-03-01 10:00")).containsExactly(
                "DIR/windows.yaml:7: window 'a': schedule.end: missing: a one-off window needs start and end");
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r", "match: {host: h}",
                "schedule:\n  duration: 1h")).containsExactly(
                "DIR/windows.yaml:7: window 'a': schedule.duration: does not belong in a one-off schedule (start and"
                        + " end): remove it (give start and end (one-off), rrule with dtstart and duration, or cron with"
                        + " duration)",
                "DIR/windows.yaml:7: window 'a': schedule: incomplete: give start and end (one-off), rrule with"
                        + " dtstart and duration, or cron with duration");
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r", "match: {host: h}",
                "schedule:\n  start: 2026-03-01 10:00\n  ends: 2026-03-01 12:00")).containsExactly(
                "DIR/windows.yaml:8: window 'a': schedule.ends: unknown key; did you mean 'end'? (allowed here: start,"
                        + " end, rrule, dtstart, cron, duration, until)");
    }

    @Test
    void oneOffProblems() {
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r", "match: {host: h}",
                "schedule:\n  start: 2026-03-01 10:00\n  end: 2026-03-01 09:00")).containsExactly(
                "DIR/windows.yaml:8: window 'a': schedule.end: '2026-03-01 09:00' is not after start"
                        + " '2026-03-01 10:00' (Europe/Berlin): the end must be later than the start");
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r", "match: {host: h}",
                "schedule:\n  start: 1 March\n  end: 2026-03-01 12:00\n  until: 2026-04-01 00:00")).containsExactly(
                "DIR/windows.yaml:7: window 'a': schedule.start: '1 March' is not a date-time: use a local date-time"
                        + " such as 2026-03-29 01:30 (read in the window's timezone) or an instant such as"
                        + " 2026-03-29T00:30:00Z or 2026-03-29T01:30+01:00",
                "DIR/windows.yaml:9: window 'a': schedule.until: does not belong in a one-off schedule (start and"
                        + " end): remove it (give start and end (one-off), rrule with dtstart and duration, or cron with"
                        + " duration)");
    }

    @Test
    void rruleProblems() {
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r", "match: {host: h}",
                "schedule:\n  rrule: FREQ=DAILY;BYDAY=XX\n  dtstart: 2026-03-01 10:00\n  duration: 3 hours"))
                .containsExactly(
                        "DIR/windows.yaml:7: window 'a': schedule.rrule: 'FREQ=DAILY;BYDAY=XX' is not a valid RFC 5545"
                                + " RRULE: invalid weeknum: 'XX'",
                        "DIR/windows.yaml:9: window 'a': schedule.duration: '3 hours' is not a duration: use a"
                                + " positive duration such as 3h, 90m, 1h30m, 2d or PT3H");
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r", "match: {host: h}",
                "schedule:\n  rrule: FREQ=WEEKLY;BYDAY=SU\n  dtstart: 2026-03-02 10:00\n  duration: 1h"))
                .containsExactly(
                        "DIR/windows.yaml:7: window 'a': schedule.rrule: dtstart 2026-03-02T10:00 (a Monday) is not an"
                                + " occurrence of 'FREQ=WEEKLY;BYDAY=SU' (its first one is 2026-03-08T10:00): set"
                                + " dtstart to the first occurrence");
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r", "match: {host: h}",
                "schedule:\n  rrule: FREQ=WEEKLY;BYDAY=SU\n  dtstart: '2026-03-01T10:00Z'")).containsExactly(
                "DIR/windows.yaml:7: window 'a': schedule.duration: missing: say how long each occurrence lasts,"
                        + " e.g. duration: 3h",
                "DIR/windows.yaml:8: window 'a': schedule.dtstart: '2026-03-01T10:00Z' is not a local date-time: use"
                        + " e.g. 2026-01-04 02:00 (no offset: the rule runs on the window's local clock)");
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r", "match: {host: h}",
                "schedule:\n  rrule: FREQ=WEEKLY;BYDAY=SU\n  duration: 1h")).containsExactly(
                "DIR/windows.yaml:7: window 'a': schedule.dtstart: missing: give the local date-time of the first"
                        + " occurrence, e.g. dtstart: 2026-01-04 02:00");
    }

    @Test
    void cronProblems() {
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r", "match: {host: h}",
                "schedule:\n  cron: '0 2 * *'\n  dtstart: 2026-03-01 10:00\n  duration: 1h")).containsExactly(
                "DIR/windows.yaml:7: window 'a': schedule.cron: '0 2 * *' is not a UNIX cron expression (five"
                        + " fields: minute hour day-of-month month day-of-week, e.g. '0 2 * * 0' for 02:00 every"
                        + " Sunday): Cron expression contains 4 parts but we expect one of [5]",
                "DIR/windows.yaml:8: window 'a': schedule.dtstart: does not belong in a cron schedule (the"
                        + " expression says when): remove it (give start and end (one-off), rrule with dtstart and"
                        + " duration, or cron with duration)");
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r", "match: {host: h}",
                "schedule:\n  cron: '0 0 30 2 *'\n  duration: 1h")).containsExactly(
                "DIR/windows.yaml:7: window 'a': schedule.cron: '0 0 30 2 *' never fires: check the day and month"
                        + " fields");
    }

    @Test
    void aLongWindowWithoutConditionsMustBeConfirmed() {
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r",
                "schedule: {start: 2026-03-01 10:00, end: 2026-03-01 16:00}")).containsExactly(
                "DIR/windows.yaml:2: window 'a': silenceWholeTenant: the window has no match conditions and silences"
                        + " every alert of tenant 'acme' for 6h, longer than 4h: add conditions under match, or set"
                        + " 'silenceWholeTenant: true' to confirm");
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r", "match: {}",
                "schedule: {cron: '0 2 * * *', duration: 5h}")).as("empty match counts as none").hasSize(1);
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r", "silenceWholeTenant: true",
                "match: {host: h}", "schedule: {cron: '0 2 * * *', duration: 5h}")).containsExactly(
                "DIR/windows.yaml:5: window 'a': silenceWholeTenant: true, but the window has match conditions and so"
                        + " does not silence the whole tenant: remove the flag or the conditions");
        assertThat(windowProblems("id: a", "tenant: acme", "reason: r", "silenceWholeTenant: yes please",
                "schedule: {cron: '0 2 * * *', duration: 1h}")).containsExactly(
                "DIR/windows.yaml:5: window 'a': silenceWholeTenant: 'yes please' is not true or false");
    }

    @Test
    void confirmedAndShortWholeTenantWindowsLoad() {
        write(dir, "ok.yaml", """
                windows:
                  - id: long-confirmed
                    tenant: acme
                    reason: datacentre move
                    silenceWholeTenant: true
                    schedule: {start: 2026-03-01 08:00, end: 2026-03-02 20:00}
                  - id: short
                    tenant: acme
                    reason: reboot
                    schedule: {cron: '0 2 * * 0', duration: 4h}
                """);
        assertThat(MaintenanceCalendar.load(dir, ZONES, CLOCK).list(Fixtures.JAN_1)).hasSize(2);
    }

    @Test
    void fileLevelProblems() {
        assertThat(problems("# no windows here\nrules: []\n")).containsExactly(
                "DIR/windows.yaml:2: maintenance file: rules: unknown key (allowed here: windows)",
                "DIR/windows.yaml:2: maintenance file: no 'windows:' key: put the windows in a list under 'windows:'");
        assertThat(problems("windows:\n  id: a\n")).containsExactly(
                "DIR/windows.yaml:2: maintenance file: windows: must be a list: start each window with '- id: ...'");
        assertThat(problems("- id: a\n")).containsExactly(
                "DIR/windows.yaml:1: maintenance file: expected a map with the key 'windows' holding a list of"
                        + " windows");
        assertThat(problems("windows:\n  - just a text\n")).containsExactly(
                "DIR/windows.yaml:2: window: must be a map with id, tenant, reason, match and schedule");
        assertThat(problems("windows: [oops\n")).singleElement().asString()
                .startsWith("DIR/windows.yaml:2: not valid YAML: ");
    }

    @Test
    void problemsOfSeveralFilesAreReportedTogetherInFileAndLineOrder() throws Exception {
        write(dir, "b.yaml", "windows:\n  - id: b\n    tenant: nobody\n    reason: r\n    match: {host: h}\n    "
                + ONE_OFF + "\n");
        write(dir, "c.yml", "windows: []\n");
        assertThat(problems("windows:\n  - id: a\n    tenant: acme\n    reason: r\n    match: {host: h}\n"))
                .containsExactly(
                        "DIR/b.yaml:3: window 'b': tenant: unknown tenant 'nobody': use the id of a configured tenant",
                        "DIR/c.yml: not loaded: maintenance files must end in .yaml; rename it",
                        "DIR/windows.yaml:2: window 'a': schedule: missing: give start and end (one-off), rrule with"
                                + " dtstart and duration, or cron with duration");
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> MaintenanceCalendar.load(file, ZONES, CLOCK))
                .hasMessage(file + ": not a directory: point the maintenance setting at the directory holding the"
                        + " *.yaml files");
    }

    @Test
    void aRequestIsCheckedTheSameWayAndProblemsNameTheField() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> Window.fromMap(Map.of(
                "id", "x", "tenant", "acme", "reason", "r",
                "match", Map.of("layer", "disk"),
                "schedule", Map.of("start", "2026-03-01 10:00", "end", "yesterday")), ZONES, Duration.ofHours(4)));
        assertThat(e.problems()).extracting(Object::toString).containsExactly(
                "request: window 'x': match.layer: unknown layer 'disk': use one of hardware, network, os, middleware,"
                        + " application, cloud, unknown",
                "request: window 'x': schedule.end: 'yesterday' is not a date-time: use a local date-time such as"
                        + " 2026-03-29 01:30 (read in the window's timezone) or an instant such as 2026-03-29T00:30:00Z"
                        + " or 2026-03-29T01:30+01:00");

        assertThatThrownBy(() -> Window.fromMap(Map.of("id", "y", "tenant", "acme", "reason", "r",
                "schedule", Map.of("cron", "0 2 * * *", "duration", "6h")), ZONES, Duration.ofHours(4)))
                .hasMessageContaining("request: window 'y': silenceWholeTenant: the window has no match conditions");
        assertThatThrownBy(() -> Window.fromMap(null, ZONES, Duration.ofHours(4)))
                .hasMessage("request: no window given: send a map with id, tenant, reason, match and schedule");
    }
}
