package io.mimamori.connector.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import io.mimamori.tenant.TenantResolver;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TcpAddress;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultTcpTransportMapping;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * The receiver on loopback, fed by net-snmp's snmptrap and snmpinform (v1, v2c, v3 authPriv with
 * SHA-256/AES) and by SNMP4J senders, translating with the shipped definitions. A recording stand-in
 * for the pipeline shows what was handed over and when it was "committed".
 */
class SnmpTrapSourceIT {
    static final String AUTH = "auth-pass-2025";
    static final String PRIV = "priv-pass-2025";
    static DefaultCamelContext context;
    static SimpleMeterRegistry meters;
    static RecordingPipeline pipeline;
    static int port;
    static int tcpPort;

    @BeforeAll
    static void start() throws Exception {
        Path definitions = io.mimamori.connector.snmp.internal.defs.ShippedDefinitionsTestAccess.shippedDefinitions();
        tcpPort = freePort();
        meters = new SimpleMeterRegistry();
        pipeline = new RecordingPipeline();
        context = new DefaultCamelContext();
        context.getRegistry().bind("meters", meters);
        // tenants.yaml as the hub would resolve it: by community, v3 user and agent address
        context.getRegistry().bind(TenantResolver.BEAN, (TenantResolver) claims -> {
            if ("192.0.2.98".equals(claims.address())) {
                return new TenantResolver.Resolution(null, false);
            }
            if ("ops-ro".equals(claims.snmpCommunity())) {
                return new TenantResolver.Resolution("acme", true);
            }
            if ("ops".equals(claims.snmpUser())) {
                return new TenantResolver.Resolution("globex", true);
            }
            return new TenantResolver.Resolution("default", false);
        });
        String users = "ops:SHA-256:" + AUTH + ":AES:" + PRIV + " legacy:MD5:" + AUTH + ":DES:" + PRIV;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("mimamori-snmp:it?bindHost=127.0.0.1&udpPort=0&tcpPort=" + tcpPort
                        + "&communities=public,ops-ro&users=RAW(" + users + ")&definitionsDir=" + definitions
                        + "&unknownSeverity=warning&workers=2&engineId=80001f8804696e666f726d2d6974")
                        .routeId("it").process(pipeline);
            }
        });
        context.start();
        port = SnmpConsumer.RUNNING.keySet().iterator().next().udpPort();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @BeforeEach
    void noDelayNoFailure() {
        pipeline.delayMillis = 0;
        pipeline.fail = false;
    }

    static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static double counter(String name, String reason) {
        var search = meters.find(name).tag("connector", "snmp-trap-source").tag("route", "it");
        if (reason != null) {
            search = search.tag("reason", reason);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    static NetSnmp.Result netSnmp(String... args) throws Exception {
        return NetSnmp.run(List.of(args));
    }

    static Alert awaitAlert(Predicate<Alert> p) {
        return await().atMost(Duration.ofSeconds(15)).until(
                () -> pipeline.alerts().stream().filter(p).findFirst().orElse(null), a -> a != null);
    }

    static String target() {
        return "127.0.0.1:" + port;
    }

    @Test
    void v2cLinkDownFromSnmptrapIsTranslated() throws Exception {
        NetSnmp.Result r = netSnmp("snmptrap", "-v", "2c", "-c", "public", target(), "", "1.3.6.1.6.3.1.1.5.3",
                "1.3.6.1.2.1.2.2.1.1.41", "i", "41", "1.3.6.1.2.1.2.2.1.7.41", "i", "1",
                "1.3.6.1.2.1.2.2.1.8.41", "i", "2", "1.3.6.1.2.1.2.2.1.2.41", "s", "eth41");
        assertThat(r.exitCode()).as(r.output()).isZero();
        Alert a = awaitAlert(x -> "link/127.0.0.1/41".equals(x.dedupKey()));
        assertThat(a.status()).isEqualTo(Status.FIRING);
        assertThat(a.event()).isEqualTo("link-down");
        assertThat(a.severity()).isEqualTo(Severity.MAJOR);
        assertThat(a.layer()).isEqualTo(Layer.NETWORK);
        assertThat(a.summary()).isEqualTo("Link down on 127.0.0.1 ifIndex 41 eth41 (admin up, oper down)");
        assertThat(a.source().peer()).startsWith("127.0.0.1:");
        Map<?, ?> snmp = (Map<?, ?>) a.details().get("snmp");
        assertThat(snmp.get("version")).isEqualTo("v2c");
        assertThat(snmp.get("trapOid")).isEqualTo("1.3.6.1.6.3.1.1.5.3");
        assertThat(snmp.get("varbinds").toString()).contains("ifIndex.41=41", "ifDescr.41=eth41");
        String json = AlertJson.toJson(a);
        assertThat(json).doesNotContain("public");
        assertThat(new String(Base64.getDecoder().decode(a.raw().data()), StandardCharsets.ISO_8859_1))
                .doesNotContain("public").contains("******");
    }

    @Test
    void theTenantComesFromTheCommunityTheUserOrTheAgentAndTheCommunityIsNeverKept() throws Exception {
        double rejected = counter("mimamori.dropped", "unknown_tenant");
        NetSnmp.Result r = netSnmp("snmptrap", "-v", "2c", "-c", "ops-ro", target(), "", "1.3.6.1.6.3.1.1.5.3",
                "1.3.6.1.2.1.2.2.1.1.61", "i", "61", "1.3.6.1.6.3.18.1.3.0", "a", "192.0.2.61");
        assertThat(r.exitCode()).as(r.output()).isZero();
        r = netSnmp("snmptrap", "-v", "3", "-e", "0x8000000001020361", "-u", "ops", "-l", "authPriv", "-a", "SHA-256",
                "-A", AUTH, "-x", "AES", "-X", PRIV, target(), "", "1.3.6.1.6.3.1.1.5.3",
                "1.3.6.1.2.1.2.2.1.1.62", "i", "62", "1.3.6.1.6.3.18.1.3.0", "a", "192.0.2.62");
        assertThat(r.exitCode()).as(r.output()).isZero();
        r = netSnmp("snmptrap", "-v", "2c", "-c", "public", target(), "", "1.3.6.1.6.3.1.1.5.3",
                "1.3.6.1.2.1.2.2.1.1.63", "i", "63", "1.3.6.1.6.3.18.1.3.0", "a", "192.0.2.63");
        assertThat(r.exitCode()).as(r.output()).isZero();
        r = netSnmp("snmptrap", "-v", "2c", "-c", "public", target(), "", "1.3.6.1.6.3.1.1.5.3",
                "1.3.6.1.2.1.2.2.1.1.98", "i", "98", "1.3.6.1.6.3.18.1.3.0", "a", "192.0.2.98");
        assertThat(r.exitCode()).as(r.output()).isZero();

        assertThat(awaitAlert(x -> "link/192.0.2.61/61".equals(x.dedupKey())).tenant()).isEqualTo("acme");
        assertThat(awaitAlert(x -> "link/192.0.2.62/62".equals(x.dedupKey())).tenant()).isEqualTo("globex");
        Alert unclaimed = awaitAlert(x -> "link/192.0.2.63/63".equals(x.dedupKey()));
        assertThat(unclaimed.tenant()).isEqualTo("default");
        assertThat(AlertJson.toJson(unclaimed)).doesNotContain("public");
        await().atMost(Duration.ofSeconds(10)).until(() -> counter("mimamori.dropped", "unknown_tenant") == rejected + 1);
        assertThat(pipeline.alerts()).noneMatch(x -> "link/192.0.2.98/98".equals(x.dedupKey()));
        assertThat(counter("mimamori.tenant.defaulted", null)).isPositive();
    }

    @Test
    void v1TrapIsConvertedAndClearedByAV2cLinkUp() throws Exception {
        NetSnmp.Result r = netSnmp("snmptrap", "-v", "1", "-c", "ops-ro", target(), "1.3.6.1.4.1.9", "192.0.2.42",
                "2", "0", "", "1.3.6.1.2.1.2.2.1.1.42", "i", "42");
        assertThat(r.exitCode()).as(r.output()).isZero();
        Alert down = awaitAlert(x -> "link/192.0.2.42/42".equals(x.dedupKey()));
        assertThat(down.status()).isEqualTo(Status.FIRING);
        assertThat(down.host()).isEqualTo("192.0.2.42");
        assertThat(((Map<?, ?>) down.details().get("snmp")).get("version")).isEqualTo("v1");
        // the same agent, as a v2c agent behind a proxy would say it: snmpTrapAddress.0 names it
        r = netSnmp("snmptrap", "-v", "2c", "-c", "public", target(), "", "1.3.6.1.6.3.1.1.5.4",
                "1.3.6.1.2.1.2.2.1.1.42", "i", "42", "1.3.6.1.6.3.18.1.3.0", "a", "192.0.2.42");
        assertThat(r.exitCode()).as(r.output()).isZero();
        Alert up = awaitAlert(x -> "link/192.0.2.42/42".equals(x.dedupKey()) && x.status() == Status.RESOLVED);
        assertThat(up.event()).isEqualTo("link-down");
    }

    @Test
    void v3AuthPrivTrapWithSha256AndAes() throws Exception {
        NetSnmp.Result r = netSnmp("snmptrap", "-v", "3", "-e", "0x8000000001020304", "-u", "ops", "-l", "authPriv",
                "-a", "SHA-256", "-A", AUTH, "-x", "AES", "-X", PRIV, target(), "",
                "1.3.6.1.4.1.674.10892.5.3.2.1.0.2185", "1.3.6.1.4.1.674.10892.5.3.1.1.0", "s", "PSU0003",
                "1.3.6.1.4.1.674.10892.5.3.1.6.0", "s", "PSU.Slot.1", "1.3.6.1.4.1.674.10892.5.3.1.7.0", "s",
                "Power Supply 1");
        assertThat(r.exitCode()).as(r.output()).isZero();
        Alert a = awaitAlert(x -> "dell/127.0.0.1/PSU.Slot.1".equals(x.dedupKey()));
        assertThat(a.event()).isEqualTo("dell-power-supply");
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        Map<?, ?> snmp = (Map<?, ?>) a.details().get("snmp");
        assertThat(snmp.get("version")).isEqualTo("v3");
        assertThat(snmp.get("securityName")).isEqualTo("ops");
        assertThat(AlertJson.toJson(a)).doesNotContain(AUTH).doesNotContain(PRIV);
    }

    @Test
    void legacyMd5DesUserIsAccepted() throws Exception {
        NetSnmp.Result r = netSnmp("snmptrap", "-v", "3", "-e", "0x8000000001020399", "-u", "legacy", "-l",
                "authPriv", "-a", "MD5", "-A", AUTH, "-x", "DES", "-X", PRIV, target(), "", "1.3.6.1.6.3.1.1.5.1");
        assertThat(r.exitCode()).as(r.output()).isZero();
        Alert a = awaitAlert(x -> "device-cold-start".equals(x.event())
                && "legacy".equals(((Map<?, ?>) x.details().get("snmp")).get("securityName")));
        assertThat(a.severity()).isEqualTo(Severity.MINOR);
    }

    @Test
    void informIsAnsweredOnlyAfterItsAlertIsCommitted() throws Exception {
        pipeline.delayMillis = 1500;
        long start = System.nanoTime();
        NetSnmp.Result r = netSnmp("snmpinform", "-v", "2c", "-c", "public", "-r", "0", "-t", "10", target(), "",
                "1.3.6.1.6.3.1.1.5.3", "1.3.6.1.2.1.2.2.1.1.43", "i", "43");
        long answered = System.nanoTime();
        assertThat(r.exitCode()).as(r.output()).isZero();
        RecordingPipeline.Committed c = pipeline.committed.stream()
                .filter(x -> "link/127.0.0.1/43".equals(x.alert().dedupKey())).findFirst().orElseThrow();
        assertThat(((Map<?, ?>) c.alert().details().get("snmp")).get("pdu")).isEqualTo("inform");
        assertThat(c.nanos()).as("commit before the answer").isLessThan(answered);
        assertThat(TimeUnit.NANOSECONDS.toMillis(answered - start)).isGreaterThanOrEqualTo(1500);
    }

    @Test
    void v3InformDiscoversTheEngineAndIsAnsweredAfterCommit() throws Exception {
        pipeline.delayMillis = 800;
        long start = System.nanoTime();
        NetSnmp.Result r = netSnmp("snmpinform", "-v", "3", "-u", "ops", "-l", "authPriv", "-a", "SHA-256", "-A", AUTH,
                "-x", "AES", "-X", PRIV, "-r", "0", "-t", "10", target(), "", "1.3.6.1.6.3.1.1.5.3",
                "1.3.6.1.2.1.2.2.1.1.44", "i", "44");
        long answered = System.nanoTime();
        assertThat(r.exitCode()).as(r.output()).isZero();
        RecordingPipeline.Committed c = pipeline.committed.stream()
                .filter(x -> "link/127.0.0.1/44".equals(x.alert().dedupKey())).findFirst().orElseThrow();
        assertThat(c.nanos()).isLessThan(answered);
        assertThat(TimeUnit.NANOSECONDS.toMillis(answered - start)).isGreaterThanOrEqualTo(800);
    }

    @Test
    void anInformWhoseCommitFailsStaysUnansweredAndTheRetryIsAnswered() throws Exception {
        pipeline.fail = true;
        double failedBefore = counter("mimamori.dropped", "commit_failed");
        NetSnmp.Result r = netSnmp("snmpinform", "-v", "2c", "-c", "public", "-r", "0", "-t", "2", target(), "",
                "1.3.6.1.6.3.1.1.5.3", "1.3.6.1.2.1.2.2.1.1.45", "i", "45");
        assertThat(r.exitCode()).as("no answer when nothing was committed: " + r.output()).isNotZero();
        assertThat(r.output()).containsIgnoringCase("timeout");
        assertThat(counter("mimamori.dropped", "commit_failed")).isGreaterThan(failedBefore);
        assertThat(pipeline.alerts()).noneMatch(a -> "link/127.0.0.1/45".equals(a.dedupKey()));
        // the disk recovers while the agent retries (net-snmp resends the same request)
        Thread fixer = new Thread(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException ignored) {
                return;
            }
            pipeline.fail = false;
        });
        fixer.start();
        r = netSnmp("snmpinform", "-v", "2c", "-c", "public", "-r", "3", "-t", "1", target(), "",
                "1.3.6.1.6.3.1.1.5.3", "1.3.6.1.2.1.2.2.1.1.46", "i", "46");
        fixer.join();
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(pipeline.alerts()).anyMatch(a -> "link/127.0.0.1/46".equals(a.dedupKey()));
    }

    @Test
    void wrongCommunityIsRejectedAndCounted() throws Exception {
        double before = counter("mimamori.dropped", "bad_community");
        int alerts = pipeline.committed.size();
        netSnmp("snmptrap", "-v", "2c", "-c", "guess-me", target(), "", "1.3.6.1.6.3.1.1.5.3",
                "1.3.6.1.2.1.2.2.1.1.47", "i", "47");
        netSnmp("snmptrap", "-v", "1", "-c", "guess-me", target(), "1.3.6.1.4.1.9", "192.0.2.47", "2", "0", "");
        await().atMost(Duration.ofSeconds(10)).until(() -> counter("mimamori.dropped", "bad_community") >= before + 2);
        Thread.sleep(300);
        assertThat(pipeline.alerts().subList(alerts, pipeline.committed.size()))
                .noneMatch(a -> a.dedupKey().contains("/47"));
        assertStillAlive("after-community");
    }

    @Test
    void v3RejectionsAreCountedByReason() throws Exception {
        double unknownUser = counter("mimamori.dropped", "unknown_user");
        double wrongDigest = counter("mimamori.dropped", "wrong_digest");
        double decryption = counter("mimamori.dropped", "decryption_error");
        netSnmp("snmptrap", "-v", "3", "-e", "0x8000000001020305", "-u", "mallory", "-l", "authPriv", "-a", "SHA-256",
                "-A", AUTH, "-x", "AES", "-X", PRIV, target(), "", "1.3.6.1.6.3.1.1.5.1");
        netSnmp("snmptrap", "-v", "3", "-e", "0x8000000001020306", "-u", "ops", "-l", "authPriv", "-a", "SHA-256",
                "-A", "wrong-auth-pass", "-x", "AES", "-X", PRIV, target(), "", "1.3.6.1.6.3.1.1.5.1");
        netSnmp("snmptrap", "-v", "3", "-e", "0x8000000001020307", "-u", "ops", "-l", "authPriv", "-a", "SHA-256",
                "-A", AUTH, "-x", "AES", "-X", "wrong-priv-pass", target(), "", "1.3.6.1.6.3.1.1.5.1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(counter("mimamori.dropped", "unknown_user")).isGreaterThan(unknownUser);
            assertThat(counter("mimamori.dropped", "wrong_digest")).isGreaterThan(wrongDigest);
            assertThat(counter("mimamori.dropped", "decryption_error")).isGreaterThan(decryption);
        });
        assertStillAlive("after-v3");
    }

    @Test
    void malformedTruncatedAndRandomDatagramsAreCountedAndHarmNothing() throws Exception {
        double malformed = counter("mimamori.malformed", null);
        int alerts = pipeline.committed.size();
        List<byte[]> bad = new ArrayList<>();
        bad.add(new byte[] {0x30, 0x03, 0x02, 0x01});                                 // truncated
        bad.add(new byte[] {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}); // absurd length
        bad.add(new byte[] {0x30, 0x06, 0x02, 0x01, 0x07, 0x04, 0x01, 0x61});         // version 7
        bad.add("this is not SNMP at all".getBytes(StandardCharsets.US_ASCII));
        Random random = new Random(1162);
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[1 + random.nextInt(300)];
            random.nextBytes(b);
            if (i % 2 == 0) {
                b[0] = 0x30; // look like a SEQUENCE to get deeper into the decoder
            }
            bad.add(b);
        }
        byte[] good = NetSnmp.v2cTrapBytes("public", "1.3.6.1.6.3.1.1.5.3", 48);
        bad.add(java.util.Arrays.copyOf(good, good.length - 5));                       // a real trap cut short
        try (DatagramSocket s = new DatagramSocket()) {
            for (byte[] b : bad) {
                s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> counter("mimamori.malformed", null) >= malformed + 100);
        assertThat(counter("mimamori.malformed", "ber_parse_error")).isGreaterThan(0);
        assertStillAlive("after-garbage");
        assertThat(pipeline.alerts().subList(alerts, pipeline.committed.size()))
                .as("the only alert after the garbage is the valid trap sent after it")
                .allMatch(a -> a.summary().contains("after-garbage"));
    }

    @Test
    void snmp4jSendersOverUdpAndTcpAndUnknownTrapsAreListed() throws Exception {
        try (Snmp snmp = new Snmp(new DefaultUdpTransportMapping())) {
            snmp.listen();
            CommunityTarget<UdpAddress> t = new CommunityTarget<>(new UdpAddress("127.0.0.1/" + port),
                    new OctetString("public"));
            t.setVersion(SnmpConstants.version2c);
            for (int i = 0; i < 3; i++) {
                PDU pdu = new PDU();
                pdu.setType(PDU.TRAP);
                pdu.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(100)));
                pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, new OID("1.3.6.1.4.1.99999.0.17")));
                pdu.add(new VariableBinding(new OID("1.3.6.1.4.1.99999.1.1.0"), new OctetString("controller " + i)));
                snmp.send(pdu, t);
            }
            // agents are handled on their own lanes, in parallel: let the three v2c traps be listed
            // before the v1 one, so "last varbinds" has one right answer
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    AlertJson.mapper().writeValueAsString(SnmpConsumer.unknownListing(context)))
                    .contains("\"trapOid\":\"1.3.6.1.4.1.99999.0.17\"", "\"count\":3"));
            PDUv1 v1 = new PDUv1();
            v1.setType(PDU.V1TRAP);
            v1.setEnterprise(new OID("1.3.6.1.4.1.99999"));
            v1.setGenericTrap(PDUv1.ENTERPRISE_SPECIFIC);
            v1.setSpecificTrap(17);
            v1.setAgentAddress(new IpAddress("192.0.2.99"));
            v1.add(new VariableBinding(new OID("1.3.6.1.4.1.99999.1.1.0"), new OctetString("controller v1")));
            CommunityTarget<UdpAddress> t1 = new CommunityTarget<>(new UdpAddress("127.0.0.1/" + port),
                    new OctetString("public"));
            t1.setVersion(SnmpConstants.version1);
            snmp.send(v1, t1);
        }
        Alert unknown = awaitAlert(x -> x.dedupKey().equals("snmp-unknown/192.0.2.99/1.3.6.1.4.1.99999.0.17"));
        assertThat(unknown.severity()).isEqualTo(Severity.WARNING);
        assertThat(unknown.summary()).contains("controller v1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Object> listing = SnmpConsumer.unknownListing(context);
            String json = AlertJson.mapper().writeValueAsString(listing);
            assertThat(json).contains("\"trapOid\":\"1.3.6.1.4.1.99999.0.17\"", "\"count\":4", "192.0.2.99",
                    "127.0.0.1", "\"1.3.6.1.4.1.99999.1.1.0\":\"controller v1\"");
        });
        // TCP (RFC 3430)
        try (Snmp snmp = new Snmp(new DefaultTcpTransportMapping())) {
            snmp.listen();
            CommunityTarget<TcpAddress> t = new CommunityTarget<>(new TcpAddress("127.0.0.1/" + tcpPort),
                    new OctetString("public"));
            t.setVersion(SnmpConstants.version2c);
            PDU pdu = new PDU();
            pdu.setType(PDU.TRAP);
            pdu.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(100)));
            pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, new OID("1.3.6.1.6.3.1.1.5.3")));
            pdu.add(new VariableBinding(new OID("1.3.6.1.2.1.2.2.1.1.50"), new Integer32(50)));
            snmp.send(pdu, t);
            awaitAlert(x -> "link/127.0.0.1/50".equals(x.dedupKey()));
        }
    }

    /** A valid trap after bad input still becomes an alert: the receiver is alive. */
    static void assertStillAlive(String marker) throws Exception {
        NetSnmp.Result r = netSnmp("snmptrap", "-v", "2c", "-c", "public", target(), "", "1.3.6.1.4.1.99998.0.1",
                "1.3.6.1.4.1.99998.1.0", "s", marker);
        assertThat(r.exitCode()).as(r.output()).isZero();
        awaitAlert(x -> x.summary() != null && x.summary().contains(marker));
    }
}
