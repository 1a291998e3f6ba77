package io.mimamori.connector.syslog.internal.net;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives syslog over UDP, TCP and TLS and hands every frame to a {@link FrameListener}.
 *
 * <p>Uses epoll when it is available, with one SO_REUSEPORT socket per UDP reader thread so that the
 * kernel spreads datagrams over them; otherwise NIO with a single UDP reader.
 *
 * <p>Start and close it from an application thread, never from a listener callback: close waits for the
 * I/O threads.
 */
public final class SyslogServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogServer.class);
    private static final Duration DEFAULT_DRAIN = Duration.ofSeconds(10);
    private static final long TLS_HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final Path RMEM_MAX = Path.of("/proc/sys/net/core/rmem_max");

    private enum State { NEW, STARTED, CLOSED }

    private final SyslogServerConfig config;
    private final FrameListener listener;
    private final boolean nativeTransportAllowed;
    private final ProblemReporter problems;
    private final OutstandingFrames outstanding = new OutstandingFrames();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final List<Channel> listeningChannels = new CopyOnWriteArrayList<>();
    private final ChannelGroup connections = new DefaultChannelGroup("syslog-connections", GlobalEventExecutor.INSTANCE);

    private State state = State.NEW;
    private volatile boolean closing;
    private boolean nativeTransport;
    private EventLoopGroup udpGroup;
    private EventLoopGroup streamGroup;
    private volatile int udpPort = -1;
    private volatile int tcpPort = -1;
    private volatile int tlsPort = -1;

    public SyslogServer(SyslogServerConfig config, FrameListener listener) {
        this(config, listener, true);
    }

    /** {@code nativeTransportAllowed} false forces NIO even where epoll is available. */
    SyslogServer(SyslogServerConfig config, FrameListener listener, boolean nativeTransportAllowed) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.nativeTransportAllowed = nativeTransportAllowed;
        this.problems = new ProblemReporter(listener);
    }

    /**
     * Binds every configured listener; throws IOException naming the transport, host and port when a
     * bind fails, closing what was already bound.
     */
    public synchronized void start() throws IOException {
        if (state != State.NEW) {
            throw new IllegalStateException("A SyslogServer starts only once; this one is " + state);
        }
        if (config.udpPort() == null && config.tcpPort() == null && config.tlsPort() == null) {
            throw new IllegalStateException("No syslog listener configured: set udpPort, tcpPort or tlsPort");
        }
        state = State.STARTED;
        nativeTransport = nativeTransportAllowed && Epoll.isAvailable();
        if (nativeTransportAllowed && !nativeTransport) {
            LOG.info("Syslog server uses NIO with one UDP reader thread: epoll is unavailable ({})",
                    Epoll.unavailabilityCause().toString());
        }
        try {
            InetAddress address = resolveBindHost();
            SslContext tls = config.tlsPort() == null ? null : tlsContext();
            if (config.udpPort() != null) {
                udpPort = bindUdp(address, config.udpPort());
            }
            if (config.tcpPort() != null) {
                tcpPort = bindStream(Transport.TCP, address, config.tcpPort(), null);
            }
            if (tls != null) {
                tlsPort = bindStream(Transport.TLS, address, config.tlsPort(), tls);
            }
        } catch (IOException | RuntimeException e) {
            state = State.CLOSED;
            closing = true;
            releaseResources();
            udpPort = -1;
            tcpPort = -1;
            tlsPort = -1;
            throw e;
        }
    }

    /** The bound UDP port, or -1 when UDP is not configured or not bound. */
    public int udpPort() {
        return udpPort;
    }

    /** The bound TCP port, or -1 when TCP is not configured or not bound. */
    public int tcpPort() {
        return tcpPort;
    }

    /** The bound TLS port, or -1 when TLS is not configured or not bound. */
    public int tlsPort() {
        return tlsPort;
    }

    /** TCP and TLS connections open now. */
    public int openConnections() {
        return openConnections.get();
    }

    /**
     * Stops accepting and reading, waits up to {@code drain} for every handed-out frame to be done, then
     * closes everything. Frames read but not yet handed out are dropped.
     */
    public void close(Duration drain) {
        Objects.requireNonNull(drain, "drain");
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        }
        closing = true;
        for (Channel channel : listeningChannels) {
            channel.close().awaitUninterruptibly();
        }
        stopReadingConnections();
        boolean interrupted = false;
        boolean drained;
        try {
            drained = outstanding.awaitNone(drain);
        } catch (InterruptedException e) {
            interrupted = true;
            drained = outstanding.count() == 0;
        }
        if (!drained) {
            LOG.warn("Syslog server closes with {} frame(s) not done after waiting {}", outstanding.count(), drain);
        }
        releaseResources();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes with a drain of 10 seconds. */
    @Override
    public void close() {
        close(DEFAULT_DRAIN);
    }

    private InetAddress resolveBindHost() throws IOException {
        try {
            return InetAddress.getByName(config.bindHost());
        } catch (UnknownHostException e) {
            throw new IOException("Syslog bindHost " + config.bindHost() + " cannot be resolved: give an IP address", e);
        }
    }

    private SslContext tlsContext() throws IOException {
        try {
            SslContextBuilder builder = SslContextBuilder
                    .forServer(config.tlsCertFile().toFile(), config.tlsKeyFile().toFile())
                    .protocols("TLSv1.3", "TLSv1.2");
            if (config.tlsClientCaFile() != null) {
                builder.trustManager(config.tlsClientCaFile().toFile()).clientAuth(ClientAuth.REQUIRE);
            }
            return builder.build();
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("TLS certificate, key or client CA could not be loaded (tlsCertFile "
                    + config.tlsCertFile() + ", tlsKeyFile " + config.tlsKeyFile() + ", tlsClientCaFile "
                    + config.tlsClientCaFile() + "): " + e.getMessage()
                    + "; the key must be an unencrypted PKCS#8 PEM (BEGIN PRIVATE KEY)", e);
        }
    }

    /** Datagrams one recvmmsg call may read (epoll only). */
    static final int DATAGRAMS_PER_READ = 16;

    private int bindUdp(InetAddress address, int port) throws IOException {
        int readers = nativeTransport ? config.udpThreads() : 1;
        udpGroup = nativeTransport
                ? new EpollEventLoopGroup(readers, new DefaultThreadFactory("syslog-udp", true))
                : new NioEventLoopGroup(readers, new DefaultThreadFactory("syslog-udp", true));
        int datagram = DatagramFrameHandler.receiveBufferSize(config.maxFrameSize());
        Bootstrap bootstrap = new Bootstrap()
                .group(udpGroup)
                .channel(nativeTransport ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, config.udpReceiveBufferSize())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        // one per socket: it counts the datagrams of each read
                        channel.pipeline().addLast(
                                new DatagramFrameHandler(config.maxFrameSize(), listener, problems, outstanding));
                    }
                });
        if (nativeTransport) {
            // recvmmsg: one system call reads up to DATAGRAMS_PER_READ datagrams, each into its own
            // slice of one buffer, so a burst costs one wake-up instead of one per datagram
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, datagram)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(datagram * DATAGRAMS_PER_READ));
        } else {
            bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(datagram));
        }
        if (readers > 1) {
            bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        Channel first = bind(bootstrap, Transport.UDP, address, port);
        int boundPort = ((InetSocketAddress) first.localAddress()).getPort();
        for (int i = 1; i < readers; i++) {
            bind(bootstrap, Transport.UDP, address, boundPort);
        }
        logUdpReceiveBuffer(first, boundPort, readers);
        return boundPort;
    }

    private void logUdpReceiveBuffer(Channel channel, int port, int readers) {
        int requested = config.udpReceiveBufferSize();
        LOG.info("Syslog UDP listening on {}:{} with {} reader thread(s) ({}); SO_RCVBUF requested {} bytes,"
                        + " kernel reports {} (Linux reports double what it grants)",
                config.bindHost(), port, readers, nativeTransport ? "epoll" : "nio", requested,
                channel.config().getOption(ChannelOption.SO_RCVBUF));
        long rmemMax = readRmemMax();
        if (rmemMax >= 0 && rmemMax < requested) {
            LOG.warn("net.core.rmem_max is {} bytes, so the kernel grants each UDP socket less than the requested"
                    + " udpReceiveBufferSize {}; bursts may be dropped: raise it with sysctl -w net.core.rmem_max={}",
                    rmemMax, requested, requested);
        }
    }

    private static long readRmemMax() {
        if (!Files.isReadable(RMEM_MAX)) {
            return -1;
        }
        // procfs reports a size of 0, which Files.readString trusts: read the stream instead.
        try (BufferedReader reader = Files.newBufferedReader(RMEM_MAX)) {
            String line = reader.readLine();
            return line == null ? -1 : Long.parseLong(line.trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private int bindStream(Transport transport, InetAddress address, int port, SslContext tls) throws IOException {
        if (streamGroup == null) {
            int threads = Runtime.getRuntime().availableProcessors();
            streamGroup = nativeTransport
                    ? new EpollEventLoopGroup(threads, new DefaultThreadFactory("syslog-tcp", true))
                    : new NioEventLoopGroup(threads, new DefaultThreadFactory("syslog-tcp", true));
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(streamGroup)
                .channel(nativeTransport ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        initConnection(channel, transport, tls);
                    }
                });
        Channel channel = bind(bootstrap, transport, address, port);
        int boundPort = ((InetSocketAddress) channel.localAddress()).getPort();
        LOG.info("Syslog {} listening on {}:{} ({})", transport, config.bindHost(), boundPort,
                nativeTransport ? "epoll" : "nio");
        return boundPort;
    }

    private void initConnection(Channel channel, Transport transport, SslContext tls) {
        if (closing) {
            channel.close();
            return;
        }
        if (openConnections.incrementAndGet() > config.maxConnections()) {
            openConnections.decrementAndGet();
            InetSocketAddress peer = channel.remoteAddress() instanceof InetSocketAddress address ? address : null;
            problems.report(peer, transport, "too_many_connections", null);
            channel.close();
            return;
        }
        channel.closeFuture().addListener(closed -> openConnections.decrementAndGet());
        connections.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        if (config.idleTimeout() != null) {
            pipeline.addLast(new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        }
        if (tls != null) {
            SslHandler ssl = tls.newHandler(channel.alloc());
            ssl.setHandshakeTimeoutMillis(TLS_HANDSHAKE_TIMEOUT_MILLIS);
            pipeline.addLast(ssl, new TlsHandshakeReporter(problems));
        }
        pipeline.addLast(new SyslogFrameDecoder(transport, config.maxFrameSize(),
                config.maxInFlightPerConnection(), listener, problems, outstanding));
    }

    private Channel bind(AbstractBootstrap<?, ?> bootstrap, Transport transport, InetAddress address, int port)
            throws IOException {
        ChannelFuture future = bootstrap.bind(address, port).awaitUninterruptibly();
        if (!future.isSuccess()) {
            throw bindFailure(transport, port, future.cause());
        }
        listeningChannels.add(future.channel());
        return future.channel();
    }

    private IOException bindFailure(Transport transport, int port, Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        String where = transport + " " + config.bindHost() + ":" + port;
        if (cause instanceof BindException || message.contains("in use")) {
            return new IOException(where + " is in use: " + message, cause);
        }
        String hint = message.contains("ermission denied")
                ? " (ports below 1024 need root or CAP_NET_BIND_SERVICE)"
                : "";
        return new IOException(where + " could not be bound: " + message + hint, cause);
    }

    private void stopReadingConnections() {
        List<Future<?>> stopped = new ArrayList<>();
        for (Channel channel : connections) {
            SyslogFrameDecoder decoder = channel.pipeline().get(SyslogFrameDecoder.class);
            if (decoder != null) {
                stopped.add(channel.eventLoop().submit(decoder::stopReading));
            }
        }
        for (Future<?> future : stopped) {
            future.awaitUninterruptibly();
        }
    }

    private void releaseResources() {
        for (Channel channel : listeningChannels) {
            channel.close().awaitUninterruptibly();
        }
        connections.close().awaitUninterruptibly();
        for (EventLoopGroup group : new EventLoopGroup[] {udpGroup, streamGroup}) {
            if (group != null) {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            }
        }
    }
}
