package io.mimamori.connector.syslog.internal.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ByteProcessor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits one TCP or TLS connection's bytes into syslog frames (RFC 6587) and hands them to the listener.
 *
 * <p>The first byte decides the framing: a digit means octet counting ({@code MSG-LEN SP SYSLOG-MSG}),
 * anything else means frames ending at LF or NUL. A header that is not an octet count switches the
 * connection to LF framing from that header on, so its bytes still arrive as a frame.
 *
 * <p>Memory stays near maxFrameSize per connection: the part of an oversized frame past maxFrameSize is
 * skipped as it arrives, never buffered.
 *
 * <p>While maxInFlight of this connection's frames are not done, decoding stops and auto-read is turned
 * off, so the sender is pushed back by TCP flow control; both resume once fewer than half are in flight.
 */
final class SyslogFrameDecoder extends ChannelInboundHandlerAdapter {

    private static final int MAX_LENGTH_DIGITS = 9;
    private static final int NEED_MORE_BYTES = -1;
    private static final int NOT_AN_OCTET_COUNT = -2;
    private static final ByteProcessor FIND_LINE_END = b -> b != '\n' && b != 0;

    private enum Framing { UNDECIDED, OCTET_COUNTING, LINES }

    private final Transport transport;
    private final int maxFrameSize;
    private final int maxInFlight;
    private final FrameListener listener;
    private final ProblemReporter problems;
    private final OutstandingFrames outstanding;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean resumeScheduled = new AtomicBoolean();
    /** One instance for every frame of the connection, so that a frame costs no allocation but its bytes. */
    private final Runnable done = this::frameDone;
    private final Runnable resume = this::resume;

    private ChannelHandlerContext ctx;
    private InetSocketAddress peer;
    private ByteBuf cumulation;
    private Framing framing = Framing.UNDECIDED;
    /** Octet counting: declared length of the frame whose body is awaited, -1 while awaiting a header. */
    private int declaredLength = -1;
    /** Octet counting: what remains of an oversized frame after its first maxFrameSize bytes were handed out. */
    private int bytesToSkip;
    /** LF framing: the rest of an oversized line is being skipped up to its terminator. */
    private boolean discardingLine;
    /** LF framing: bytes after the reader index already known to hold no terminator. */
    private int lineBytesScanned;
    /** Written on the event loop, read by done() on listener threads. */
    private volatile boolean waitingForDone;
    private boolean stopped;

    SyslogFrameDecoder(Transport transport, int maxFrameSize, int maxInFlight, FrameListener listener,
            ProblemReporter problems, OutstandingFrames outstanding) {
        this.transport = transport;
        this.maxFrameSize = maxFrameSize;
        this.maxInFlight = maxInFlight;
        this.listener = listener;
        this.problems = problems;
        this.outstanding = outstanding;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress address) {
            peer = address;
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseCumulation();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (stopped) {
            in.release();
            return;
        }
        cumulation = cumulation == null
                ? in
                : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), cumulation, in);
        if (!waitingForDone) {
            decodeFrames(false);
        }
        compactCumulation();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!stopped) {
            // The connection is gone, so the in-flight bound no longer protects anything: hand out all
            // that is complete rather than lose it.
            if (cumulation != null) {
                decodeFrames(true);
            }
            if (framing == Framing.OCTET_COUNTING
                    && (declaredLength >= 0 || (cumulation != null && cumulation.isReadable()))) {
                problems.report(peer, transport, "incomplete_frame", null);
            }
        }
        releaseCumulation();
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        // Paused connections read nothing on purpose: that is not idleness.
        if (evt instanceof IdleStateEvent && !waitingForDone) {
            ctx.close();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset or broken connection is routine; what it cost shows up as incomplete_frame.
        if (!(cause instanceof IOException)) {
            problems.report(peer, transport, "connection_error", cause);
        }
        ctx.close();
    }

    /** Stops reading and handing out frames for good. Must run on the channel's event loop. */
    void stopReading() {
        stopped = true;
        ctx.channel().config().setAutoRead(false);
        releaseCumulation();
    }

    private void decodeFrames(boolean closing) {
        boolean progress = true;
        while (progress && cumulation.isReadable()) {
            switch (framing) {
                case UNDECIDED -> framing = isDigit(cumulation.getByte(cumulation.readerIndex()))
                        ? Framing.OCTET_COUNTING
                        : Framing.LINES;
                case OCTET_COUNTING -> progress = decodeOctetCounted(closing);
                case LINES -> progress = decodeLine(closing);
            }
        }
    }

    private boolean decodeOctetCounted(boolean closing) {
        ByteBuf buf = cumulation;
        if (bytesToSkip > 0) {
            int skipped = Math.min(bytesToSkip, buf.readableBytes());
            buf.skipBytes(skipped);
            bytesToSkip -= skipped;
            return true;
        }
        if (declaredLength < 0) {
            int length = readOctetCount(buf);
            if (length == NEED_MORE_BYTES) {
                return false;
            }
            if (length == NOT_AN_OCTET_COUNT) {
                problems.report(peer, transport, "bad_octet_count", null);
                framing = Framing.LINES;
                return true;
            }
            declaredLength = length;
        }
        int frameLength = Math.min(declaredLength, maxFrameSize);
        if (buf.readableBytes() < frameLength || !mayHandOut(closing)) {
            return false;
        }
        byte[] frame = new byte[frameLength];
        buf.readBytes(frame);
        bytesToSkip = declaredLength - frameLength;
        declaredLength = -1;
        handOut(frame, bytesToSkip > 0);
        return true;
    }

    /**
     * Consumes a complete {@code MSG-LEN SP} header and returns MSG-LEN, or returns NEED_MORE_BYTES or
     * NOT_AN_OCTET_COUNT without consuming anything.
     */
    private static int readOctetCount(ByteBuf buf) {
        int start = buf.readerIndex();
        int available = Math.min(buf.readableBytes(), MAX_LENGTH_DIGITS + 1);
        int length = 0;
        for (int i = 0; i < available; i++) {
            byte b = buf.getByte(start + i);
            if (b == ' ' && i > 0) {
                buf.skipBytes(i + 1);
                return length;
            }
            if (!isDigit(b) || (i == 0 && b == '0') || i == MAX_LENGTH_DIGITS) {
                return NOT_AN_OCTET_COUNT;
            }
            length = length * 10 + (b - '0');
        }
        return NEED_MORE_BYTES;
    }

    private boolean decodeLine(boolean closing) {
        ByteBuf buf = cumulation;
        int start = buf.readerIndex();
        int readable = buf.readableBytes();
        if (discardingLine) {
            int end = buf.forEachByte(start, readable, FIND_LINE_END);
            if (end < 0) {
                buf.skipBytes(readable);
                return false;
            }
            buf.readerIndex(end + 1);
            discardingLine = false;
            return true;
        }
        // A full frame, its CR and its LF: enough to tell a line that fits from one that does not.
        int searchable = Math.min(readable, maxFrameSize + 2);
        int end = lineBytesScanned < searchable
                ? buf.forEachByte(start + lineBytesScanned, searchable - lineBytesScanned, FIND_LINE_END)
                : -1;
        int lineLength;
        int consumed;
        if (end >= 0) {
            lineLength = end - start;
            consumed = lineLength + 1;
        } else if (searchable == maxFrameSize + 2) {
            if (!mayHandOut(closing)) {
                lineBytesScanned = searchable;
                return false;
            }
            byte[] frame = new byte[maxFrameSize];
            buf.readBytes(frame);
            discardingLine = true;
            lineBytesScanned = 0;
            handOut(frame, true);
            return true;
        } else if (closing) {
            // Many senders omit the final LF.
            lineLength = readable;
            consumed = readable;
        } else {
            lineBytesScanned = searchable;
            return false;
        }
        int contentLength = lineLength > 0 && buf.getByte(start + lineLength - 1) == '\r' ? lineLength - 1 : lineLength;
        if (contentLength == 0) {
            buf.skipBytes(consumed);
            lineBytesScanned = 0;
            return true;
        }
        if (!mayHandOut(closing)) {
            lineBytesScanned = lineLength;
            return false;
        }
        int frameLength = Math.min(contentLength, maxFrameSize);
        byte[] frame = new byte[frameLength];
        buf.readBytes(frame);
        buf.skipBytes(consumed - frameLength);
        lineBytesScanned = 0;
        handOut(frame, contentLength > frameLength);
        return true;
    }

    private boolean mayHandOut(boolean closing) {
        if (closing || inFlight.get() < maxInFlight) {
            return true;
        }
        waitingForDone = true;
        // A done() that finished before waitingForDone was set scheduled no resume: look once more.
        if (inFlight.get() * 2 < maxInFlight) {
            waitingForDone = false;
            return true;
        }
        ctx.channel().config().setAutoRead(false);
        return false;
    }

    private void handOut(byte[] frame, boolean truncated) {
        inFlight.incrementAndGet();
        outstanding.handedOut();
        try {
            listener.onFrame(frame, peer, transport, truncated, done);
        } catch (RuntimeException e) {
            problems.warn("listener_error", "Syslog frame listener threw; the frame counts as done", e);
            frameDone();
        }
    }

    private void frameDone() {
        outstanding.done();
        int stillInFlight = inFlight.decrementAndGet();
        if (waitingForDone && stillInFlight * 2 < maxInFlight && resumeScheduled.compareAndSet(false, true)) {
            try {
                ctx.executor().execute(resume);
            } catch (RejectedExecutionException e) {
                // The server has shut its event loops down: there is nothing left to resume.
            }
        }
    }

    private void resume() {
        resumeScheduled.set(false);
        if (stopped || !waitingForDone || inFlight.get() * 2 >= maxInFlight) {
            return;
        }
        waitingForDone = false;
        if (cumulation != null) {
            decodeFrames(false);
            compactCumulation();
        }
        if (!waitingForDone) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void compactCumulation() {
        if (cumulation == null) {
            return;
        }
        if (cumulation.isReadable()) {
            // A buffer shared with another handler or read-only must keep its bytes where they are.
            if (cumulation.refCnt() == 1 && !cumulation.isReadOnly()) {
                cumulation.discardSomeReadBytes();
            }
        } else {
            releaseCumulation();
        }
    }

    private void releaseCumulation() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
