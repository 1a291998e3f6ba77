package io.mimamori.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mimamori.alert.AlertJson;
import io.mimamori.testing.TestCertificates;
import io.mimamori.testing.TestCertificates.Issued;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's command line, TLS input, JSON logs and graceful shutdown, run from the distribution. */
class HubOperationsIT {
    static final String BIN = HubProcess.DIST.resolve("bin/mimamori").toString();

    @TempDir
    Path tmp;

    /** A copy of the shipped config and routes that a test may change. */
    private Path[] copyDefaultDeployment() throws Exception {
        Path config = tmp.resolve("config");
        Path routes = tmp.resolve("routes");
        copyTree(HubProcess.REPO.resolve("config"), config);
        Files.createDirectories(routes);
        Files.copy(HubProcess.REPO.resolve("routes/syslog.yaml"), routes.resolve("syslog.yaml"));
        Files.copy(HubProcess.REPO.resolve("routes/snmp.yaml"), routes.resolve("snmp.yaml"));
        Files.copy(HubProcess.REPO.resolve("routes/deliver-file.yaml"), routes.resolve("deliver-file.yaml"));
        return new Path[] {config, routes};
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void aConnectorsOwnCommandRunsFromTheHubCommandLine() throws Exception {
        String cli = HubProcess.DIST.resolve("bin/mimamori").toString();
        Path mib = HubProcess.REPO.resolve("connectors/snmp/src/test/resources/mibs/ACME-FAN-MIB");
        HubProcess.Result ok = HubProcess.exec(List.of(cli, "mib", "import", mib.toString()));
        assertThat(ok.exitCode()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("oid: 1.3.6.1.4.1.99999.2.0.1   # ACME-FAN-MIB::acmeFanFailed");
        HubProcess.Result bad = HubProcess.exec(List.of(cli, "mib", "import", tmp.resolve("missing.mib").toString()));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.output()).contains("missing.mib: no such file");
        assertThat(HubProcess.exec(List.of(cli, "--help")).output()).contains("mib");
    }

    @Test
    void connectorsCommandListsTheSyslogSourceAndItsParameters() throws Exception {
        HubProcess.Result r = HubProcess.exec(List.of(BIN, "connectors"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).contains("syslog-source (source, version ")
                .contains("udpPort : integer")
                .contains("maxFrameSize : integer, default 65536")
                .contains("tlsKeyFile : string, secret")
                .contains("alertSeverityThreshold : string, default crit, one of none|emerg|alert|crit");
    }

    @Test
    void validateAcceptsTheShippedDeployment() throws Exception {
        HubProcess.Result r = HubProcess.exec(List.of(BIN, "validate",
                "--config", HubProcess.REPO.resolve("config").toString(),
                "--routes", HubProcess.REPO.resolve("routes").toString()));
        assertThat(r.output()).contains("OK:");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void brokenRuleFileFailsValidationWithFileAndLineAndRunRefusesToStart() throws Exception {
        Path[] d = copyDefaultDeployment();
        Path bad = d[0].resolve("rules/syslog/zz-broken.yaml");
        Files.writeString(bad, """
                rules:
                  - id: broken-regex
                    match: { message: 'Disk failure on (?<disk' }
                    alert: { layer: hardware }
                """);
        HubProcess.Result v = HubProcess.exec(List.of(BIN, "validate", "--config", d[0].toString(),
                "--routes", d[1].toString()));
        assertThat(v.exitCode()).isEqualTo(Mimamori.INVALID_CONFIG);
        assertThat(v.output()).contains(bad + ":3: ").contains("1 problem(s) found");

        HubProcess.Result run = HubProcess.exec(List.of(BIN, "run", "--config", d[0].toString(),
                "--routes", d[1].toString(), "--data-dir", tmp.resolve("data").toString()));
        assertThat(run.exitCode()).isEqualTo(Mimamori.INVALID_CONFIG);
        assertThat(run.output()).contains(bad + ":3: ").contains("refusing to start");
    }

    @Test
    void syslogOverMutualTlsIsAcceptedAndAClientWithoutCertificateIsRefused() throws Exception {
        Issued clientCa = TestCertificates.selfSignedCa("device-ca");
        Issued server = TestCertificates.leaf("mimamori-hub", null);
        Path serverCert = TestCertificates.writeCertificate(tmp.resolve("server.pem"), server.certificate());
        Path serverKey = TestCertificates.writePkcs8Key(tmp.resolve("server.key"), server.keys());
        Path caCert = TestCertificates.writeCertificate(tmp.resolve("client-ca.pem"), clientCa.certificate());
        Path[] d = copyDefaultDeployment();
        int tlsPort = HubProcess.freePort();
        Files.writeString(d[1].resolve("syslog-tls.yaml"), """
                - route:
                    id: syslog-tls
                    from:
                      uri: kamelet:syslog-source
                      parameters:
                        name: syslog-tls
                        tlsPort: %d
                        tlsCertFile: "%s"
                        tlsKeyFile: "%s"
                        tlsClientCaFile: "%s"
                      steps:
                        - to: direct:ingest
                """.formatted(tlsPort, serverCert, serverKey, caCert));
        try (HubProcess hub = HubProcess.start(d[0], d[1], tmp.resolve("data"))) {
            String msg = "<10>1 2026-11-24T05:10:00.000Z tls-host billing 1 - - ledger checksum mismatch over tls";
            try (SSLSocket s = (SSLSocket) TestCertificates.clientContext(server.certificate(),
                    TestCertificates.leaf("device-1", clientCa)).getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), tlsPort)) {
                byte[] b = msg.getBytes(StandardCharsets.UTF_8);
                s.getOutputStream().write((b.length + " ").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().write(b);
                s.getOutputStream().flush();
                JsonNode a = await().atMost(Duration.ofSeconds(20)).until(() -> hub.jsonl().stream()
                        .filter(n -> n.path("raw").path("data").asText().contains("mismatch over tls"))
                        .findFirst().orElse(null), n -> n != null);
                assertThat(a.path("source").path("route").asText()).isEqualTo("syslog-tls");
                assertThat(a.path("host").asText()).isEqualTo("tls-host");
            }
            try (SSLSocket s = (SSLSocket) TestCertificates.clientContext(server.certificate(), null).getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), tlsPort)) {
                try {
                    s.getOutputStream().write("20 <10>1 - - - - - - no cert".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    s.getInputStream().read();
                } catch (java.io.IOException expected) {
                    // the server ends the handshake
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.metric("mimamori_malformed_total",
                    Map.of("route", "syslog-tls", "reason", "tls_handshake_failed")) >= 1);
            assertThat(hub.jsonl()).noneMatch(n -> n.path("raw").path("data").asText().contains("no cert"));
        }
    }

    @Test
    void jsonLogsAreOneJsonObjectPerLine() throws Exception {
        try (HubProcess hub = HubProcess.startDefault(tmp.resolve("data"), "--set", "mimamori.log.format=json")) {
            List<String> lines = Files.readAllLines(hub.log).stream().filter(l -> !l.isBlank()).toList();
            assertThat(lines).isNotEmpty();
            for (String line : lines) {
                JsonNode n = AlertJson.mapper().readTree(line);
                assertThat(n.has("message")).as(line).isTrue();
                assertThat(n.has("log.level")).as(line).isTrue();
            }
            assertThat(lines).anyMatch(l -> l.contains("syslog-source 'syslog' listening"));
        }
    }

    @Test
    void sigtermDrainsEverythingAlreadyReceivedIntoTheFile() throws Exception {
        HubProcess hub = HubProcess.startDefault(tmp.resolve("data"));
        // a sender that keeps going while the hub is told to stop, so frames are in flight then
        Thread sender = new Thread(() -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), hub.syslogPort)) {
                OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16);
                for (int i = 0; i < 5_000_000; i++) {
                    byte[] b = ("<10>1 2026-11-24T05:10:00Z drain-host app 1 - - drain test message " + i)
                            .getBytes(StandardCharsets.US_ASCII);
                    out.write((b.length + " ").getBytes(StandardCharsets.US_ASCII));
                    out.write(b);
                }
                out.flush();
            } catch (java.io.IOException expected) {
                // the hub closed the connection while stopping
            }
        });
        sender.start();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                hub.metric("mimamori_received_total", Map.of("route", "syslog")) >= 5_000);
        int exit = hub.terminate(Duration.ofSeconds(60));
        sender.join(30_000);
        String log = hub.logText();
        Matcher m = Pattern.compile("syslog-source 'syslog' stopped: received (\\d+) frame\\(s\\), committed (\\d+) alert\\(s\\)")
                .matcher(log);
        assertThat(m.find()).as(log).isTrue();
        long received = Long.parseLong(m.group(1));
        long committed = Long.parseLong(m.group(2));
        assertThat(received).isGreaterThanOrEqualTo(5_000).isEqualTo(committed);
        // every frame is recorded in the outbox; being one condition, only the first is sent to the file sink
        long recorded;
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + hub.dataDir.resolve("outbox.db"));
             var r = c.createStatement().executeQuery(
                     "SELECT count(*), max(json_extract(CAST(json AS TEXT), '$.occurrences')) FROM alert WHERE CAST(json AS TEXT) LIKE '%drain test message%'")) {
            r.next();
            recorded = r.getLong(1);
            assertThat(r.getLong(2)).as("the last occurrence counts them all").isEqualTo(committed);
        }
        assertThat(recorded).isEqualTo(committed);
        assertThat(Files.readAllLines(hub.dataDir.resolve("alerts.jsonl")).stream()
                .filter(l -> l.contains("drain test message"))).hasSize(1);
        // the JVM reports a SIGTERM-initiated exit as 128+15 once the shutdown hooks have run
        assertThat(exit).isIn(0, 143);
        assertThat(log).contains("(mimamori) shutdown in");
    }
}
