package io.mimamori.connector.syslog.internal.net;

import java.net.InetSocketAddress;

/** Receives frames from the server. Called on Netty I/O threads: must not block. */
public interface FrameListener {

    /**
     * One frame: a datagram, or one octet-counted / LF-terminated message with its terminator removed.
     *
     * <p>{@code done} must be run exactly once, from any thread, when the frame has been fully handled.
     * TCP/TLS reading of that connection pauses while {@code maxInFlightPerConnection} frames of it are
     * not done, and resumes once fewer than half of that are. The same {@code done} instance may be
     * handed out for several frames of one connection: each run counts for one frame, so running it
     * twice for one frame releases a frame that is still being handled.
     *
     * <p>If this method throws, the frame counts as done and {@code done} must not be run for it.
     *
     * @param peer the sender, or null when the channel has no internet address (only in tests)
     * @param truncated true when the frame was longer than maxFrameSize and only its first maxFrameSize
     *     bytes are given
     */
    void onFrame(byte[] frame, InetSocketAddress peer, Transport transport, boolean truncated, Runnable done);

    /**
     * Something went wrong that produced no frame.
     *
     * @param reason a short snake_case word: bad_octet_count, incomplete_frame, tls_handshake_failed,
     *     too_many_connections, connection_error
     */
    void onError(InetSocketAddress peer, Transport transport, String reason);
}
