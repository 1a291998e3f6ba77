package io.mimamori.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped default deployment (config/ and routes/ of the repository) run from the built
 * distribution, fed by util-linux {@code logger} over UDP and TCP, checked through alerts.jsonl,
 * the API and the metrics an operator would look at.
 */
class SyslogDefaultDeploymentIT {
    @TempDir
    static Path data;
    static HubProcess hub;
    static final Map<String, String> SYSLOG = Map.of("connector", "syslog-source", "route", "syslog");

    @BeforeAll
    static void start() throws Exception {
        hub = HubProcess.startDefault(data);
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private static void logger(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("logger", "-n", "127.0.0.1", "-P", Integer.toString(hub.syslogPort)));
        cmd.addAll(List.of(args));
        HubProcess.Result r = HubProcess.exec(cmd);
        assertThat(r.exitCode()).as("logger %s: %s", cmd, r.output()).isZero();
    }

    /** Waits for the alert in alerts.jsonl whose summary or raw text contains {@code marker}. */
    private static JsonNode awaitAlert(String marker) {
        return await("alert containing " + marker).atMost(Duration.ofSeconds(20)).until(() -> {
            for (JsonNode a : hub.jsonl()) {
                if (a.path("raw").path("data").asText().contains(marker)) {
                    return a;
                }
            }
            return null;
        }, a -> a != null);
    }

    private static List<JsonNode> list(JsonNode apiAnswer) {
        return StreamSupport.stream(apiAnswer.path("alerts").spliterator(), false).toList();
    }

    @Test
    void udpRfc5424KernelRaidFailureBecomesAHardwareAlert() throws Exception {
        logger("-d", "--rfc5424", "-p", "kern.crit", "-t", "kernel",
                "md/raid1:md7: Disk failure on sdz1, disabling device.");
        JsonNode a = awaitAlert("md7: Disk failure on sdz1");
        assertThat(a.path("schema").asText()).isEqualTo("mimamori.alert/v1");
        assertThat(a.path("status").asText()).isEqualTo("firing");
        assertThat(a.path("layer").asText()).isEqualTo("hardware");
        assertThat(a.path("event").asText()).isEqualTo("md-raid-degraded");
        assertThat(a.path("tenant").asText()).isEqualTo("default");
        assertThat(a.path("sourceSeverity").asText()).isEqualTo("crit");
        assertThat(a.path("source").path("connector").asText()).isEqualTo("syslog-source");
        assertThat(a.path("source").path("route").asText()).isEqualTo("syslog");
        assertThat(a.path("source").path("peer").asText()).startsWith("127.0.0.1:");
        assertThat(a.path("resource").asText()).contains("md7");
        assertThat(a.path("summary").asText()).contains("md7").contains("sdz1");
        assertThat(a.path("links").get(0).path("href").asText()).contains("md-raid");
        assertThat(a.path("details").path("syslog").path("appName").asText()).isEqualTo("kernel");
        assertThat(a.path("fingerprint").asText()).hasSize(32);

        List<JsonNode> hardware = list(hub.alerts("layer=hardware&status=firing"));
        assertThat(hardware).extracting(n -> n.path("fingerprint").asText()).contains(a.path("fingerprint").asText());
        assertThat(list(hub.alerts("layer=network"))).extracting(n -> n.path("fingerprint").asText())
                .doesNotContain(a.path("fingerprint").asText());
        assertThat(list(hub.alerts("tenant=somebody-else"))).isEmpty();
    }

    @Test
    void tcpLfFramedRfc3164AndOctetCountedRfc5424BothArrive() throws Exception {
        logger("-T", "--rfc3164", "-p", "kern.err", "-t", "kernel",
                "Out of memory: Killed process 4242 (tcp-lf-java) total-vm:1000kB, anon-rss:900kB");
        logger("-T", "--octet-count", "--rfc5424", "-p", "kern.err", "-t", "kernel",
                "Out of memory: Killed process 4343 (tcp-oc-java) total-vm:1000kB, anon-rss:900kB");
        JsonNode lf = awaitAlert("tcp-lf-java");
        JsonNode oc = awaitAlert("tcp-oc-java");
        assertThat(lf.path("details").path("syslog").path("format").asText()).isEqualTo("rfc3164");
        assertThat(oc.path("details").path("syslog").path("format").asText()).isEqualTo("rfc5424");
        for (JsonNode a : List.of(lf, oc)) {
            assertThat(a.path("layer").asText()).isEqualTo("os");
            assertThat(a.path("status").asText()).isEqualTo("firing");
        }
    }

    @Test
    void linkUpClearsLinkDownForTheSameInterface() throws Exception {
        logger("-d", "--rfc3164", "-p", "kern.err", "-t", "kernel", "e1000e: eth9: NIC Link is Down");
        JsonNode down = awaitAlert("eth9: NIC Link is Down");
        logger("-d", "--rfc3164", "-p", "kern.info", "-t", "kernel",
                "e1000e: eth9: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx");
        JsonNode up = awaitAlert("eth9: NIC Link is Up");
        assertThat(down.path("status").asText()).isEqualTo("firing");
        assertThat(down.path("layer").asText()).isEqualTo("network");
        assertThat(up.path("status").asText()).isEqualTo("resolved");
        assertThat(up.path("dedupKey").asText()).isEqualTo(down.path("dedupKey").asText());
        assertThat(up.path("fingerprint").asText()).isEqualTo(down.path("fingerprint").asText());
        JsonNode current = list(hub.alerts("")).stream()
                .filter(n -> n.path("fingerprint").asText().equals(down.path("fingerprint").asText()))
                .findFirst().orElseThrow();
        assertThat(current.path("status").asText()).isEqualTo("resolved");
    }

    @Test
    void unmatchedLinesAlertOnlyAtOrAboveTheThreshold() throws Exception {
        double droppedBefore = hub.metric("mimamori_dropped_total", Map.of("reason", "unmatched"));
        logger("-d", "--rfc5424", "-p", "user.info", "-t", "billing", "routine nightly batch finished 77");
        logger("-d", "--rfc5424", "-p", "user.crit", "-t", "billing", "ledger checksum mismatch in batch 78");
        JsonNode crit = awaitAlert("ledger checksum mismatch");
        assertThat(crit.path("event").asText()).isEqualTo("syslog-crit");
        assertThat(crit.path("severity").asText()).isEqualTo("critical");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                hub.metric("mimamori_dropped_total", Map.of("reason", "unmatched")) >= droppedBefore + 1);
        assertThat(hub.jsonl()).noneMatch(a -> a.path("raw").path("data").asText().contains("routine nightly batch"));
    }

    @Test
    void malformedInputIsCountedAndHarmsNothingElse() throws Exception {
        double unparseable = hub.metric("mimamori_malformed_total", Map.of("reason", "unparseable"));
        double oversized = hub.metric("mimamori_malformed_total", Map.of("reason", "oversized"));
        byte[] garbage = new byte[512];
        new Random(7).nextBytes(garbage);
        garbage[0] = 'x'; // no PRI: cannot be syslog
        try (DatagramSocket udp = new DatagramSocket()) {
            udp.send(new DatagramPacket(garbage, garbage.length, InetAddress.getLoopbackAddress(), hub.syslogPort));
        }
        try (Socket tcp = new Socket(InetAddress.getLoopbackAddress(), hub.syslogPort)) {
            OutputStream out = tcp.getOutputStream();
            // an LF-framed line longer than the 64 KiB frame limit, then a good line on the same connection
            out.write(("<10>" + "A".repeat(70_000) + "\n").getBytes(StandardCharsets.US_ASCII));
            out.write("<10>Nov 24 05:10:00 db3 billing: ledger checksum mismatch after garbage 99\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            JsonNode after = awaitAlert("mismatch after garbage 99");
            assertThat(after.path("host").asText()).isEqualTo("db3");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(hub.metric("mimamori_malformed_total", Map.of("reason", "unparseable"))).isGreaterThan(unparseable);
            assertThat(hub.metric("mimamori_malformed_total", Map.of("reason", "oversized"))).isGreaterThan(oversized);
        });
        logger("-d", "--rfc5424", "-p", "user.alert", "-t", "billing", "still alive after malformed input");
        awaitAlert("still alive after malformed input");
        assertThat(hub.healthUp()).isTrue();
    }

    @Test
    void countersPerConnectorAndRoute() throws Exception {
        double received = hub.metric("mimamori_received_total", SYSLOG);
        double emitted = hub.metric("mimamori_alerts_emitted_total", SYSLOG);
        logger("-d", "--rfc5424", "-p", "user.emerg", "-t", "counter-test", "counted emergency 1");
        awaitAlert("counted emergency 1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(hub.metric("mimamori_received_total", SYSLOG)).isGreaterThanOrEqualTo(received + 1);
            assertThat(hub.metric("mimamori_alerts_emitted_total", SYSLOG)).isGreaterThanOrEqualTo(emitted + 1);
        });
    }
}
