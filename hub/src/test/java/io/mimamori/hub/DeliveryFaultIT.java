package io.mimamori.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults between the hub and an incident system, with the built distribution, real syslog input
 * and a real HTTP receiver on loopback behind the webhook sink. Each test would fail if an alert
 * the hub accepted were lost.
 */
class DeliveryFaultIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** An HTTP receiver that records every alert id it accepted and can answer with a chosen failure. */
    static final class Receiver implements AutoCloseable {
        final int port;
        final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        final List<Long> requestTimes = Collections.synchronizedList(new ArrayList<>());
        final AtomicReference<String> retryAfter = new AtomicReference<>();
        final Set<String> rejectResources = ConcurrentHashMap.newKeySet();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger failFirst = new AtomicInteger();
        private HttpServer server;

        Receiver(int port) {
            this.port = port;
        }

        Receiver start() throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            server.createContext("/alerts", exchange -> {
                requests.incrementAndGet();
                requestTimes.add(System.nanoTime());
                JsonNode alert = JSON.readTree(exchange.getRequestBody().readAllBytes());
                int status = requests.get() <= failFirst.get() ? 429
                        : rejectResources.contains(alert.path("resource").asText()) ? 400 : 202;
                if (status == 429 && retryAfter.get() != null) {
                    exchange.getResponseHeaders().add("Retry-After", retryAfter.get());
                }
                if (status < 300) {
                    accepted.add(alert.path("id").asText());
                }
                if (status == 400) {
                    byte[] body = "{\"error\":\"resource not allowed\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, body.length);
                    exchange.getResponseBody().write(body);
                } else {
                    // no body: the JDK server's separate header and body writes would add ~60 ms per call
                    exchange.sendResponseHeaders(status, -1);
                }
                exchange.close();
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.start();
            return this;
        }

        void stop() {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }

        Set<String> distinct() {
            synchronized (accepted) {
                return new HashSet<>(accepted);
            }
        }

        @Override
        public void close() {
            stop();
        }
    }

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** The default config and syslog route, plus a webhook delivery route with {@code options}. */
    private Path[] deployment(int receiverPort, String options) throws Exception {
        Path config = tmp.resolve("config");
        Path routes = tmp.resolve("routes");
        HubProcess.copyDefaultDeployment(config, routes);
        Files.writeString(routes.resolve("deliver-webhook.yaml"), """
                - route:
                    id: deliver-webhook
                    from:
                      uri: mimamori-outbox:ops-webhook
                      parameters:
                %s
                      steps:
                        - to:
                            uri: kamelet:webhook-sink
                            parameters:
                              url: "http://127.0.0.1:%d/alerts"
                """.formatted(options.indent(8).stripTrailing(), receiverPort));
        return new Path[] {config, routes};
    }

    private HubProcess start(Path[] d) throws Exception {
        HubProcess hub = HubProcess.start(d[0], d[1], tmp.resolve("data"));
        open.add(hub);
        return hub;
    }

    /** Sends {@code n} distinct critical syslog messages over TCP (octet-counted); each becomes one alert. */
    private static void send(int port, String tag, int from, int n) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16);
            for (int i = from; i < from + n; i++) {
                byte[] b = ("<10>1 2026-12-03T10:00:00Z host" + i + " app 1 - - " + tag + " failure number " + i)
                        .getBytes(StandardCharsets.US_ASCII);
                out.write((b.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.write(b);
            }
            out.flush();
        }
    }

    /** Ids of every alert committed to the outbox, read with plain JDBC from its file. */
    private Set<String> committedIds() throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("data/outbox.db"));
             ResultSet r = c.createStatement().executeQuery("SELECT json FROM alert")) {
            while (r.next()) {
                ids.add(JSON.readTree(r.getBytes(1)).path("id").asText());
            }
        }
        return ids;
    }

    @Test
    void theSinkDownForAMinuteThenBackGetsEveryAlertExactlyOnce() throws Exception {
        Receiver receiver = new Receiver(HubProcess.freePort());
        open.add(receiver);
        HubProcess hub = start(deployment(receiver.port, "retryMax: 5s\nbreakerOpenFor: 5s\ndegradedAfter: 10s"));
        send(hub.syslogPort, "outage", 0, 2_000);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                hub.metric("mimamori_alerts_emitted_total", Map.of("route", "syslog")) >= 2_000);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                hub.metric("mimamori_delivery_degraded", Map.of("sink", "ops-webhook")) == 1);
        Thread.sleep(60_000 - 10_000);     // the receiver stays unreachable for a minute in all
        assertThat(receiver.requests.get()).isZero();
        assertThat(hub.metric("mimamori_delivery_retried_total", Map.of("sink", "ops-webhook"))).isPositive();
        receiver.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.distinct().size() == 2_000);
        } catch (RuntimeException e) {
            String log = hub.logText();
            throw new AssertionError("receiver got " + receiver.requests.get() + " requests, "
                    + receiver.distinct().size() + " distinct alerts; hub delivery metrics: "
                    + HubProcess.get("http://127.0.0.1:" + hub.managementPort + "/observe/metrics").lines()
                    .filter(l -> l.startsWith("mimamori_delivery")).toList()
                    + "\nhub log tail:\n" + log.substring(Math.max(0, log.length() - 4000)), e);
        }
        Thread.sleep(1_000);
        assertThat(receiver.accepted).hasSize(2_000);   // exactly once: nothing was accepted twice
        assertThat(receiver.distinct()).isEqualTo(committedIds());
        assertThat(hub.metric("mimamori_delivery_delivered_total", Map.of("sink", "ops-webhook"))).isEqualTo(2_000);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                hub.metric("mimamori_delivery_degraded", Map.of("sink", "ops-webhook")) == 0);
    }

    @Test
    void aHubKilledWithSigkillInTheMiddleOf10000AlertsDeliversEveryCommittedAlertAfterARestart() throws Exception {
        Receiver receiver = new Receiver(HubProcess.freePort()).start();
        open.add(receiver);
        Path[] d = deployment(receiver.port, "concurrency: 4");
        HubProcess hub = start(d);
        Thread sender = new Thread(() -> {
            try {
                send(hub.syslogPort, "kill", 0, 10_000);
            } catch (Exception expected) {
                // the hub died under the sender
            }
        });
        sender.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.distinct().size() >= 1_000);
        hub.kill9();
        sender.join(30_000);
        int beforeKill = receiver.distinct().size();
        Set<String> committed = committedIds();
        assertThat(committed.size()).isGreaterThan(beforeKill);   // the kill left committed alerts undelivered

        HubProcess again = start(d);
        await().atMost(Duration.ofSeconds(120)).until(() -> receiver.distinct().containsAll(committed));
        Thread.sleep(1_000);
        assertThat(receiver.distinct()).isEqualTo(committedIds());
        int duplicates = receiver.accepted.size() - receiver.distinct().size();
        System.out.printf("kill -9 test: %d committed, %d delivered before the kill, %d duplicate deliveries%n",
                committed.size(), beforeKill, duplicates);
        // at-least-once: a repeat can only be one of the alerts sent since the last recorded outcome,
        // at most one delivery round (two calls per lane, at least 16)
        assertThat(duplicates).isLessThanOrEqualTo(16);
        again.terminate(Duration.ofSeconds(30));
    }

    @Test
    void a429StormIsRespectedAndEveryAlertArrivesAfterIt() throws Exception {
        Receiver receiver = new Receiver(HubProcess.freePort()).start();
        open.add(receiver);
        receiver.failFirst.set(4);
        receiver.retryAfter.set("2");
        HubProcess hub = start(deployment(receiver.port, "retryInitial: 100ms\nbreakerFailures: 1000"));
        send(hub.syslogPort, "storm", 0, 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.distinct().size() == 1);
        List<Long> times = new ArrayList<>(receiver.requestTimes);
        assertThat(times).hasSize(5);
        for (int i = 1; i < times.size(); i++) {
            // after each 429 with Retry-After: 2 the hub waited that long, not its own 100 ms backoff
            assertThat(Duration.ofNanos(times.get(i) - times.get(i - 1))).isGreaterThanOrEqualTo(Duration.ofMillis(1_950));
        }
        assertThat(hub.metric("mimamori_delivery_retried_total", Map.of("sink", "ops-webhook"))).isEqualTo(4);
        assertThat(receiver.accepted).hasSize(1);
    }

    @Test
    void a400GoesToTheDeadLetterStoreAndReplaysAfterTheFix() throws Exception {
        Receiver receiver = new Receiver(HubProcess.freePort()).start();
        open.add(receiver);
        receiver.rejectResources.add("host7");
        HubProcess hub = start(deployment(receiver.port, "tenants: \"*\""));
        send(hub.syslogPort, "reject", 0, 10);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.distinct().size() == 9);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                hub.metric("mimamori_delivery_dead_lettered_total", Map.of("sink", "ops-webhook")) == 1);
        String cli = HubProcess.DIST.resolve("bin/mimamori").toString();
        HubProcess.Result list = HubProcess.exec(List.of(cli, "dlq", "list", "--data-dir", tmp.resolve("data").toString()));
        assertThat(list.exitCode()).isZero();
        assertThat(list.output()).contains("ops-webhook").contains("HTTP 400").contains("resource not allowed")
                .contains("1 dead letter(s)");

        receiver.rejectResources.clear();    // the receiving side was fixed
        HubProcess.Result replay = HubProcess.exec(List.of(cli, "dlq", "replay", "--sink", "ops-webhook",
                "--data-dir", tmp.resolve("data").toString()));
        assertThat(replay.output()).contains("1 dead letter(s) queued for delivery again");
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.distinct().size() == 10);
        assertThat(HubProcess.exec(List.of(cli, "dlq", "list", "--data-dir", tmp.resolve("data").toString())).output())
                .contains("0 dead letter(s)");
    }
}
