package io.mimamori.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mimamori.alert.AlertJson;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * The shipped default deployment (config/ and routes/ of the repository, including routes/snmp.yaml
 * and config/rules/snmp) run from the built distribution, fed by net-snmp's snmptrap and snmpinform
 * (v1, v2c, v3 authPriv with SHA-256/AES), checked through alerts.jsonl, the API and the metrics.
 */
class SnmpDefaultDeploymentIT {
    static final String COMMUNITY = "dc1-traps-2025";
    static final String AUTH = "it-auth-pass-2025";
    static final String PRIV = "it-priv-pass-2025";
    static final Map<String, String> SNMP = Map.of("connector", "snmp-trap-source", "route", "snmp");

    @TempDir
    static Path data;
    static HubProcess hub;
    static int snmpPort;

    @BeforeAll
    static void start() throws Exception {
        snmpPort = HubProcess.freePort();
        // the secrets live in files (or environment variables) the route parameters point at
        Path secrets = java.nio.file.Files.createDirectories(data.resolve("secrets"));
        java.nio.file.Files.writeString(secrets.resolve("communities"), COMMUNITY + "\n");
        java.nio.file.Files.writeString(secrets.resolve("users"), "noc:SHA-256:" + AUTH + ":AES:" + PRIV + "\n");
        hub = HubProcess.startDefault(data.resolve("hub"),
                "--set", "mimamori.snmp.port=" + snmpPort,
                "--set", "mimamori.snmp.communities=file:" + secrets.resolve("communities"),
                "--set", "mimamori.snmp.users=file:" + secrets.resolve("users"));
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    static HubProcess.Result netSnmp(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(args));
        cmd.addAll(1, List.of("-m", "", "-M", "/nonexistent"));
        return HubProcess.exec(cmd);
    }

    static String target() {
        return "127.0.0.1:" + snmpPort;
    }

    static JsonNode awaitAlert(String dedupKey, String status) {
        return await("alert " + dedupKey + " " + status).atMost(Duration.ofSeconds(20)).until(() -> {
            for (JsonNode a : hub.jsonl()) {
                if (a.path("dedupKey").asText().equals(dedupKey) && a.path("status").asText().equals(status)) {
                    return a;
                }
            }
            return null;
        }, a -> a != null);
    }

    @Test
    void v2cLinkDownAndLinkUpFromSnmptrap() throws Exception {
        HubProcess.Result r = netSnmp("snmptrap", "-v", "2c", "-c", COMMUNITY, target(), "", "1.3.6.1.6.3.1.1.5.3",
                "1.3.6.1.2.1.2.2.1.1.17", "i", "17", "1.3.6.1.2.1.2.2.1.7.17", "i", "1", "1.3.6.1.2.1.2.2.1.8.17",
                "i", "2", "1.3.6.1.2.1.2.2.1.2.17", "s", "Gi1/0/17");
        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode down = awaitAlert("link/127.0.0.1/17", "firing");
        assertThat(down.path("schema").asText()).isEqualTo("mimamori.alert/v1");
        assertThat(down.path("tenant").asText()).isEqualTo("default");
        assertThat(down.path("event").asText()).isEqualTo("link-down");
        assertThat(down.path("severity").asText()).isEqualTo("major");
        assertThat(down.path("layer").asText()).isEqualTo("network");
        assertThat(down.path("summary").asText()).isEqualTo("Link down on 127.0.0.1 ifIndex 17 Gi1/0/17 (admin up, oper down)");
        assertThat(down.path("source").path("connector").asText()).isEqualTo("snmp-trap-source");
        assertThat(down.path("source").path("route").asText()).isEqualTo("snmp");
        assertThat(down.path("details").path("snmp").path("varbinds").path("ifDescr.17").asText()).isEqualTo("Gi1/0/17");
        assertThat(down.path("raw").path("encoding").asText()).isEqualTo("base64");
        assertThat(down.toString()).doesNotContain(COMMUNITY);

        r = netSnmp("snmptrap", "-v", "2c", "-c", COMMUNITY, target(), "", "1.3.6.1.6.3.1.1.5.4",
                "1.3.6.1.2.1.2.2.1.1.17", "i", "17");
        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode up = awaitAlert("link/127.0.0.1/17", "resolved");
        assertThat(up.path("fingerprint").asText()).isEqualTo(down.path("fingerprint").asText());
        JsonNode current = StreamSupport.stream(hub.alerts("").path("alerts").spliterator(), false)
                .filter(a -> a.path("fingerprint").asText().equals(down.path("fingerprint").asText()))
                .findFirst().orElseThrow();
        assertThat(current.path("status").asText()).isEqualTo("resolved");
    }

    @Test
    void linkUpThatOvertookItsLinkDownIsRecognisedByTheAgentsUptime() throws Exception {
        // UDP may reorder, and a retransmitted INFORM arrives late: the agent's sysUpTime says
        // which happened first. linkUp at uptime 50.00 s arrives first, then linkDown at 40.00 s.
        Map<String, String> reason = Map.of("reason", "cleared_before_problem");
        double before = hub.metric("mimamori_alerts_suppressed_total", reason);
        HubProcess.Result r = netSnmp("snmptrap", "-v", "2c", "-c", COMMUNITY, target(), "5000",
                "1.3.6.1.6.3.1.1.5.4", "1.3.6.1.2.1.2.2.1.1.41", "i", "41");
        assertThat(r.exitCode()).as(r.output()).isZero();
        r = netSnmp("snmptrap", "-v", "2c", "-c", COMMUNITY, target(), "4000", "1.3.6.1.6.3.1.1.5.3",
                "1.3.6.1.2.1.2.2.1.1.41", "i", "41", "1.3.6.1.2.1.2.2.1.8.41", "i", "2");
        assertThat(r.exitCode()).as(r.output()).isZero();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> hub.metric("mimamori_alerts_suppressed_total", reason) >= before + 1);
        assertThat(hub.jsonl()).noneMatch(a -> a.path("dedupKey").asText().equals("link/127.0.0.1/41"));

        // a linkDown the agent sent after that linkUp is a new fault and is notified
        r = netSnmp("snmptrap", "-v", "2c", "-c", COMMUNITY, target(), "6000", "1.3.6.1.6.3.1.1.5.3",
                "1.3.6.1.2.1.2.2.1.1.41", "i", "41", "1.3.6.1.2.1.2.2.1.8.41", "i", "2");
        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode down = awaitAlert("link/127.0.0.1/41", "firing");
        assertThat(down.path("details").path("snmp").path("uptime").asLong()).isEqualTo(6000);
        assertThat(Instant.parse(down.path("source").path("sourceTime").asText()))
                .isBefore(Instant.parse(down.path("source").path("receivedAt").asText()).plusMillis(1));
    }

    @Test
    void v1BmcPlatformEventTrapIsDecoded() throws Exception {
        // a Supermicro BMC: PET, power supply failure (sensor type 0x08, sensor-specific offset 1), sensor 0xC8
        String data = "43303031 4D53AC1F 6BB73044 00000000 002A32E4 E46EFFFF 2020 10 20 C8 0A 02 01 FFFFFFFFFFFFFF 19 7C2A0000 0000 C1"
                .replace(" ", "");
        HubProcess.Result r = netSnmp("snmptrap", "-v", "1", "-c", COMMUNITY, target(), "1.3.6.1.4.1.3183.1.1",
                "192.0.2.71", "6", "552705", "", "1.3.6.1.4.1.3183.1.1.1", "x", data);
        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode a = awaitAlert("ipmi/192.0.2.71/0x08/200/0x0a.2", "firing");
        assertThat(a.path("severity").asText()).isEqualTo("critical");
        assertThat(a.path("layer").asText()).isEqualTo("hardware");
        assertThat(a.path("summary").asText()).isEqualTo("Supermicro BMC 192.0.2.71: power supply sensor 200: "
                + "power supply failure detected (assertion; event data 0x01 0xff 0xff)");
        assertThat(a.path("details").path("snmp").path("version").asText()).isEqualTo("v1");
        assertThat(a.path("details").path("snmp").path("pet").path("sensorType").asText()).isEqualTo("power supply");
    }

    @Test
    void v3AuthPrivTrapAndInformAnsweredAfterCommit() throws Exception {
        HubProcess.Result r = netSnmp("snmptrap", "-v", "3", "-e", "0x80001F8880A1B2C3D4", "-u", "noc", "-l",
                "authPriv", "-a", "SHA-256", "-A", AUTH, "-x", "AES", "-X", PRIV, target(), "",
                "1.3.6.1.2.1.33.2.3", "1.3.6.1.2.1.33.1.6.2.1.2.3", "o", "1.3.6.1.2.1.33.1.6.3.3");
        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode low = awaitAlert("ups-alarm/127.0.0.1/upsAlarmLowBattery", "firing");
        assertThat(low.path("severity").asText()).isEqualTo("critical");
        assertThat(low.path("details").path("snmp").path("securityName").asText()).isEqualTo("noc");

        r = netSnmp("snmpinform", "-v", "3", "-u", "noc", "-l", "authPriv", "-a", "SHA-256", "-A", AUTH, "-x", "AES",
                "-X", PRIV, "-r", "0", "-t", "10", target(), "", "1.3.6.1.2.1.33.2.4", "1.3.6.1.2.1.33.1.6.2.1.2.3",
                "o", "1.3.6.1.2.1.33.1.6.3.3");
        assertThat(r.exitCode()).as(r.output()).isZero();
        // answered only once committed: the resolve is in the hub's state the moment snmpinform returns
        assertThat(StreamSupport.stream(hub.alerts("status=resolved").path("alerts").spliterator(), false))
                .anyMatch(a -> a.path("dedupKey").asText().equals("ups-alarm/127.0.0.1/upsAlarmLowBattery"));
        awaitAlert("ups-alarm/127.0.0.1/upsAlarmLowBattery", "resolved");
    }

    @Test
    void unknownTrapsAreAlertedAndListed() throws Exception {
        for (String agentVarbind : List.of("one", "two")) {
            HubProcess.Result r = netSnmp("snmptrap", "-v", "2c", "-c", COMMUNITY, target(), "",
                    "1.3.6.1.4.1.55555.0.3", "1.3.6.1.4.1.55555.1.1.0", "s", "controller " + agentVarbind);
            assertThat(r.exitCode()).as(r.output()).isZero();
        }
        JsonNode a = awaitAlert("snmp-unknown/127.0.0.1/1.3.6.1.4.1.55555.0.3", "firing");
        assertThat(a.path("event").asText()).isEqualTo("snmp-unknown-trap");
        assertThat(a.path("severity").asText()).isEqualTo("warning");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String r = HubProcess.get("http://127.0.0.1:" + hub.apiPort + "/api/snmp/unknown");
            assertThat(r).startsWith("200 ");
            JsonNode body = AlertJson.mapper().readTree(r.substring(4));
            JsonNode entry = StreamSupport.stream(body.path("unknown").spliterator(), false)
                    .filter(e -> e.path("trapOid").asText().equals("1.3.6.1.4.1.55555.0.3")).findFirst().orElseThrow();
            assertThat(entry.path("count").asInt()).isEqualTo(2);
            assertThat(entry.path("agents").get(0).asText()).isEqualTo("127.0.0.1");
            assertThat(entry.path("lastVarbinds").path("1.3.6.1.4.1.55555.1.1.0").asText()).isEqualTo("controller two");
            assertThat(entry.path("firstSeen").asText()).isNotEmpty();
        });
    }

    @Test
    void rejectedAndMalformedInputIsCountedAndHarmsNothingElse() throws Exception {
        double badCommunity = hub.metric("mimamori_dropped_total", Map.of("reason", "bad_community"));
        double wrongDigest = hub.metric("mimamori_dropped_total", Map.of("reason", "wrong_digest"));
        double malformed = hub.metric("mimamori_malformed_total", SNMP);
        netSnmp("snmptrap", "-v", "2c", "-c", "public", target(), "", "1.3.6.1.6.3.1.1.5.3", "1.3.6.1.2.1.2.2.1.1.99",
                "i", "99");
        netSnmp("snmptrap", "-v", "3", "-e", "0x80001F8880A1B2C3D5", "-u", "noc", "-l", "authPriv", "-a", "SHA-256",
                "-A", "not-the-password", "-x", "AES", "-X", PRIV, target(), "", "1.3.6.1.6.3.1.1.5.1");
        byte[] garbage = new byte[200];
        new Random(162).nextBytes(garbage);
        garbage[0] = 0x30;
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(garbage, garbage.length, InetAddress.getLoopbackAddress(), snmpPort));
            byte[] truncated = {0x30, 0x10, 0x02, 0x01, 0x01, 0x04};
            s.send(new DatagramPacket(truncated, truncated.length, InetAddress.getLoopbackAddress(), snmpPort));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(hub.metric("mimamori_dropped_total", Map.of("reason", "bad_community"))).isGreaterThan(badCommunity);
            assertThat(hub.metric("mimamori_dropped_total", Map.of("reason", "wrong_digest"))).isGreaterThan(wrongDigest);
            assertThat(hub.metric("mimamori_malformed_total", SNMP)).isGreaterThanOrEqualTo(malformed + 2);
        });
        assertThat(hub.jsonl()).noneMatch(a -> a.path("dedupKey").asText().equals("link/127.0.0.1/99"));
        HubProcess.Result r = netSnmp("snmptrap", "-v", "2c", "-c", COMMUNITY, target(), "", "1.3.6.1.6.3.1.1.5.1");
        assertThat(r.exitCode()).isZero();
        awaitAlert("restart/127.0.0.1", "firing");
        assertThat(hub.healthUp()).isTrue();
        assertThat(hub.metric("mimamori_received_total", SNMP)).isGreaterThan(0);
        assertThat(hub.metric("mimamori_alerts_emitted_total", SNMP)).isGreaterThan(0);
        assertThat(hub.logText()).doesNotContain(COMMUNITY).doesNotContain(AUTH).doesNotContain(PRIV)
                .contains("snmp-trap-source 'snmp' listening");
    }
}
