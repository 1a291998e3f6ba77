package io.mimamori.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertSource;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.lifecycle.Lifecycle;
import io.mimamori.lifecycle.LifecycleSettings;
import io.mimamori.lifecycle.MaintenanceGate;
import io.mimamori.pipeline.AlertCompleter;
import io.mimamori.spi.DeliveryException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox and one sink's delivery loop, with a sink that records what it was given. */
class SinkDeliveryTest {
    @TempDir
    Path data;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AlertCompleter completer = new AlertCompleter("acme", "dc1", Clock.systemUTC());
    private final List<AutoCloseable> open = new ArrayList<>();

    /** What a sink saw: every call's alerts, in call order. */
    private static final class RecordingSink implements SinkDelivery.Deliverer {
        final List<Alert> accepted = Collections.synchronizedList(new ArrayList<>());
        final List<Long> callTimes = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger calls = new AtomicInteger();
        volatile java.util.function.Function<Alert, DeliveryException> verdict = a -> null;

        @Override
        public void deliver(List<SinkDelivery.Entry> batch) {
            calls.incrementAndGet();
            callTimes.add(System.nanoTime());
            for (SinkDelivery.Entry e : batch) {
                DeliveryException d = verdict.apply(e.alert());
                if (d != null) {
                    throw d;
                }
            }
            batch.forEach(e -> accepted.add(e.alert()));
        }
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** An outbox whose lifecycle notifies every state change: these tests are about delivery, not flap detection. */
    private Outbox outbox() throws Exception {
        LifecycleSettings noFlapping = LifecycleSettings.defaults().withFlap(0, Duration.ZERO, Duration.ZERO);
        Outbox o = Outbox.open(data, new OutboxSettings(true, 100_000, Duration.ofHours(1), Duration.ofDays(1),
                Duration.ofMinutes(1)), Clock.systemUTC(), noFlapping,
                store -> new Lifecycle(noFlapping, store, MaintenanceGate.NONE, a -> a, Clock.systemUTC()), outcomes -> { });
        open.add(o);
        return o;
    }

    private SinkDelivery start(Outbox o, SinkSpec spec, RecordingSink sink) throws Exception {
        SinkDelivery d = SinkDelivery.start(o, spec, sink, new DeliveryMetrics(registry, spec.name()));
        open.add(d);
        return d;
    }

    private Alert alert(String resource, Status status, String tenant, Severity severity) {
        return completer.complete(Alert.builder().tenant(tenant).status(status).severity(severity).event("link-down")
                .resource(resource).dedupKey("link/" + resource).summary(resource + " " + status.wire())
                .source(new AlertSource("test", "r", null, Instant.now(), null)).build());
    }

    private Alert alert(String resource, Status status) {
        return alert(resource, status, "acme", Severity.MAJOR);
    }

    private static void commit(Outbox o, Alert... alerts) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        assertThat(o.commit(List.of(alerts), e -> {
            if (e == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(e);
            }
        })).isTrue();
        done.get(10, TimeUnit.SECONDS);
    }

    private static SinkSpec spec(String name) {
        return SinkSpec.of(name);
    }

    private static SinkSpec fast(String name) {
        SinkSpec s = SinkSpec.of(name);
        return new SinkSpec(s.name(), s.tenants(), s.minSeverity(), s.batchSize(), s.concurrency(), s.supersede(),
                Duration.ofMillis(50), Duration.ofMillis(200), 1000, Duration.ofSeconds(1), null, s.fallbackAfter(),
                false, null, s.degradedAfter());
    }

    private double counter(String name, String sink) {
        return registry.get("mimamori.delivery." + name).tag("sink", sink).counter().count();
    }

    @Test
    void everyCommittedAlertIsDeliveredOnceAndMarkedDone() throws Exception {
        Outbox o = outbox();
        RecordingSink sink = new RecordingSink();
        SinkDelivery d = start(o, spec("pd"), sink);
        for (int i = 0; i < 50; i++) {
            commit(o, alert("eth" + i, Status.FIRING));
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> sink.accepted.size() == 50);
        await().atMost(5, TimeUnit.SECONDS).until(() -> counter("delivered", "pd") == 50);
        assertThat(sink.accepted).extracting(Alert::resource).doesNotHaveDuplicates().hasSize(50);
        await().atMost(5, TimeUnit.SECONDS).until(() -> d.pending() == 0);
    }

    @Test
    void whatWasNotDeliveredBeforeAStopIsDeliveredAfterARestart() throws Exception {
        Outbox first = Outbox.open(data, OutboxSettings.defaults(), Clock.systemUTC(), a -> { });
        RecordingSink down = new RecordingSink();
        down.verdict = a -> DeliveryException.retry("connection refused", null, 0);
        SinkDelivery d1 = SinkDelivery.start(first, fast("webhook"), down, new DeliveryMetrics(registry, "webhook"));
        for (int i = 0; i < 20; i++) {
            commit(first, alert("disk" + i, Status.FIRING));
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> down.calls.get() >= 3);
        d1.close();
        first.close();

        Outbox second = outbox();
        RecordingSink up = new RecordingSink();
        start(second, fast("webhook"), up);
        await().atMost(10, TimeUnit.SECONDS).until(() -> up.accepted.size() == 20);
        assertThat(up.accepted).extracting(Alert::resource).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, 20).mapToObj(i -> "disk" + i).toList());
        assertThat(down.accepted).isEmpty();
    }

    @Test
    void aResolveIsNeverDeliveredBeforeItsTriggerEvenWhenTheTriggerNeedsRetries() throws Exception {
        Outbox o = outbox();
        RecordingSink sink = new RecordingSink();
        AtomicInteger triggerTries = new AtomicInteger();
        sink.verdict = a -> a.resource().equals("eth0") && a.status() == Status.FIRING && triggerTries.incrementAndGet() <= 3
                ? DeliveryException.retry("HTTP 503", null, 503) : null;
        start(o, fast("pd"), sink);
        commit(o, alert("eth0", Status.FIRING), alert("eth1", Status.FIRING));
        commit(o, alert("eth0", Status.RESOLVED), alert("eth1", Status.RESOLVED));
        await().atMost(10, TimeUnit.SECONDS).until(() -> sink.accepted.size() == 4);
        List<String> eth0 = sink.accepted.stream().filter(a -> a.resource().equals("eth0")).map(a -> a.status().wire()).toList();
        assertThat(eth0).containsExactly("firing", "resolved");
        assertThat(triggerTries.get()).isEqualTo(4);
        // the other condition did not wait for eth0's retries
        assertThat(sink.accepted.indexOf(sink.accepted.stream().filter(a -> a.resource().equals("eth1")
                && a.status() == Status.RESOLVED).findFirst().orElseThrow()))
                .isLessThan(sink.accepted.indexOf(sink.accepted.stream().filter(a -> a.resource().equals("eth0")
                        && a.status() == Status.FIRING).findFirst().orElseThrow()));
        assertThat(counter("retried", "pd")).isEqualTo(3);
    }

    @Test
    void retryAfterFromTheSinkIsHonoured() throws Exception {
        Outbox o = outbox();
        RecordingSink sink = new RecordingSink();
        AtomicInteger tries = new AtomicInteger();
        sink.verdict = a -> tries.incrementAndGet() == 1 ? DeliveryException.retry("HTTP 429", Duration.ofSeconds(2), 429) : null;
        start(o, fast("pd"), sink);
        commit(o, alert("eth0", Status.FIRING));
        await().atMost(10, TimeUnit.SECONDS).until(() -> sink.accepted.size() == 1);
        long gap = sink.callTimes.get(1) - sink.callTimes.get(0);
        assertThat(Duration.ofNanos(gap)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void aRejectedAlertGoesToTheDeadLetterStoreAndReplaysAfterAFix() throws Exception {
        Outbox o = outbox();
        RecordingSink sink = new RecordingSink();
        sink.verdict = a -> a.resource().equals("bad") ? DeliveryException.rejected("HTTP 400: Event object is invalid", 400) : null;
        start(o, fast("pd"), sink);
        commit(o, alert("bad", Status.FIRING), alert("good", Status.FIRING));
        await().atMost(10, TimeUnit.SECONDS).until(() -> DeadLetters.list(data, "pd").size() == 1);
        var dead = DeadLetters.list(data, null).get(0);
        assertThat(dead.sink()).isEqualTo("pd");
        assertThat(dead.reason()).isEqualTo("HTTP 400: Event object is invalid");
        assertThat(dead.tenant()).isEqualTo("acme");
        assertThat(DeadLetters.alertJson(data, dead.id())).contains("\"resource\":\"bad\"");
        assertThat(sink.accepted).extracting(Alert::resource).containsExactly("good");
        assertThat(counter("dead_lettered", "pd")).isEqualTo(1);

        sink.verdict = a -> null;   // the sink's configuration was fixed
        assertThat(DeadLetters.replay(data, List.of(dead.id()), null, Instant.now())).isEqualTo(1);
        await().atMost(10, TimeUnit.SECONDS).until(() -> sink.accepted.size() == 2);
        assertThat(sink.accepted.get(1).resource()).isEqualTo("bad");
        assertThat(DeadLetters.list(data, null)).isEmpty();
    }

    @Test
    void replayingARejectedTriggerAlsoSendsTheConditionsLaterStateAfterIt() throws Exception {
        Outbox o = outbox();
        RecordingSink sink = new RecordingSink();
        sink.verdict = a -> a.status() == Status.FIRING ? DeliveryException.rejected("HTTP 400", 400) : null;
        start(o, fast("pd"), sink);
        commit(o, alert("eth0", Status.FIRING));
        commit(o, alert("eth0", Status.RESOLVED));
        await().atMost(10, TimeUnit.SECONDS).until(() -> sink.accepted.size() == 1);
        sink.verdict = a -> null;
        DeadLetters.replay(data, List.of(), "pd", Instant.now());
        await().atMost(10, TimeUnit.SECONDS).until(() -> sink.accepted.size() == 3);
        assertThat(sink.accepted).extracting(a -> a.status().wire()).containsExactly("resolved", "firing", "resolved");
    }

    @Test
    void theCircuitBreakerStopsCallsWhileOpenAndOneTrialClosesIt() throws Exception {
        Outbox o = outbox();
        RecordingSink sink = new RecordingSink();
        AtomicInteger failing = new AtomicInteger(1);
        sink.verdict = a -> failing.get() == 1 ? DeliveryException.retry("HTTP 502", null, 502) : null;
        SinkSpec s = SinkSpec.of("am");
        SinkSpec spec = new SinkSpec("am", Set.of(), null, 1, 1, false, Duration.ofMillis(10), Duration.ofMillis(20),
                3, Duration.ofSeconds(2), null, s.fallbackAfter(), false, null, s.degradedAfter());
        SinkDelivery d = start(o, spec, sink);
        for (int i = 0; i < 10; i++) {
            commit(o, alert("psu" + i, Status.FIRING));
        }
        await().atMost(5, TimeUnit.SECONDS).until(d::breakerOpen);
        int callsWhenOpened = sink.calls.get();
        assertThat(callsWhenOpened).isEqualTo(3);
        assertThat(d.degraded()).isTrue();
        Thread.sleep(1000);
        assertThat(sink.calls.get()).isEqualTo(callsWhenOpened);   // nothing is sent while open
        failing.set(0);
        await().atMost(10, TimeUnit.SECONDS).until(() -> sink.accepted.size() == 10);
        assertThat(d.breakerOpen()).isFalse();
        await().atMost(3, TimeUnit.SECONDS).until(() -> !d.degraded());
    }

    @Test
    void aNewerStateSupersedesUndeliveredOlderOnesWhereTheSinkAllowsIt() throws Exception {
        Outbox o = outbox();
        RecordingSink sink = new RecordingSink();
        AtomicInteger down = new AtomicInteger(1);
        sink.verdict = a -> down.get() == 1 ? DeliveryException.retry("down", null, 0) : null;
        SinkSpec s = fast("am");
        SinkSpec spec = new SinkSpec("am", Set.of(), null, 1, 1, true, Duration.ofMillis(300), Duration.ofMillis(300),
                1000, s.breakerOpenFor(), null, s.fallbackAfter(), false, null, s.degradedAfter());
        start(o, spec, sink);
        commit(o, alert("fan1", Status.FIRING));
        await().atMost(5, TimeUnit.SECONDS).until(() -> sink.calls.get() >= 1);
        commit(o, alert("fan1", Status.RESOLVED));
        Alert newest = alert("fan1", Status.FIRING);
        commit(o, newest);
        down.set(0);
        await().atMost(10, TimeUnit.SECONDS).until(() -> !sink.accepted.isEmpty()
                && sink.accepted.get(sink.accepted.size() - 1).id().equals(newest.id()));
        Thread.sleep(500);
        // the sink ends on the newest state, and at least one older undelivered state was never sent
        assertThat(sink.accepted.get(sink.accepted.size() - 1).id()).isEqualTo(newest.id());
        assertThat(counter("superseded", "am")).isGreaterThanOrEqualTo(1);
        assertThat(sink.accepted.size() + counter("superseded", "am")).isEqualTo(3);
    }

    @Test
    void tenantAndSeverityFiltersChooseWhatASinkGets() throws Exception {
        Outbox o = outbox();
        RecordingSink sink = new RecordingSink();
        SinkSpec s = fast("acme-pd");
        SinkSpec spec = new SinkSpec("acme-pd", Set.of("acme"), Severity.MAJOR, 1, 1, false, s.retryInitial(),
                s.retryMax(), 5, s.breakerOpenFor(), null, s.fallbackAfter(), false, null, s.degradedAfter());
        start(o, spec, sink);
        commit(o, alert("a", Status.FIRING, "acme", Severity.CRITICAL), alert("b", Status.FIRING, "acme", Severity.MINOR),
                alert("c", Status.FIRING, "globex", Severity.CRITICAL), alert("d", Status.FIRING, "acme", Severity.MAJOR));
        await().atMost(10, TimeUnit.SECONDS).until(() -> sink.accepted.size() == 2);
        Thread.sleep(300);
        assertThat(sink.accepted).extracting(Alert::resource).containsExactly("a", "d");
    }

    @Test
    void afterFailingForTheConfiguredTimeTheFallbackSinkGetsTheAlertToo() throws Exception {
        Outbox o = outbox();
        RecordingSink primary = new RecordingSink();
        primary.verdict = a -> DeliveryException.retry("HTTP 503", null, 503);
        RecordingSink fallback = new RecordingSink();
        SinkSpec s = fast("pd");
        start(o, new SinkSpec("pd", Set.of(), null, 1, 1, false, s.retryInitial(), s.retryMax(), 1000,
                s.breakerOpenFor(), "mail", Duration.ofSeconds(1), false, null, s.degradedAfter()), primary);
        start(o, new SinkSpec("mail", Set.of(), null, 1, 1, false, s.retryInitial(), s.retryMax(), 1000,
                s.breakerOpenFor(), null, s.fallbackAfter(), true, null, s.degradedAfter()), fallback);
        commit(o, alert("ups1", Status.FIRING));
        await().atMost(10, TimeUnit.SECONDS).until(() -> fallback.accepted.size() == 1);
        assertThat(fallback.accepted.get(0).resource()).isEqualTo("ups1");
        Thread.sleep(1500);
        assertThat(fallback.accepted).hasSize(1);      // handed over once, not on every round
        assertThat(counter("fallback", "pd")).isEqualTo(1);
    }

    @Test
    void firingConditionsAreSentAgainOnTheResendIntervalAndResolvedOnesAreNot() throws Exception {
        Outbox o = outbox();
        RecordingSink sink = new RecordingSink();
        SinkSpec s = fast("am");
        start(o, new SinkSpec("am", Set.of(), null, 1, 1, false, s.retryInitial(), s.retryMax(), 1000,
                s.breakerOpenFor(), null, s.fallbackAfter(), false, Duration.ofMillis(500), s.degradedAfter()), sink);
        commit(o, alert("fan1", Status.FIRING), alert("fan2", Status.FIRING));
        commit(o, alert("fan2", Status.RESOLVED));
        await().atMost(10, TimeUnit.SECONDS).until(() -> sink.accepted.stream().filter(a -> a.resource().equals("fan1")).count() >= 3);
        assertThat(sink.accepted.stream().filter(a -> a.resource().equals("fan2")).map(a -> a.status().wire()))
                .containsExactly("firing", "resolved");
    }

    @Test
    void manyConditionsWithConcurrencyAndTransientFailuresAllArriveInOrderPerCondition() throws Exception {
        Outbox o = outbox();
        RecordingSink sink = new RecordingSink();
        sink.verdict = a -> ThreadLocalRandom.current().nextInt(10) == 0 ? DeliveryException.retry("flaky", null, 500) : null;
        SinkSpec s = fast("wh");
        start(o, new SinkSpec("wh", Set.of(), null, 5, 4, false, Duration.ofMillis(5), Duration.ofMillis(20), 1000,
                s.breakerOpenFor(), null, s.fallbackAfter(), false, null, s.degradedAfter()), sink);
        Map<String, List<Long>> sent = new LinkedHashMap<>();
        for (int round = 0; round < 20; round++) {
            List<Alert> batch = new ArrayList<>();
            for (int k = 0; k < 25; k++) {
                Alert a = alert("if" + k, round % 2 == 0 ? Status.FIRING : Status.RESOLVED);
                batch.add(a.toBuilder().detail("round", round).build());
                sent.computeIfAbsent("if" + k, x -> new ArrayList<>()).add((long) round);
            }
            commit(o, batch.toArray(Alert[]::new));
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> distinctIds(sink) == 500);
        Map<String, List<Long>> seen = new ConcurrentHashMap<>();
        Set<java.util.UUID> ids = ConcurrentHashMap.newKeySet();
        synchronized (sink.accepted) {
            for (Alert a : sink.accepted) {
                if (ids.add(a.id())) {
                    seen.computeIfAbsent(a.resource(), x -> new ArrayList<>()).add(((Number) a.details().get("round")).longValue());
                }
            }
        }
        assertThat(seen).isEqualTo(sent);
    }

    @Test
    void afterAnOutageEveryWaitingAlertIsDeliveredOnceTheSinkIsBack() throws Exception {
        Outbox o = outbox();
        RecordingSink sink = new RecordingSink();
        AtomicInteger down = new AtomicInteger(1);
        sink.verdict = a -> down.get() == 1 ? DeliveryException.retry("connection refused", null, 0) : null;
        SinkSpec s = fast("wh");
        SinkDelivery d = start(o, new SinkSpec("wh", Set.of(), null, 1, 1, false, Duration.ofMillis(200), Duration.ofSeconds(2),
                5, Duration.ofSeconds(2), null, s.fallbackAfter(), false, null, Duration.ofSeconds(1)), sink);
        for (int i = 0; i < 20; i++) {
            List<Alert> batch = new ArrayList<>();
            for (int k = 0; k < 100; k++) {
                batch.add(alert("host" + (i * 100 + k), Status.FIRING));
            }
            commit(o, batch.toArray(Alert[]::new));
        }
        await().atMost(10, TimeUnit.SECONDS).until(d::breakerOpen);
        Thread.sleep(3_000);
        down.set(0);
        long t0 = System.nanoTime();
        await().atMost(30, TimeUnit.SECONDS).until(() -> sink.accepted.size() >= 2_000);
        System.out.printf("outage recovery: 2000 alerts delivered %d ms after the sink came back, %d calls%n",
                (System.nanoTime() - t0) / 1_000_000, sink.calls.get());
        assertThat(sink.accepted).extracting(Alert::resource).doesNotHaveDuplicates().hasSize(2_000);
        await().atMost(5, TimeUnit.SECONDS).until(() -> !d.degraded());
    }

    @Test
    void retentionPrunesDeliveredAlertsAndKeepsWhatIsStillNeeded() throws Exception {
        Outbox o = outbox();
        RecordingSink sink = new RecordingSink();
        SinkDelivery d = start(o, fast("file"), sink);
        commit(o, alert("eth0", Status.FIRING), alert("eth1", Status.FIRING));
        commit(o, alert("eth1", Status.RESOLVED));
        await().atMost(10, TimeUnit.SECONDS).until(() -> sink.accepted.size() == 3);
        await().atMost(5, TimeUnit.SECONDS).until(() -> d.pending() == 0);
        long later = System.currentTimeMillis() + Duration.ofHours(2).toMillis();   // past the 1 h retention
        int removed = SinkDelivery.await(o.write(c -> Retention.prune(c, o.settings(), later, o.lastSeq())));
        assertThat(removed).isPositive();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + o.file());
             var st = c.createStatement()) {
            var r = st.executeQuery("SELECT count(*) FROM delivery");
            r.next();
            assertThat(r.getInt(1)).as("finished deliveries").isZero();
            r = st.executeQuery("SELECT fingerprint, status FROM condition");
            List<String> current = new ArrayList<>();
            while (r.next()) {
                current.add(r.getString(2));
            }
            assertThat(current).as("the firing condition stays, the resolved one goes").containsExactly("firing");
            r = st.executeQuery("SELECT count(*) FROM alert");
            r.next();
            assertThat(r.getInt(1)).as("only the firing condition's latest alert is kept").isEqualTo(1);
        }
        assertThat(o.currentAlerts()).extracting(Alert::resource).containsExactly("eth0");
    }

    private static long distinctIds(RecordingSink sink) {
        synchronized (sink.accepted) {
            return sink.accepted.stream().map(Alert::id).distinct().count();
        }
    }
}
