package io.mimamori.maintenance;

import static io.mimamori.maintenance.Fixtures.at;
import static io.mimamori.maintenance.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecurringWindowTest {
    @TempDir
    Path dir;

    @Test
    void weeklyOnGivenDays() {
        Window w = window(dir, """
                id: backups
                tenant: initech
                reason: backup jobs saturate the SAN
                match: {event: "san*"}
                schedule:
                  rrule: FREQ=WEEKLY;BYDAY=TU,TH
                  dtstart: 2026-01-06 23:00
                  duration: 2h
                """);
        // Tuesday 6 Jan 23:00 to Wednesday 01:00, then Thursday 8 Jan
        assertThat(w.occurrenceAt(at("2026-01-07T00:30:00Z"))).contains(
                new Occurrence(at("2026-01-06T23:00:00Z"), at("2026-01-07T01:00:00Z")));
        assertThat(w.occurrenceAt(at("2026-01-07T23:30:00Z"))).isEmpty();
        assertThat(w.occurrenceAt(at("2026-01-08T23:00:00Z"))).isPresent();
        assertThat(w.occurrenceAt(at("2026-01-09T01:00:00Z"))).isEmpty();
        assertThat(w.occurrenceAt(at("2026-06-09T23:59:00Z"))).isPresent();
        assertThat(w.schedule().nextOccurrence(at("2026-01-09T00:00:00Z"))).contains(
                new Occurrence(at("2026-01-13T23:00:00Z"), at("2026-01-14T01:00:00Z")));
    }

    @Test
    void monthlyOnTheFirstSundayWithCount() {
        Window w = window(dir, """
                id: patch-sunday
                tenant: initech
                reason: monthly OS patching
                match: {layer: os}
                schedule:
                  rrule: RRULE:FREQ=MONTHLY;BYDAY=1SU;COUNT=3
                  dtstart: 2026-01-04 02:00
                  duration: 4h
                """);
        assertThat(w.occurrenceAt(at("2026-01-04T03:00:00Z"))).isPresent();
        assertThat(w.occurrenceAt(at("2026-01-11T03:00:00Z"))).isEmpty();
        assertThat(w.occurrenceAt(at("2026-02-01T05:59:00Z"))).isPresent();
        assertThat(w.occurrenceAt(at("2026-03-01T02:00:00Z"))).isPresent();
        // COUNT=3: January, February, March; none in April
        assertThat(w.occurrenceAt(at("2026-04-05T03:00:00Z"))).isEmpty();
        assertThat(w.schedule().nextOccurrence(at("2026-03-01T07:00:00Z"))).isEmpty();
        assertThat(w.endedBy(at("2026-03-01T06:00:00Z"))).isTrue();
        assertThat(w.endedBy(at("2026-03-01T05:59:59Z"))).isFalse();
    }

    @Test
    void rruleUntilInUtcIsTheLastPossibleStart() {
        Window w = window(dir, """
                id: daily-until
                tenant: acme
                reason: migration nights
                match: {host: "mig-*"}
                schedule:
                  rrule: FREQ=DAILY;UNTIL=20260112T220000Z
                  dtstart: 2026-01-10 23:00
                  duration: 1h
                """);
        // 23:00 CET is 22:00Z: 10, 11 and 12 January, not the 13th
        assertThat(w.occurrenceAt(at("2026-01-12T22:30:00Z"))).isPresent();
        assertThat(w.occurrenceAt(at("2026-01-13T22:30:00Z"))).isEmpty();
    }

    @Test
    void cronWithUntil() {
        Window w = window(dir, """
                id: nightly-etl
                tenant: globex
                reason: ETL load
                match: {resource: "etl-*"}
                schedule:
                  cron: "30 1 * * 1-5"
                  duration: 90m
                  until: 2026-01-31 00:00
                """);
        // 01:30 New York (EST, -05:00) on weekdays
        assertThat(w.occurrenceAt(at("2026-01-05T06:30:00Z"))).contains(
                new Occurrence(at("2026-01-05T06:30:00Z"), at("2026-01-05T08:00:00Z")));
        assertThat(w.occurrenceAt(at("2026-01-05T08:00:00Z"))).isEmpty();
        assertThat(w.occurrenceAt(at("2026-01-10T06:30:00Z"))).as("Saturday").isEmpty();
        assertThat(w.occurrenceAt(at("2026-01-30T07:00:00Z"))).as("Friday before until").isPresent();
        assertThat(w.occurrenceAt(at("2026-02-02T07:00:00Z"))).as("after until").isEmpty();
        assertThat(w.schedule().text()).isEqualTo(
                "cron '30 1 * * 1-5' for 1h30m (America/New_York) until 2026-01-31T00:00:00-05:00");
    }

    @Test
    void overlappingOccurrencesReportTheOneThatEndsLast() {
        Window w = window(dir, """
                id: hourly-long
                tenant: initech
                reason: load test
                match: {host: lt1}
                schedule: {cron: "0 * * * *", duration: 90m}
                """);
        assertThat(w.occurrenceAt(at("2026-01-05T10:15:00Z"))).contains(
                new Occurrence(at("2026-01-05T10:00:00Z"), at("2026-01-05T11:30:00Z")));
        assertThat(w.schedule().nextChange(at("2026-01-05T10:15:00Z"))).contains(at("2026-01-05T10:30:00Z"));
    }
}
