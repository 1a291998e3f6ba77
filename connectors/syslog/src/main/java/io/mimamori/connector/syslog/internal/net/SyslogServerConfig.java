package io.mimamori.connector.syslog.internal.net;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the syslog server listens on and how much it lets each peer hold.
 *
 * @param bindHost address to listen on, e.g. "0.0.0.0" or "127.0.0.1"
 * @param udpPort UDP port; null = no UDP listener, 0 = a free port
 * @param tcpPort TCP port; null = no TCP listener, 0 = a free port
 * @param tlsPort TLS port (RFC 5425); null = no TLS listener, 0 = a free port
 * @param maxFrameSize longer frames are delivered truncated to this many bytes
 * @param udpReceiveBufferSize SO_RCVBUF of each UDP socket in bytes; the kernel caps it at net.core.rmem_max
 * @param udpThreads UDP reader threads, each with its own SO_REUSEPORT socket (used with epoll only)
 * @param maxConnections TCP and TLS connections open at once; a connection above it is closed
 * @param maxInFlightPerConnection frames of one TCP/TLS connection handed out and not yet done before
 *     reading from it pauses
 * @param idleTimeout a TCP/TLS connection that sends nothing for this long is closed; null = never
 * @param tlsCertFile PEM certificate chain, required when tlsPort is set
 * @param tlsKeyFile PEM PKCS#8 private key, required when tlsPort is set
 * @param tlsClientCaFile when set, TLS clients must present a certificate signed by this PEM CA
 */
public record SyslogServerConfig(
        String bindHost,
        Integer udpPort,
        Integer tcpPort,
        Integer tlsPort,
        int maxFrameSize,
        int udpReceiveBufferSize,
        int udpThreads,
        int maxConnections,
        int maxInFlightPerConnection,
        Duration idleTimeout,
        Path tlsCertFile,
        Path tlsKeyFile,
        Path tlsClientCaFile) {

    public static final int MIN_FRAME_SIZE = 480;
    public static final int MAX_FRAME_SIZE = 16 * 1024 * 1024;

    public SyslogServerConfig {
        if (bindHost == null || bindHost.isBlank()) {
            throw new IllegalArgumentException(
                    "bindHost is blank: give the address to listen on, such as 0.0.0.0 or 127.0.0.1");
        }
        checkPort("udpPort", udpPort, "UDP");
        checkPort("tcpPort", tcpPort, "TCP");
        checkPort("tlsPort", tlsPort, "TLS");
        if (tcpPort != null && tcpPort != 0 && tcpPort.equals(tlsPort)) {
            throw new IllegalArgumentException("tcpPort and tlsPort are both " + tcpPort
                    + ": give TCP and TLS different ports");
        }
        if (maxFrameSize < MIN_FRAME_SIZE || maxFrameSize > MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("maxFrameSize " + maxFrameSize + " is out of range: use "
                    + MIN_FRAME_SIZE + ".." + MAX_FRAME_SIZE + " bytes (65536 is usual)");
        }
        checkPositive("udpReceiveBufferSize", udpReceiveBufferSize, "bytes, e.g. 8388608");
        checkPositive("udpThreads", udpThreads, "threads, e.g. the number of cores");
        checkPositive("maxConnections", maxConnections, "connections");
        checkPositive("maxInFlightPerConnection", maxInFlightPerConnection, "frames");
        if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
            throw new IllegalArgumentException("idleTimeout " + idleTimeout
                    + " is not positive: give a positive duration, or leave it unset to never close idle connections");
        }
        if (tlsPort != null) {
            checkReadable("tlsCertFile", tlsCertFile, "the PEM certificate chain");
            checkReadable("tlsKeyFile", tlsKeyFile, "the PEM PKCS#8 private key");
        }
        if (tlsClientCaFile != null) {
            checkReadable("tlsClientCaFile", tlsClientCaFile, "the PEM CA certificate that signs client certificates");
        }
    }

    /** Listens on 0.0.0.0 with no listener enabled: set at least one port. */
    public static SyslogServerConfig defaults() {
        return new SyslogServerConfig("0.0.0.0", null, null, null,
                65536,
                8 * 1024 * 1024,
                Runtime.getRuntime().availableProcessors(),
                1024,
                1024,
                null,
                null, null, null);
    }

    public SyslogServerConfig withBindHost(String host) {
        return new SyslogServerConfig(host, udpPort, tcpPort, tlsPort, maxFrameSize, udpReceiveBufferSize,
                udpThreads, maxConnections, maxInFlightPerConnection, idleTimeout, tlsCertFile, tlsKeyFile,
                tlsClientCaFile);
    }

    public SyslogServerConfig withUdpPort(Integer port) {
        return new SyslogServerConfig(bindHost, port, tcpPort, tlsPort, maxFrameSize, udpReceiveBufferSize,
                udpThreads, maxConnections, maxInFlightPerConnection, idleTimeout, tlsCertFile, tlsKeyFile,
                tlsClientCaFile);
    }

    public SyslogServerConfig withTcpPort(Integer port) {
        return new SyslogServerConfig(bindHost, udpPort, port, tlsPort, maxFrameSize, udpReceiveBufferSize,
                udpThreads, maxConnections, maxInFlightPerConnection, idleTimeout, tlsCertFile, tlsKeyFile,
                tlsClientCaFile);
    }

    /** Enables TLS on {@code port} with the given PEM files; {@code clientCaFile} null = no client certificates. */
    public SyslogServerConfig withTls(Integer port, Path certFile, Path keyFile, Path clientCaFile) {
        return new SyslogServerConfig(bindHost, udpPort, tcpPort, port, maxFrameSize, udpReceiveBufferSize,
                udpThreads, maxConnections, maxInFlightPerConnection, idleTimeout, certFile, keyFile,
                clientCaFile);
    }

    public SyslogServerConfig withMaxFrameSize(int bytes) {
        return new SyslogServerConfig(bindHost, udpPort, tcpPort, tlsPort, bytes, udpReceiveBufferSize,
                udpThreads, maxConnections, maxInFlightPerConnection, idleTimeout, tlsCertFile, tlsKeyFile,
                tlsClientCaFile);
    }

    public SyslogServerConfig withUdpReceiveBufferSize(int bytes) {
        return new SyslogServerConfig(bindHost, udpPort, tcpPort, tlsPort, maxFrameSize, bytes,
                udpThreads, maxConnections, maxInFlightPerConnection, idleTimeout, tlsCertFile, tlsKeyFile,
                tlsClientCaFile);
    }

    public SyslogServerConfig withUdpThreads(int threads) {
        return new SyslogServerConfig(bindHost, udpPort, tcpPort, tlsPort, maxFrameSize, udpReceiveBufferSize,
                threads, maxConnections, maxInFlightPerConnection, idleTimeout, tlsCertFile, tlsKeyFile,
                tlsClientCaFile);
    }

    public SyslogServerConfig withMaxConnections(int connections) {
        return new SyslogServerConfig(bindHost, udpPort, tcpPort, tlsPort, maxFrameSize, udpReceiveBufferSize,
                udpThreads, connections, maxInFlightPerConnection, idleTimeout, tlsCertFile, tlsKeyFile,
                tlsClientCaFile);
    }

    public SyslogServerConfig withMaxInFlightPerConnection(int frames) {
        return new SyslogServerConfig(bindHost, udpPort, tcpPort, tlsPort, maxFrameSize, udpReceiveBufferSize,
                udpThreads, maxConnections, frames, idleTimeout, tlsCertFile, tlsKeyFile, tlsClientCaFile);
    }

    public SyslogServerConfig withIdleTimeout(Duration timeout) {
        return new SyslogServerConfig(bindHost, udpPort, tcpPort, tlsPort, maxFrameSize, udpReceiveBufferSize,
                udpThreads, maxConnections, maxInFlightPerConnection, timeout, tlsCertFile, tlsKeyFile,
                tlsClientCaFile);
    }

    private static void checkPort(String name, Integer port, String transport) {
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException(name + " " + port + " is out of range: use 0..65535 (0 picks a free port),"
                    + " or leave it unset to disable " + transport);
        }
    }

    private static void checkPositive(String name, int value, String unit) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " " + value + " is not positive: give at least 1 (" + unit + ")");
        }
    }

    private static void checkReadable(String name, Path file, String what) {
        if (file == null) {
            throw new IllegalArgumentException(name + " is missing: TLS needs " + what + " as a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(name + " " + file + " does not exist or is not a file: give "
                    + what);
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(name + " " + file
                    + " is not readable: check the file permissions for the user running the hub");
        }
    }
}
