package io.mimamori.connector.syslog.internal.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;

/**
 * Hands each UDP datagram to the listener as one frame.
 *
 * <p>UDP cannot push back, so nothing waits for done() here; it only counts the frame for a graceful close.
 * Datagrams are read into buffers one byte longer than maxFrameSize (up to the largest datagram), so a
 * full buffer means the kernel cut the datagram and the frame is marked truncated.
 */
final class DatagramFrameHandler extends ChannelInboundHandlerAdapter {

    private static final int LARGEST_DATAGRAM = 65536;
    static final int COALESCE_BELOW = 8;
    static final long COALESCE_NANOS = 200_000;
    private int readThisRound;

    private final int maxFrameSize;
    private final FrameListener listener;
    private final ProblemReporter problems;
    private final OutstandingFrames outstanding;
    private final Runnable done;

    DatagramFrameHandler(int maxFrameSize, FrameListener listener, ProblemReporter problems,
            OutstandingFrames outstanding) {
        this.maxFrameSize = maxFrameSize;
        this.listener = listener;
        this.problems = problems;
        this.outstanding = outstanding;
        this.done = outstanding::done;
    }

    /** Receive buffer size that lets a cut datagram be told from one of exactly maxFrameSize bytes. */
    static int receiveBufferSize(int maxFrameSize) {
        return Math.min(maxFrameSize + 1, LARGEST_DATAGRAM);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            ByteBuf content = packet.content();
            int length = content.readableBytes();
            if (length == 0) {
                return;
            }
            readThisRound++;
            byte[] frame = new byte[Math.min(length, maxFrameSize)];
            content.getBytes(content.readerIndex(), frame);
            outstanding.handedOut();
            try {
                listener.onFrame(frame, packet.sender(), Transport.UDP, length > maxFrameSize, done);
            } catch (RuntimeException e) {
                problems.warn("listener_error", "Syslog frame listener threw; the frame counts as done", e);
                outstanding.done();
            }
        } finally {
            packet.release();
        }
    }

    /**
     * After a read that found only a few datagrams, waits a moment before the next epoll wake-up,
     * so that a steady stream is read many datagrams per system call instead of one per wake-up.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        int n = readThisRound;
        readThisRound = 0;
        if (n > 0 && n < COALESCE_BELOW) {
            java.util.concurrent.locks.LockSupport.parkNanos(COALESCE_NANOS);
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A UDP socket has no peer to drop: keep reading.
        problems.warn("udp_read_failed", "Syslog UDP read failed on " + ctx.channel().localAddress(), cause);
    }
}
