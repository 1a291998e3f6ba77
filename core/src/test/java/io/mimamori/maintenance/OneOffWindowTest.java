package io.mimamori.maintenance;

import static io.mimamori.maintenance.Fixtures.at;
import static io.mimamori.maintenance.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneOffWindowTest {
    @TempDir
    Path dir;

    @Test
    void activeFromStartInclusiveToEndExclusive() {
        Window w = window(dir, """
                id: db-upgrade
                tenant: initech
                reason: database upgrade
                match: {host: db1}
                schedule:
                  start: 2026-02-10 22:00
                  end: 2026-02-11 01:00
                """);

        assertThat(w.occurrenceAt(at("2026-02-10T21:59:59.999Z"))).isEmpty();
        assertThat(w.occurrenceAt(at("2026-02-10T22:00:00Z"))).contains(
                new Occurrence(at("2026-02-10T22:00:00Z"), at("2026-02-11T01:00:00Z")));
        assertThat(w.occurrenceAt(at("2026-02-11T00:59:59.999Z"))).isPresent();
        assertThat(w.occurrenceAt(at("2026-02-11T01:00:00Z"))).isEmpty();
    }

    @Test
    void localTimesAreReadInTheTenantsZoneAndInstantsAsGiven() {
        Window local = window(dir, """
                id: berlin-local
                tenant: acme
                ticket: CHG-1
                match: {host: db1}
                schedule: {start: 2026-02-10 22:00, end: 2026-02-10T23:00:00}
                """);
        assertThat(local.occurrenceAt(at("2026-02-10T21:00:00Z"))).contains(
                new Occurrence(at("2026-02-10T21:00:00Z"), at("2026-02-10T22:00:00Z")));

        Window exact = window(dir, """
                id: berlin-exact
                tenant: acme
                ticket: CHG-2
                match: {host: db1}
                schedule: {start: "2026-02-10T22:00:00Z", end: "2026-02-10T23:30+01:00"}
                """);
        assertThat(exact.occurrenceAt(at("2026-02-10T22:00:00Z"))).contains(
                new Occurrence(at("2026-02-10T22:00:00Z"), at("2026-02-10T22:30:00Z")));
    }

    @Test
    void aWindowsOwnTimezoneWinsOverTheTenants() {
        Window w = window(dir, """
                id: tokyo-dc
                tenant: acme
                reason: Tokyo data-centre power work
                timezone: Asia/Tokyo
                match: {host: "tky-*"}
                schedule: {start: 2026-02-10 09:00, end: 2026-02-10 10:00}
                """);
        assertThat(w.zone().getId()).isEqualTo("Asia/Tokyo");
        assertThat(w.occurrenceAt(at("2026-02-10T00:00:00Z"))).isPresent();
        assertThat(w.occurrenceAt(at("2026-02-10T08:00:00Z"))).isEmpty();
    }

    @Test
    void localTimesAcrossTheSpringForwardInBerlin() {
        // clocks jump from 02:00 CET to 03:00 CEST at 01:00Z on 29 March 2026
        Window w = window(dir, """
                id: night-work
                tenant: acme
                reason: rack move
                match: {host: db1}
                schedule: {start: 2026-03-29 01:00, end: 2026-03-29 04:00}
                """);
        assertThat(w.schedule().length()).isEqualTo(Duration.ofHours(2));
        assertThat(w.occurrenceAt(at("2026-03-29T00:00:00Z"))).contains(
                new Occurrence(at("2026-03-29T00:00:00Z"), at("2026-03-29T02:00:00Z")));

        Window inGap = window(dir, """
                id: gap-start
                tenant: acme
                reason: rack move
                match: {host: db1}
                schedule: {start: 2026-03-29 02:30, end: 2026-03-29 05:00}
                """);
        // 02:30 does not exist that night: it moves forward by the hour the clocks jumped, to 03:30 CEST
        assertThat(inGap.occurrenceAt(at("2026-03-29T01:29:59Z"))).isEmpty();
        assertThat(inGap.occurrenceAt(at("2026-03-29T01:30:00Z"))).contains(
                new Occurrence(at("2026-03-29T01:30:00Z"), at("2026-03-29T03:00:00Z")));
    }

    @Test
    void localTimesAcrossTheFallBackInBerlin() {
        // clocks go back from 03:00 CEST to 02:00 CET at 01:00Z on 25 October 2026: 02:00-02:59 happens twice
        Window first = window(dir, """
                id: ambiguous
                tenant: acme
                reason: firmware
                match: {host: db1}
                schedule: {start: 2026-10-25 02:15, end: 2026-10-25 02:45}
                """);
        assertThat(first.occurrenceAt(at("2026-10-25T00:15:00Z"))).contains(
                new Occurrence(at("2026-10-25T00:15:00Z"), at("2026-10-25T00:45:00Z")));
        assertThat(first.occurrenceAt(at("2026-10-25T01:15:00Z"))).isEmpty();

        Window second = window(dir, """
                id: second-pass
                tenant: acme
                reason: firmware
                match: {host: db1}
                schedule: {start: "2026-10-25T02:15+01:00", end: "2026-10-25T02:45+01:00"}
                """);
        assertThat(second.occurrenceAt(at("2026-10-25T01:15:00Z"))).isPresent();
        assertThat(second.occurrenceAt(at("2026-10-25T00:15:00Z"))).isEmpty();

        Window across = window(dir, """
                id: across
                tenant: acme
                reason: firmware
                match: {host: db1}
                schedule: {start: 2026-10-25 01:00, end: 2026-10-25 04:00}
                """);
        assertThat(across.schedule().length()).isEqualTo(Duration.ofHours(4));
    }
}
