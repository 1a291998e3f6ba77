package io.mimamori.connector.syslog.internal.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mimamori.connector.syslog.internal.net.RecordingListener.Frame;
import io.mimamori.testing.TestCertificates;
import io.mimamori.testing.TestCertificates.Issued;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyslogServerTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String RFC3164_TIMESTAMP = "[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2}";

    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();
    private final List<SyslogServer> servers = new ArrayList<>();

    @AfterEach
    void closeServers() {
        servers.forEach(server -> server.close(Duration.ZERO));
    }

    @ParameterizedTest(name = "native transport allowed: {0}")
    @ValueSource(booleans = {true, false})
    void udpDatagramFromLogger(boolean nativeTransport) throws Exception {
        SyslogServer server = start(loopback().withUdpPort(0), listener, nativeTransport);

        runLogger(null, "-d", "-n", "127.0.0.1", "-P", String.valueOf(server.udpPort()),
                "--rfc5424=notime,nohost,notq", "-t", "mimamori", "-p", "user.warning", "hello udp");

        await().atMost(WAIT).until(() -> listener.frames().size() == 1);
        Frame frame = listener.frames().get(0);
        assertThat(frame.text()).isEqualTo("<12>1 - - mimamori - - - hello udp");
        assertThat(frame.transport()).isEqualTo(Transport.UDP);
        assertThat(frame.truncated()).isFalse();
        assertThat(frame.peer().getAddress()).isEqualTo(LOOPBACK);
    }

    @ParameterizedTest(name = "native transport allowed: {0}")
    @ValueSource(booleans = {true, false})
    void tcpLfFramesFromLogger(boolean nativeTransport) throws Exception {
        SyslogServer server = start(loopback().withTcpPort(0), listener, nativeTransport);

        runLogger("first line\nsecond line\n", "-T", "-n", "127.0.0.1", "-P", String.valueOf(server.tcpPort()),
                "--rfc3164", "-t", "mimamori");

        await().atMost(WAIT).until(() -> listener.frames().size() == 2);
        assertThat(listener.texts().get(0)).matches("<13>" + RFC3164_TIMESTAMP + " \\S+ mimamori: first line");
        assertThat(listener.texts().get(1)).matches("<13>" + RFC3164_TIMESTAMP + " \\S+ mimamori: second line");
        assertThat(listener.frames()).allSatisfy(frame -> assertThat(frame.transport()).isEqualTo(Transport.TCP));
        assertThat(listener.errors()).isEmpty();
    }

    @ParameterizedTest(name = "native transport allowed: {0}")
    @ValueSource(booleans = {true, false})
    void tcpOctetCountedFramesFromLogger(boolean nativeTransport) throws Exception {
        SyslogServer server = start(loopback().withTcpPort(0), listener, nativeTransport);

        runLogger("one\ntwo words\n", "-T", "-n", "127.0.0.1", "-P", String.valueOf(server.tcpPort()),
                "--octet-count", "--rfc5424=notime,nohost,notq", "-t", "mimamori");

        await().atMost(WAIT).until(() -> listener.frames().size() == 2);
        assertThat(listener.texts())
                .containsExactly("<13>1 - - mimamori - - - one", "<13>1 - - mimamori - - - two words");
        assertThat(listener.frames()).allSatisfy(frame -> {
            assertThat(frame.transport()).isEqualTo(Transport.TCP);
            assertThat(frame.truncated()).isFalse();
        });
        assertThat(listener.errors()).isEmpty();
    }

    @ParameterizedTest(name = "native transport allowed: {0}")
    @ValueSource(booleans = {true, false})
    void datagramLongerThanMaxFrameSizeIsTruncated(boolean nativeTransport) throws Exception {
        SyslogServer server = start(loopback().withUdpPort(0).withMaxFrameSize(480), listener, nativeTransport);
        byte[] exactlyMax = new byte[480];
        Arrays.fill(exactlyMax, (byte) 'e');
        byte[] tooLong = new byte[1000];
        Arrays.fill(tooLong, (byte) 't');

        try (DatagramSocket udp = new DatagramSocket()) {
            udp.send(new DatagramPacket(exactlyMax, exactlyMax.length, LOOPBACK, server.udpPort()));
            udp.send(new DatagramPacket(tooLong, tooLong.length, LOOPBACK, server.udpPort()));
        }

        await().atMost(WAIT).until(() -> listener.frames().size() == 2);
        assertThat(listener.frames().get(0).bytes()).isEqualTo(exactlyMax);
        assertThat(listener.frames().get(0).truncated()).isFalse();
        assertThat(listener.frames().get(1).bytes()).isEqualTo(Arrays.copyOf(tooLong, 480));
        assertThat(listener.frames().get(1).truncated()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void tlsOctetCountedFrames(String protocol) throws Exception {
        Issued serverIdentity = TestCertificates.leaf("syslog-server", null);
        SyslogServer server = start(loopback().withTls(0, certificateFile(serverIdentity), keyFile(serverIdentity), null));
        SSLContext client = TestCertificates.clientContext(serverIdentity.certificate(), null);

        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(LOOPBACK, server.tlsPort())) {
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
            socket.getOutputStream().write(octetCounted("<13>1 - - app - - - over tls", "<14>1 - - app - - - second"));
            socket.getOutputStream().flush();
            await().atMost(WAIT).until(() -> listener.frames().size() == 2);
        }

        assertThat(listener.texts()).containsExactly("<13>1 - - app - - - over tls", "<14>1 - - app - - - second");
        assertThat(listener.frames()).allSatisfy(frame -> assertThat(frame.transport()).isEqualTo(Transport.TLS));
        assertThat(listener.errors()).isEmpty();
    }

    @Test
    void mutualTlsAcceptsAClientCertificateSignedByTheClientCa() throws Exception {
        Issued ca = TestCertificates.selfSignedCa("device-ca");
        Issued serverIdentity = TestCertificates.leaf("syslog-server", null);
        SyslogServer server = start(loopback().withTls(0, certificateFile(serverIdentity), keyFile(serverIdentity),
                TestCertificates.writeCertificate(dir.resolve("client-ca.pem"), ca.certificate())));
        SSLContext client = TestCertificates.clientContext(serverIdentity.certificate(),
                TestCertificates.leaf("device-1", ca));

        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(LOOPBACK, server.tlsPort())) {
            socket.getOutputStream().write(octetCounted("<13>1 - - device-1 - - - authenticated"));
            socket.getOutputStream().flush();
            await().atMost(WAIT).until(() -> listener.frames().size() == 1);
        }

        assertThat(listener.texts()).containsExactly("<13>1 - - device-1 - - - authenticated");
        assertThat(listener.errors()).isEmpty();
    }

    @Test
    void mutualTlsRejectsClientsWithoutACertificateFromTheClientCa() throws Exception {
        Issued ca = TestCertificates.selfSignedCa("device-ca");
        Issued serverIdentity = TestCertificates.leaf("syslog-server", null);
        SyslogServer server = start(loopback().withTls(0, certificateFile(serverIdentity), keyFile(serverIdentity),
                TestCertificates.writeCertificate(dir.resolve("client-ca.pem"), ca.certificate())));

        sendOverTlsExpectingRejection(TestCertificates.clientContext(serverIdentity.certificate(), null),
                server.tlsPort());
        await().atMost(WAIT).until(() -> listener.reasons().size() == 1);
        sendOverTlsExpectingRejection(TestCertificates.clientContext(serverIdentity.certificate(),
                TestCertificates.leaf("stranger", null)), server.tlsPort());
        await().atMost(WAIT).until(() -> listener.reasons().size() == 2);

        assertThat(listener.errors()).allSatisfy(error -> {
            assertThat(error.reason()).isEqualTo("tls_handshake_failed");
            assertThat(error.transport()).isEqualTo(Transport.TLS);
        });
        assertThat(listener.frames()).isEmpty();
        await().atMost(WAIT).until(() -> server.openConnections() == 0);
    }

    @Test
    void plaintextOnTheTlsPortIsAFailedHandshake() throws Exception {
        Issued serverIdentity = TestCertificates.leaf("syslog-server", null);
        SyslogServer server = start(loopback().withTls(0, certificateFile(serverIdentity), keyFile(serverIdentity), null));

        try (Socket socket = new Socket(LOOPBACK, server.tlsPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write("<13>Nov 24 05:24:11 host app: not tls\n".getBytes(UTF_8));
            assertThat(readUntilClosed(socket.getInputStream())).isTrue();
        }

        await().atMost(WAIT).until(() -> listener.reasons().contains("tls_handshake_failed"));
        assertThat(listener.frames()).isEmpty();
    }

    @Test
    void randomGarbageDoesNotStopTheServer() throws Exception {
        SyslogServer server = start(loopback().withUdpPort(0).withTcpPort(0).withMaxFrameSize(480));
        Random random = new Random(11);
        byte[] junk = new byte[512 * 1024];
        random.nextBytes(junk);

        try (Socket socket = new Socket(LOOPBACK, server.tcpPort())) {
            socket.getOutputStream().write(junk);
        }
        try (DatagramSocket udp = new DatagramSocket()) {
            for (int i = 0; i < 200; i++) {
                int length = random.nextInt(2000);
                udp.send(new DatagramPacket(junk, i * 2000, length, LOOPBACK, server.udpPort()));
            }
        }
        runLogger(null, "-T", "-n", "127.0.0.1", "-P", String.valueOf(server.tcpPort()), "--octet-count",
                "--rfc5424=notime,nohost,notq", "-t", "mimamori", "still alive over tcp");
        runLogger(null, "-d", "-n", "127.0.0.1", "-P", String.valueOf(server.udpPort()),
                "--rfc5424=notime,nohost,notq", "-t", "mimamori", "still alive over udp");

        await().atMost(WAIT).until(() -> listener.texts().containsAll(List.of(
                "<13>1 - - mimamori - - - still alive over tcp", "<13>1 - - mimamori - - - still alive over udp")));
        assertThat(listener.frames()).allSatisfy(frame -> assertThat(frame.bytes().length).isBetween(1, 480));
    }

    @Test
    void tcpSenderIsPushedBackWhileFramesAreNotDone() throws Exception {
        int maxInFlight = 8;
        int total = 60_000;
        SequenceListener sequence = new SequenceListener();
        SyslogServer server = start(loopback().withTcpPort(0).withMaxInFlightPerConnection(maxInFlight), sequence, true);
        AtomicReference<Throwable> sendFailure = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try (Socket socket = new Socket(LOOPBACK, server.tcpPort());
                    OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024)) {
                for (int i = 0; i < total; i++) {
                    out.write(SequenceListener.frame(i));
                }
            } catch (IOException | RuntimeException e) {
                sendFailure.set(e);
            }
        }, "backpressure-sender");
        sender.setDaemon(true);
        sender.start();

        await().atMost(WAIT).until(() -> sequence.received() >= maxInFlight);
        // 120 MB would pass in well under a second if the server kept reading.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> sequence.received() <= maxInFlight && sender.isAlive());

        sequence.releaseAll();
        await().atMost(Duration.ofSeconds(120)).until(() -> sequence.received() == total);
        sender.join(WAIT.toMillis());
        assertThat(sender.isAlive()).isFalse();
        assertThat(sendFailure.get()).isNull();
        assertThat(sequence.outOfOrder()).isZero();
    }

    @Test
    void connectionsAboveMaxConnectionsAreRefused() throws Exception {
        SyslogServer server = start(loopback().withTcpPort(0).withMaxConnections(2));
        Socket leaving = new Socket(LOOPBACK, server.tcpPort());

        try (Socket staying = new Socket(LOOPBACK, server.tcpPort())) {
            await().atMost(WAIT).until(() -> server.openConnections() == 2);
            try (Socket refused = new Socket(LOOPBACK, server.tcpPort())) {
                refused.setSoTimeout((int) WAIT.toMillis());
                await().atMost(WAIT).until(() -> listener.reasons().contains("too_many_connections"));
                assertThat(readUntilClosed(refused.getInputStream())).isTrue();
            }
            assertThat(listener.errors()).singleElement().satisfies(error -> {
                assertThat(error.transport()).isEqualTo(Transport.TCP);
                assertThat(error.peer().getAddress()).isEqualTo(LOOPBACK);
            });

            leaving.close();
            await().atMost(WAIT).until(() -> server.openConnections() == 1);
            try (Socket admitted = new Socket(LOOPBACK, server.tcpPort())) {
                admitted.getOutputStream().write("<13>room again\n".getBytes(UTF_8));
                await().atMost(WAIT).until(() -> listener.texts().contains("<13>room again"));
            }
            staying.getOutputStream().write("<13>still connected\n".getBytes(UTF_8));
        } finally {
            leaving.close();
        }
        await().atMost(WAIT).until(() -> listener.texts().contains("<13>still connected"));
        await().atMost(WAIT).until(() -> server.openConnections() == 0);
    }

    @Test
    void tcpPortInUseFailsNamingTransportHostAndPort() throws Exception {
        try (ServerSocket occupied = new ServerSocket(0, 50, LOOPBACK)) {
            SyslogServer server = new SyslogServer(loopback().withTcpPort(occupied.getLocalPort()), listener);
            servers.add(server);

            assertThatThrownBy(server::start)
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("TCP 127.0.0.1:" + occupied.getLocalPort() + " is in use");
        }
    }

    @Test
    void udpPortInUseFailsAndReleasesWhatWasAlreadyBound() throws Exception {
        int tcpPort;
        try (ServerSocket probe = new ServerSocket(0, 50, LOOPBACK)) {
            tcpPort = probe.getLocalPort();
        }
        try (DatagramSocket occupied = new DatagramSocket(0, LOOPBACK)) {
            SyslogServer server = new SyslogServer(
                    loopback().withTcpPort(tcpPort).withUdpPort(occupied.getLocalPort()).withUdpThreads(2), listener);
            servers.add(server);

            assertThatThrownBy(server::start)
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("UDP 127.0.0.1:" + occupied.getLocalPort() + " is in use");
        }
        int udpPort;
        try (DatagramSocket probe = new DatagramSocket(0, LOOPBACK)) {
            udpPort = probe.getLocalPort();
        }
        try (ServerSocket occupied = new ServerSocket(0, 50, LOOPBACK)) {
            SyslogServer server = new SyslogServer(
                    loopback().withUdpPort(udpPort).withTcpPort(occupied.getLocalPort()), listener);
            servers.add(server);

            assertThatThrownBy(server::start).hasMessageContaining("TCP 127.0.0.1:" + occupied.getLocalPort());
        }
        try (DatagramSocket rebound = new DatagramSocket(udpPort, LOOPBACK)) {
            assertThat(rebound.getLocalPort()).isEqualTo(udpPort);
        }
    }

    @Test
    void gracefulCloseWaitsForHandedOutFramesToBeDone() throws Exception {
        SyslogServer server = start(loopback().withTcpPort(0).withUdpPort(0));
        listener.withholdDone();
        try (Socket socket = new Socket(LOOPBACK, server.tcpPort())) {
            socket.getOutputStream().write("<13>held\n".getBytes(UTF_8));
            await().atMost(WAIT).until(() -> listener.frames().size() == 1);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> server.close(Duration.ofSeconds(60)));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !closing.isDone());
            assertThat(server.openConnections()).isEqualTo(1);

            listener.releaseAll();
            await().atMost(WAIT).until(closing::isDone);
            assertThat(readUntilClosed(socket.getInputStream())).isTrue();
        }
        assertThat(server.openConnections()).isZero();
        assertThatThrownBy(() -> new Socket(LOOPBACK, server.tcpPort()).close()).isInstanceOf(IOException.class);
    }

    @Test
    void closeGivesUpWaitingAfterTheDrainTime() throws Exception {
        SyslogServer server = start(loopback().withTcpPort(0));
        listener.withholdDone();
        try (Socket socket = new Socket(LOOPBACK, server.tcpPort())) {
            socket.getOutputStream().write("<13>never done\n".getBytes(UTF_8));
            await().atMost(WAIT).until(() -> listener.frames().size() == 1);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> server.close(Duration.ofMillis(200)));

            await().atMost(WAIT).until(closing::isDone);
        }
        assertThat(server.openConnections()).isZero();
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        SyslogServer server = start(loopback().withTcpPort(0).withIdleTimeout(Duration.ofMillis(300)));

        try (Socket socket = new Socket(LOOPBACK, server.tcpPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write("<13>then silence\n".getBytes(UTF_8));
            assertThat(readUntilClosed(socket.getInputStream())).isTrue();
        }

        assertThat(listener.texts()).containsExactly("<13>then silence");
        await().atMost(WAIT).until(() -> server.openConnections() == 0);
    }

    @Test
    void portsAreMinusOneWhenNotConfigured() throws Exception {
        SyslogServer server = start(loopback().withTcpPort(0));

        assertThat(server.tcpPort()).isPositive();
        assertThat(server.udpPort()).isEqualTo(-1);
        assertThat(server.tlsPort()).isEqualTo(-1);
    }

    private SyslogServer start(SyslogServerConfig config) throws IOException {
        return start(config, listener, true);
    }

    private SyslogServer start(SyslogServerConfig config, FrameListener frameListener, boolean nativeTransport)
            throws IOException {
        SyslogServer server = new SyslogServer(config, frameListener, nativeTransport);
        servers.add(server);
        server.start();
        return server;
    }

    private static SyslogServerConfig loopback() {
        return SyslogServerConfig.defaults().withBindHost("127.0.0.1");
    }

    private Path certificateFile(Issued identity) throws Exception {
        return TestCertificates.writeCertificate(dir.resolve("server.pem"), identity.certificate());
    }

    private Path keyFile(Issued identity) throws Exception {
        return TestCertificates.writePkcs8Key(dir.resolve("server.key"), identity.keys());
    }

    private static void sendOverTlsExpectingRejection(SSLContext client, int port) throws IOException {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(LOOPBACK, port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(octetCounted("<13>1 - - intruder - - - let me in"));
            socket.getOutputStream().flush();
            readUntilClosed(socket.getInputStream());
        } catch (IOException rejected) {
            // Depending on the TLS version the client learns of the rejection while writing or reading.
        }
    }

    /** True once the peer has closed the connection. */
    private static boolean readUntilClosed(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        while (in.read(buffer) >= 0) {
            // the server sends nothing worth keeping
        }
        return true;
    }

    private static void runLogger(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("logger");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(UTF_8));
            }
        }
        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("logger finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.exitValue()).as("logger exit code, output: %s", output).isZero();
    }

    private static byte[] octetCounted(String... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String message : messages) {
            byte[] body = message.getBytes(UTF_8);
            out.writeBytes((body.length + " ").getBytes(UTF_8));
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** Counts numbered frames, checks their order, and withholds done until released. */
    private static final class SequenceListener implements FrameListener {

        private static final int FRAME_LENGTH = 2000;
        private static final String PREFIX = "<13>seq=";

        private final AtomicInteger received = new AtomicInteger();
        private final AtomicInteger outOfOrder = new AtomicInteger();
        private final Queue<Runnable> withheld = new ConcurrentLinkedQueue<>();
        private boolean withholding = true;

        static byte[] frame(int sequence) {
            String body = PREFIX + String.format("%08d ", sequence);
            body = body + "p".repeat(FRAME_LENGTH - body.length());
            return (FRAME_LENGTH + " " + body).getBytes(UTF_8);
        }

        @Override
        public void onFrame(byte[] frame, InetSocketAddress peer, Transport transport, boolean truncated,
                Runnable done) {
            int expected = received.getAndIncrement();
            String sequence = new String(frame, PREFIX.length(), 8, UTF_8);
            if (frame.length != FRAME_LENGTH || Integer.parseInt(sequence) != expected) {
                outOfOrder.incrementAndGet();
            }
            synchronized (this) {
                if (withholding) {
                    withheld.add(done);
                    return;
                }
            }
            done.run();
        }

        @Override
        public void onError(InetSocketAddress peer, Transport transport, String reason) {
            outOfOrder.incrementAndGet();
        }

        int received() {
            return received.get();
        }

        int outOfOrder() {
            return outOfOrder.get();
        }

        void releaseAll() {
            synchronized (this) {
                withholding = false;
            }
            for (Runnable done = withheld.poll(); done != null; done = withheld.poll()) {
                done.run();
            }
        }
    }
}
