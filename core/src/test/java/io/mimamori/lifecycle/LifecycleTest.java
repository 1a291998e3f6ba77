package io.mimamori.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertSource;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.pipeline.AlertCompleter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lifecycle's rules over simulated time, each as an operator would see them: what is notified and what the alert says. */
class LifecycleTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final SimulatedClock clock = new SimulatedClock(T0);
    private final MemoryConditions store = new MemoryConditions();
    private final AlertCompleter completer = new AlertCompleter("acme", "dc1", clock);

    private Lifecycle lifecycle(LifecycleSettings s, MaintenanceGate gate) {
        return new Lifecycle(s, store, gate, completer::complete, clock);
    }

    private Lifecycle lifecycle() {
        return lifecycle(LifecycleSettings.defaults(), MaintenanceGate.NONE);
    }

    private Alert.Builder draft(String resource, Status status) {
        return Alert.builder().status(status).severity(Severity.MAJOR).event("fan-failure").resource(resource)
                .dedupKey("fan/" + resource).summary("fan " + resource + " " + status.wire())
                .source(new AlertSource("snmp-trap-source", "snmp", null, clock.instant(), null));
    }

    private Alert occurrence(String resource, Status status) {
        return completer.complete(draft(resource, status).build());
    }

    /** An occurrence the sender stamped at {@code sentAt}. */
    private Alert stamped(String resource, Status status, Instant sentAt) {
        return completer.complete(draft(resource, status)
                .source(new AlertSource("syslog-source", "syslog", null, clock.instant(), sentAt)).build());
    }

    private static Outcome only(List<Outcome> outcomes) {
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }

    @Test
    void repeatsRaiseOccurrencesAndLastSeenButAreNotSentAgain() {
        Lifecycle lc = lifecycle();
        Outcome first = only(lc.onAlert(occurrence("fan1", Status.FIRING)));
        clock.advance(Duration.ofMinutes(1));
        Outcome second = only(lc.onAlert(occurrence("fan1", Status.FIRING)));
        clock.advance(Duration.ofMinutes(1));
        Outcome third = only(lc.onAlert(occurrence("fan1", Status.FIRING)));

        assertThat(first.notified()).isTrue();
        assertThat(second.notified()).isFalse();
        assertThat(second.reason()).isEqualTo(Outcome.DUPLICATE);
        assertThat(third.reason()).isEqualTo(Outcome.DUPLICATE);
        assertThat(third.alert().occurrences()).isEqualTo(3);
        assertThat(third.alert().firstSeenAt()).isEqualTo(T0);
        assertThat(third.alert().lastSeenAt()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
    }

    @Test
    void aMoreUrgentRepeatIsSentALessUrgentOneIsNot() {
        Lifecycle lc = lifecycle();
        lc.onAlert(completer.complete(draft("psu1", Status.FIRING).severity(Severity.MINOR).build()));
        Outcome worse = only(lc.onAlert(completer.complete(draft("psu1", Status.FIRING).severity(Severity.CRITICAL).build())));
        Outcome milder = only(lc.onAlert(completer.complete(draft("psu1", Status.FIRING).severity(Severity.MINOR).build())));

        assertThat(worse.notified()).isTrue();
        assertThat(worse.alert().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(worse.alert().occurrences()).isEqualTo(2);
        assertThat(milder.reason()).isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void theRoutesRenotifyIntervalSendsAStillFiringConditionAgain() {
        Lifecycle lc = lifecycle(LifecycleSettings.defaults().withRenotify(Duration.ZERO, Map.of("snmp", Duration.ofHours(1))),
                MaintenanceGate.NONE);
        lc.onAlert(occurrence("fan1", Status.FIRING));
        clock.advance(Duration.ofMinutes(59));
        assertThat(only(lc.onAlert(occurrence("fan1", Status.FIRING))).notified()).isFalse();
        clock.advance(Duration.ofMinutes(1));
        Outcome again = only(lc.onAlert(occurrence("fan1", Status.FIRING)));
        assertThat(again.notified()).isTrue();
        assertThat(again.alert().occurrences()).isEqualTo(3);
        clock.advance(Duration.ofMinutes(1));
        assertThat(only(lc.onAlert(occurrence("fan1", Status.FIRING))).notified()).as("the interval restarts").isFalse();
    }

    @Test
    void aClearEndsTheEpisodeAndTheNextProblemStartsAFreshOne() {
        Lifecycle lc = lifecycle();
        lc.onAlert(occurrence("fan1", Status.FIRING));
        lc.onAlert(occurrence("fan1", Status.FIRING));
        clock.advance(Duration.ofMinutes(5));
        Outcome clear = only(lc.onAlert(occurrence("fan1", Status.RESOLVED)));
        Outcome again = only(lc.onAlert(occurrence("fan1", Status.RESOLVED)));
        clock.advance(Duration.ofMinutes(5));
        Outcome next = only(lc.onAlert(occurrence("fan1", Status.FIRING)));

        assertThat(clear.notified()).isTrue();
        assertThat(clear.alert().status()).isEqualTo(Status.RESOLVED);
        assertThat(again.notified()).isFalse();
        assertThat(again.reason()).isEqualTo(Outcome.CLEAR_WITHOUT_PROBLEM);
        assertThat(next.notified()).isTrue();
        assertThat(next.alert().occurrences()).isEqualTo(1);
        assertThat(next.alert().firstSeenAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void aProblemThatArrivesAfterItsOwnClearIsAlreadyOver() {
        Lifecycle lc = lifecycle();
        clock.advance(Duration.ofSeconds(10));
        Outcome clear = only(lc.onAlert(stamped("disk1", Status.RESOLVED, T0.plusSeconds(5))));
        clock.advance(Duration.ofSeconds(1));
        Outcome late = only(lc.onAlert(stamped("disk1", Status.FIRING, T0)));

        assertThat(clear.reason()).isEqualTo(Outcome.CLEAR_WITHOUT_PROBLEM);
        assertThat(late.notified()).isFalse();
        assertThat(late.reason()).isEqualTo(Outcome.CLEARED_BEFORE_PROBLEM);
        assertThat(store.find(late.alert().fingerprint()).status()).isEqualTo(Status.RESOLVED);
    }

    @Test
    void aProblemSentAfterTheClearOrWithoutATimestampIsNews() {
        Lifecycle lc = lifecycle();
        lc.onAlert(stamped("disk2", Status.RESOLVED, T0));
        assertThat(only(lc.onAlert(stamped("disk2", Status.FIRING, T0.plusSeconds(1)))).notified())
                .as("sent after the clear").isTrue();

        lc.onAlert(stamped("disk3", Status.RESOLVED, T0.plusSeconds(5)));
        assertThat(only(lc.onAlert(occurrence("disk3", Status.FIRING))).notified())
                .as("no sender time: arrival order stands").isTrue();

        lc.onAlert(stamped("disk4", Status.RESOLVED, T0.plusSeconds(5)));
        clock.advance(Duration.ofMinutes(11));
        assertThat(only(lc.onAlert(stamped("disk4", Status.FIRING, T0))).notified())
                .as("the clear is forgotten after earlyClearGrace").isTrue();
    }

    @Test
    void aOneShotEventResolvesItselfAfterItsTimeoutWithoutRepeat() {
        Lifecycle lc = lifecycle();
        lc.onAlert(completer.complete(draft("oom", Status.FIRING).timeoutSeconds(300).build()));
        clock.advance(Duration.ofSeconds(200));
        lc.onAlert(completer.complete(draft("oom", Status.FIRING).timeoutSeconds(300).build()));
        clock.advance(Duration.ofSeconds(299));
        assertThat(lc.tick()).as("a repeat restarts the timeout").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        Outcome resolved = only(lc.tick());

        assertThat(resolved.notified()).isTrue();
        assertThat(resolved.alert().status()).isEqualTo(Status.RESOLVED);
        assertThat(resolved.alert().occurrences()).isEqualTo(2);
        assertThat(resolved.alert().details().get("lifecycle")).isEqualTo("auto-resolved: no repeat within 300 s");
        assertThat(resolved.alert().fingerprint()).isEqualTo(occurrence("oom", Status.FIRING).fingerprint());
        assertThat(lc.tick()).isEmpty();
        assertThat(only(lc.onAlert(occurrence("oom", Status.RESOLVED))).notified()).as("already resolved").isFalse();
    }

    @Test
    void aFlappingConditionIsHeldUntilStableThenOneNotificationStatesTheOutcome() {
        Lifecycle lc = lifecycle();
        Status s = Status.FIRING;
        for (int i = 0; i < 4; i++) {
            assertThat(only(lc.onAlert(occurrence("eth0", s))).notified()).as("change %d", i + 1).isTrue();
            s = s == Status.FIRING ? Status.RESOLVED : Status.FIRING;
            clock.advance(Duration.ofMinutes(1));
        }
        for (int i = 0; i < 5; i++) {
            Outcome o = only(lc.onAlert(occurrence("eth0", s)));
            assertThat(o.reason()).as("change %d", i + 5).isEqualTo(Outcome.FLAPPING);
            s = s == Status.FIRING ? Status.RESOLVED : Status.FIRING;
            clock.advance(Duration.ofMinutes(1));
        }
        // the last change (a firing) was 1 minute ago; it settles 10 minutes after it
        clock.advance(Duration.ofMinutes(8));
        assertThat(lc.tick()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        Outcome settled = only(lc.tick());
        assertThat(settled.notified()).isTrue();
        assertThat(settled.alert().status()).isEqualTo(Status.FIRING);
        assertThat(settled.alert().details().get("lifecycle")).isEqualTo("settled after flapping");
        assertThat(lc.tick()).isEmpty();
        assertThat(only(lc.onAlert(occurrence("eth0", Status.RESOLVED))).notified())
                .as("after settling, changes are notified again").isTrue();
    }

    @Test
    void aFlappingConditionThatSettlesResolvedSendsTheResolveOnlyIfTheSinksLastHeardFiring() {
        Lifecycle lc = lifecycle(LifecycleSettings.defaults().withFlap(4, Duration.ofMinutes(15), Duration.ofMinutes(10)),
                MaintenanceGate.NONE);
        // firing, resolved, firing are sent; the fourth change (a resolve) starts the flapping and is held
        lc.onAlert(occurrence("eth1", Status.FIRING));
        lc.onAlert(occurrence("eth1", Status.RESOLVED));
        lc.onAlert(occurrence("eth1", Status.FIRING));
        assertThat(only(lc.onAlert(occurrence("eth1", Status.RESOLVED))).reason()).isEqualTo(Outcome.FLAPPING);
        clock.advance(Duration.ofMinutes(10));
        Outcome settled = only(lc.tick());
        assertThat(settled.notified()).isTrue();
        assertThat(settled.alert().status()).isEqualTo(Status.RESOLVED);

        // the sinks last heard "resolved" before this flapping began: settling resolved tells them nothing new
        lc.onAlert(occurrence("eth2", Status.FIRING));
        clock.advance(Duration.ofMinutes(20));   // that first change has left the 15-minute window
        for (Status s : List.of(Status.RESOLVED, Status.FIRING, Status.RESOLVED)) {
            assertThat(only(lc.onAlert(occurrence("eth2", s))).notified()).isTrue();
        }
        assertThat(only(lc.onAlert(occurrence("eth2", Status.FIRING))).reason()).isEqualTo(Outcome.FLAPPING);
        assertThat(only(lc.onAlert(occurrence("eth2", Status.RESOLVED))).reason()).isEqualTo(Outcome.FLAPPING);
        clock.advance(Duration.ofMinutes(10));
        assertThat(lc.tick()).isEmpty();
    }

    /** A window holding resource db1 from 10:30 to 11:30. */
    private static final class Window implements MaintenanceGate {
        final Instant from = T0.plus(Duration.ofMinutes(30));
        final Instant to = T0.plus(Duration.ofMinutes(90));

        @Override
        public String windowFor(Alert alert, Instant at) {
            return "db1".equals(alert.resource()) && !at.isBefore(from) && at.isBefore(to) ? "patch-db1" : null;
        }

        @Override
        public Instant nextChange(Instant after) {
            return after.isBefore(from) ? from : after.isBefore(to) ? to : null;
        }
    }

    @Test
    void firingInsideAWindowIsHeldCountedAndSentWhenTheWindowEndsIfStillFiring() {
        Lifecycle lc = lifecycle(LifecycleSettings.defaults(), new Window());
        clock.advance(Duration.ofMinutes(40));
        Outcome held = only(lc.onAlert(occurrence("db1", Status.FIRING)));
        Outcome other = only(lc.onAlert(occurrence("db2", Status.FIRING)));
        clock.advance(Duration.ofMinutes(10));
        Outcome repeat = only(lc.onAlert(occurrence("db1", Status.FIRING)));
        assertThat(lc.tick()).isEmpty();

        assertThat(held.reason()).isEqualTo(Outcome.MAINTENANCE);
        assertThat(repeat.reason()).isEqualTo(Outcome.MAINTENANCE);
        assertThat(other.notified()).as("the window matches db1 only").isTrue();
        assertThat(store.find(held.alert().fingerprint()).heldBy()).isEqualTo("patch-db1");

        clock.advance(Duration.ofMinutes(40));   // 11:30, the window's end
        Outcome released = only(lc.tick());
        assertThat(released.notified()).isTrue();
        assertThat(released.alert().resource()).isEqualTo("db1");
        assertThat(released.alert().occurrences()).isEqualTo(2);
        assertThat(store.find(held.alert().fingerprint()).heldBy()).isNull();
    }

    @Test
    void aClearInsideAWindowPassesIfItsTriggerWasSentAndIsDroppedIfNot() {
        Lifecycle lc = lifecycle(LifecycleSettings.defaults(), new Window());
        lc.onAlert(occurrence("db1", Status.FIRING));                          // 10:00, before the window: sent
        clock.advance(Duration.ofMinutes(40));
        Outcome clear = only(lc.onAlert(occurrence("db1", Status.RESOLVED)));  // 10:40, inside
        clock.advance(Duration.ofMinutes(1));
        Outcome heldFire = only(lc.onAlert(occurrence("db1", Status.FIRING)));
        clock.advance(Duration.ofMinutes(1));
        Outcome heldClear = only(lc.onAlert(occurrence("db1", Status.RESOLVED)));
        clock.advance(Duration.ofMinutes(60));

        assertThat(clear.notified()).as("resolved alerts always pass").isTrue();
        assertThat(heldFire.reason()).isEqualTo(Outcome.MAINTENANCE);
        assertThat(heldClear.reason()).as("its trigger was never sent").isEqualTo(Outcome.NEVER_NOTIFIED);
        assertThat(lc.tick()).as("nothing fires when the window ends").isEmpty();
    }

    @Test
    void aSilentSourceRaisesOneAlertAndResolvesItWhenTrafficReturns() {
        Lifecycle lc = lifecycle(LifecycleSettings.defaults().withSilentAfter(Map.of("snmp", Duration.ofMinutes(30))),
                MaintenanceGate.NONE);
        lc.onAlert(occurrence("fan1", Status.FIRING));
        clock.advance(Duration.ofMinutes(29));
        assertThat(lc.tick()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        Outcome silent = only(lc.tick());
        clock.advance(Duration.ofMinutes(5));
        assertThat(lc.tick()).as("raised once").isEmpty();

        assertThat(silent.notified()).isTrue();
        assertThat(silent.alert().event()).isEqualTo(Lifecycle.SILENT_EVENT);
        assertThat(silent.alert().tenant()).isEqualTo("acme");
        assertThat(silent.alert().resource()).isEqualTo("snmp");
        assertThat(silent.alert().summary()).startsWith("No input on snmp for 30 min");

        List<Outcome> back = lc.onAlert(occurrence("fan2", Status.FIRING));
        assertThat(back).hasSize(2);
        assertThat(back.get(1).notified()).isTrue();
        assertThat(back.get(1).alert().status()).isEqualTo(Status.RESOLVED);
        assertThat(back.get(1).alert().fingerprint()).isEqualTo(silent.alert().fingerprint());
    }

    @Test
    void aPolledQueueIsNotSilentAndItsReportResolvesARaisedSilence() {
        Lifecycle lc = lifecycle(LifecycleSettings.defaults().withSilentAfter(Map.of("sqs", Duration.ofMinutes(30))),
                MaintenanceGate.NONE);
        assertThat(lc.sourceActive("acme", "cloudwatch-sqs-source", "sqs")).isEmpty();
        clock.advance(Duration.ofMinutes(20));
        assertThat(lc.sourceActive("acme", "cloudwatch-sqs-source", "sqs")).as("polled, empty").isEmpty();
        clock.advance(Duration.ofMinutes(20));
        assertThat(lc.tick()).as("40 minutes without alarms, but polled 20 minutes ago").isEmpty();
        clock.advance(Duration.ofMinutes(10));
        Outcome silent = only(lc.tick());
        assertThat(silent.alert().summary()).startsWith("No input on sqs for 30 min");
        Outcome back = only(lc.sourceActive("acme", "cloudwatch-sqs-source", "sqs"));
        assertThat(back.notified()).isTrue();
        assertThat(back.alert().status()).isEqualTo(Status.RESOLVED);
        assertThat(back.alert().fingerprint()).isEqualTo(silent.alert().fingerprint());
    }

    @Test
    void theSameDedupKeyInTwoTenantsIsTwoConditions() {
        Lifecycle lc = lifecycle();
        Outcome a = only(lc.onAlert(completer.complete(draft("fan1", Status.FIRING).tenant("acme").build())));
        Outcome b = only(lc.onAlert(completer.complete(draft("fan1", Status.FIRING).tenant("globex").build())));
        assertThat(a.notified()).isTrue();
        assertThat(b.notified()).isTrue();
        assertThat(a.alert().fingerprint()).isNotEqualTo(b.alert().fingerprint());
    }
}
