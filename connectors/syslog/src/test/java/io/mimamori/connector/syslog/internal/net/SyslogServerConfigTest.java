package io.mimamori.connector.syslog.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyslogServerConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsListenNowhereWithSensibleLimits() {
        SyslogServerConfig defaults = SyslogServerConfig.defaults();

        assertThat(defaults.bindHost()).isEqualTo("0.0.0.0");
        assertThat(defaults.udpPort()).isNull();
        assertThat(defaults.tcpPort()).isNull();
        assertThat(defaults.tlsPort()).isNull();
        assertThat(defaults.maxFrameSize()).isEqualTo(65536);
        assertThat(defaults.udpReceiveBufferSize()).isEqualTo(8 * 1024 * 1024);
        assertThat(defaults.udpThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(defaults.maxConnections()).isPositive();
        assertThat(defaults.maxInFlightPerConnection()).isPositive();
        assertThat(defaults.idleTimeout()).isNull();
    }

    @Test
    void copyHelpersChangeOneParameter() {
        SyslogServerConfig config = SyslogServerConfig.defaults().withUdpPort(514).withTcpPort(0)
                .withMaxFrameSize(480).withIdleTimeout(Duration.ofMinutes(5));

        assertThat(config.udpPort()).isEqualTo(514);
        assertThat(config.tcpPort()).isZero();
        assertThat(config.maxFrameSize()).isEqualTo(480);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.bindHost()).isEqualTo("0.0.0.0");
    }

    @Test
    void rejectsOutOfRangeValuesNamingTheParameter() {
        SyslogServerConfig defaults = SyslogServerConfig.defaults();

        assertThatThrownBy(() -> defaults.withMaxFrameSize(479)).hasMessageStartingWith("maxFrameSize 479");
        assertThatThrownBy(() -> defaults.withMaxFrameSize(16 * 1024 * 1024 + 1)).hasMessageStartingWith("maxFrameSize");
        assertThatThrownBy(() -> defaults.withUdpPort(65536)).hasMessageStartingWith("udpPort 65536");
        assertThatThrownBy(() -> defaults.withTcpPort(-1)).hasMessageStartingWith("tcpPort -1");
        assertThatThrownBy(() -> defaults.withUdpThreads(0)).hasMessageStartingWith("udpThreads 0");
        assertThatThrownBy(() -> defaults.withMaxConnections(0)).hasMessageStartingWith("maxConnections 0");
        assertThatThrownBy(() -> defaults.withMaxInFlightPerConnection(0))
                .hasMessageStartingWith("maxInFlightPerConnection 0");
        assertThatThrownBy(() -> defaults.withUdpReceiveBufferSize(0)).hasMessageStartingWith("udpReceiveBufferSize 0");
        assertThatThrownBy(() -> defaults.withIdleTimeout(Duration.ZERO)).hasMessageStartingWith("idleTimeout");
        assertThatThrownBy(() -> defaults.withBindHost(" ")).hasMessageStartingWith("bindHost");
        assertThatThrownBy(() -> defaults.withTcpPort(6514).withTls(6514, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tcpPort and tlsPort are both 6514");
    }

    @Test
    void tlsNeedsReadableCertificateAndKey() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "cert");
        Path key = Files.writeString(dir.resolve("key.pem"), "key");
        SyslogServerConfig defaults = SyslogServerConfig.defaults();

        assertThatThrownBy(() -> defaults.withTls(6514, null, key, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tlsCertFile is missing");
        assertThatThrownBy(() -> defaults.withTls(6514, cert, dir.resolve("absent.pem"), null))
                .hasMessageStartingWith("tlsKeyFile " + dir.resolve("absent.pem") + " does not exist");
        assertThatThrownBy(() -> defaults.withTls(6514, cert, key, dir))
                .hasMessageStartingWith("tlsClientCaFile " + dir);
        assertThat(defaults.withTls(6514, cert, key, null).tlsPort()).isEqualTo(6514);
    }
}
