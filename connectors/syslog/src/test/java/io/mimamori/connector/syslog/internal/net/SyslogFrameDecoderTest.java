package io.mimamori.connector.syslog.internal.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyslogFrameDecoderTest {

    private static final int MAX_FRAME = 480;

    private final RecordingListener listener = new RecordingListener();
    private final OutstandingFrames outstanding = new OutstandingFrames();
    private EmbeddedChannel channel;

    @AfterEach
    void closeChannel() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void octetCountedFramesFedOneByteAtATime() {
        List<String> messages = List.of("<13>1 - - app - - - one", "<13>1 - - app - - - two with 12 digits",
                "x", "<14>line\nbreak and NUL\0 inside");
        channel = decoder(MAX_FRAME, 1000);

        for (byte b : octetCounted(messages)) {
            feed(new byte[] {b});
        }

        assertThat(listener.texts()).containsExactlyElementsOf(messages);
        assertThat(listener.frames()).allSatisfy(frame -> {
            assertThat(frame.truncated()).isFalse();
            assertThat(frame.transport()).isEqualTo(Transport.TCP);
        });
        assertThat(listener.errors()).isEmpty();
    }

    @Test
    void octetCountedFramesSplitAtRandomBoundaries() {
        Random random = new Random(42);
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            messages.add(randomMessage(random, 1 + random.nextInt(2000)));
        }
        channel = decoder(4096, 100_000);

        feedInRandomChunks(octetCounted(messages), random, 700);

        assertThat(listener.texts()).containsExactlyElementsOf(messages);
        assertThat(listener.errors()).isEmpty();
        assertThat(outstanding.count()).isZero();
    }

    @Test
    void lfFramesEndAtLfOrNulWithTrailingCrStripped() {
        channel = decoder(MAX_FRAME, 1000);

        feed("<13>crlf\r\n<13>lf\n<13>nul\0<13>cr then nul\r\0<13>inner\rcr kept\n");

        assertThat(listener.texts())
                .containsExactly("<13>crlf", "<13>lf", "<13>nul", "<13>cr then nul", "<13>inner\rcr kept");
        assertThat(listener.errors()).isEmpty();
    }

    @Test
    void lfFramesFedOneByteAtATime() {
        channel = decoder(MAX_FRAME, 1000);

        for (byte b : "<13>first\r\n<13>second\n".getBytes(UTF_8)) {
            feed(new byte[] {b});
        }

        assertThat(listener.texts()).containsExactly("<13>first", "<13>second");
    }

    @Test
    void firstByteChoosesTheFramingForTheWholeConnection() {
        channel = decoder(MAX_FRAME, 1000);

        feed("<13>lines\n12 looks like a count\n5 abcde\n");

        assertThat(listener.texts()).containsExactly("<13>lines", "12 looks like a count", "5 abcde");
        assertThat(listener.errors()).isEmpty();
    }

    @Test
    void badOctetCountFallsBackToLfFramingWithoutLosingBytes() {
        channel = decoder(MAX_FRAME, 1000);

        feed("5 hello<13>not counted\n7 counted\n");

        assertThat(listener.texts()).containsExactly("hello", "<13>not counted", "7 counted");
        assertThat(listener.reasons()).containsExactly("bad_octet_count");
    }

    @Test
    void badOctetCountSplitAcrossReadsKeepsTheDigitsSeenSoFar() {
        channel = decoder(MAX_FRAME, 1000);

        for (byte b : "3 abc12x rest\n".getBytes(UTF_8)) {
            feed(new byte[] {b});
        }

        assertThat(listener.texts()).containsExactly("abc", "12x rest");
        assertThat(listener.reasons()).containsExactly("bad_octet_count");
    }

    @Test
    void octetCountWithLeadingZeroOrTenDigitsIsBad() {
        EmbeddedChannel leadingZero = decoder(MAX_FRAME, 1000);
        leadingZero.writeInbound(bytes("05 hello\n"));
        leadingZero.finishAndReleaseAll();
        channel = decoder(MAX_FRAME, 1000);

        feed("1234567890 x\n");

        assertThat(listener.texts()).containsExactly("05 hello", "1234567890 x");
        assertThat(listener.reasons()).containsExactly("bad_octet_count", "bad_octet_count");
    }

    @Test
    void hugeDeclaredLengthIsTruncatedAndSkippedWithoutBuffering() {
        channel = decoder(MAX_FRAME, 1000);
        byte[] start = new byte[MAX_FRAME];
        Arrays.fill(start, (byte) 'a');

        ByteBuf first = Unpooled.wrappedBuffer(concat("999999999 ".getBytes(UTF_8), start));
        channel.writeInbound(first);
        assertThat(first.refCnt()).isZero();
        byte[] filler = new byte[64 * 1024];
        Arrays.fill(filler, (byte) 'b');
        for (int i = 0; i < 320; i++) {
            ByteBuf chunk = Unpooled.wrappedBuffer(filler);
            channel.writeInbound(chunk);
            assertThat(chunk.refCnt()).as("chunk %d is not kept", i).isZero();
        }

        assertThat(listener.frames()).singleElement().satisfies(frame -> {
            assertThat(frame.bytes()).isEqualTo(start);
            assertThat(frame.truncated()).isTrue();
        });
        assertThat(listener.errors()).isEmpty();
    }

    @Test
    void oversizedOctetCountedFrameIsTruncatedAndTheNextFrameIsIntact() {
        channel = decoder(MAX_FRAME, 1000);
        String big = "<13>" + "0123456789".repeat(100);

        feedInRandomChunks(octetCounted(List.of(big, "<13>next")), new Random(3), 50);

        assertThat(listener.frames()).hasSize(2);
        assertThat(listener.frames().get(0).text()).isEqualTo(big.substring(0, MAX_FRAME));
        assertThat(listener.frames().get(0).truncated()).isTrue();
        assertThat(listener.frames().get(1).text()).isEqualTo("<13>next");
        assertThat(listener.frames().get(1).truncated()).isFalse();
    }

    @Test
    void oversizedLineIsTruncatedAndDiscardedUpToItsLf() {
        channel = decoder(MAX_FRAME, 1000);
        String longLine = "<13>" + "x".repeat(5000);
        String exactlyMax = "y".repeat(MAX_FRAME);
        String oneTooLong = "z".repeat(MAX_FRAME + 1);

        feedInRandomChunks((longLine + "\n<13>next\n" + exactlyMax + "\r\n" + oneTooLong + "\n<13>last\n").getBytes(UTF_8),
                new Random(5), 300);

        assertThat(listener.texts()).containsExactly(longLine.substring(0, MAX_FRAME), "<13>next", exactlyMax,
                oneTooLong.substring(0, MAX_FRAME), "<13>last");
        assertThat(listener.frames()).extracting(RecordingListener.Frame::truncated)
                .containsExactly(true, false, false, true, false);
    }

    @Test
    void endlessLineIsNotBuffered() {
        channel = decoder(MAX_FRAME, 1000);
        byte[] noLf = new byte[64 * 1024];
        Arrays.fill(noLf, (byte) 'q');

        for (int i = 0; i < 160; i++) {
            ByteBuf chunk = Unpooled.wrappedBuffer(noLf);
            channel.writeInbound(chunk);
            assertThat(chunk.refCnt()).as("chunk %d is not kept", i).isZero();
        }
        feed("\n<13>after\n");

        assertThat(listener.texts()).containsExactly("q".repeat(MAX_FRAME), "<13>after");
    }

    @Test
    void partialLastLineIsDeliveredAtClose() {
        channel = decoder(MAX_FRAME, 1000);

        feed("<13>complete\n<13>no final lf\r");
        assertThat(listener.texts()).containsExactly("<13>complete");
        channel.finishAndReleaseAll();

        assertThat(listener.texts()).containsExactly("<13>complete", "<13>no final lf");
        assertThat(listener.errors()).isEmpty();
    }

    @Test
    void partialOctetCountedFrameAtCloseIsReportedNotDelivered() {
        channel = decoder(MAX_FRAME, 1000);

        feed("3 abc10 <13>par");
        channel.finishAndReleaseAll();

        assertThat(listener.texts()).containsExactly("abc");
        assertThat(listener.reasons()).containsExactly("incomplete_frame");
    }

    @Test
    void partialOctetCountHeaderAtCloseIsReported() {
        channel = decoder(MAX_FRAME, 1000);

        feed("12");
        channel.finishAndReleaseAll();

        assertThat(listener.frames()).isEmpty();
        assertThat(listener.reasons()).containsExactly("incomplete_frame");
    }

    @Test
    void emptyLinesAreIgnored() {
        channel = decoder(MAX_FRAME, 1000);

        feed("\n\r\n\0<13>a\n\n\r\n\0\0<13>b\r\n\n");
        channel.finishAndReleaseAll();

        assertThat(listener.texts()).containsExactly("<13>a", "<13>b");
    }

    @Test
    void readingPausesAtMaxInFlightAndResumesBelowHalf() {
        channel = decoder(MAX_FRAME, 4);
        listener.withholdDone();

        feed(octetCounted(List.of("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9")));

        assertThat(listener.texts()).containsExactly("f0", "f1", "f2", "f3");
        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(outstanding.count()).isEqualTo(4);

        listener.releaseOne();
        listener.releaseOne();
        channel.runPendingTasks();
        assertThat(listener.frames()).as("2 of 4 in flight is not below half").hasSize(4);

        listener.releaseOne();
        channel.runPendingTasks();
        assertThat(listener.texts()).containsExactly("f0", "f1", "f2", "f3", "f4", "f5", "f6");
        assertThat(channel.config().isAutoRead()).isFalse();

        listener.releaseAll();
        channel.runPendingTasks();
        assertThat(listener.texts()).hasSize(10).endsWith("f7", "f8", "f9");
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(outstanding.count()).isZero();
    }

    @Test
    void framesBufferedWhilePausedAreDeliveredWhenTheConnectionCloses() {
        channel = decoder(MAX_FRAME, 1);
        listener.withholdDone();

        feed("<13>a\n<13>b\n<13>c\n");
        assertThat(listener.texts()).containsExactly("<13>a");
        channel.finishAndReleaseAll();

        assertThat(listener.texts()).containsExactly("<13>a", "<13>b", "<13>c");
    }

    @Test
    void idleEventClosesTheConnectionUnlessReadingIsPaused() {
        channel = decoder(MAX_FRAME, 1);
        listener.withholdDone();
        feed("<13>a\n<13>b\n");

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertThat(channel.isOpen()).as("paused for the listener, not idle").isTrue();

        listener.releaseAll();
        channel.runPendingTasks();
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(channel.isOpen()).isFalse();
        assertThat(listener.texts()).containsExactly("<13>a", "<13>b");
    }

    @Test
    void stoppedDecoderHandsOutNothingMore() {
        SyslogFrameDecoder decoder = new SyslogFrameDecoder(Transport.TCP, MAX_FRAME, 1, listener,
                new ProblemReporter(listener), outstanding);
        channel = new EmbeddedChannel(decoder);
        listener.withholdDone();
        feed("<13>a\n<13>b\n12");

        decoder.stopReading();
        listener.releaseAll();
        channel.runPendingTasks();
        feed("<13>c\n");
        channel.finishAndReleaseAll();

        assertThat(listener.texts()).containsExactly("<13>a");
        assertThat(listener.errors()).isEmpty();
        assertThat(channel.config().isAutoRead()).isFalse();
    }

    @Test
    void frameWhoseListenerThrowsCountsAsDone() {
        FrameListener throwing = new FrameListener() {
            @Override
            public void onFrame(byte[] frame, java.net.InetSocketAddress peer, Transport transport, boolean truncated,
                    Runnable done) {
                listener.onFrame(frame, peer, transport, truncated, () -> { });
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onError(java.net.InetSocketAddress peer, Transport transport, String reason) {
                listener.onError(peer, transport, reason);
            }
        };
        channel = new EmbeddedChannel(new SyslogFrameDecoder(Transport.TCP, MAX_FRAME, 1, throwing,
                new ProblemReporter(throwing), outstanding));

        feed("<13>a\n<13>b\n<13>c\n");

        assertThat(listener.texts()).containsExactly("<13>a", "<13>b", "<13>c");
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(outstanding.count()).isZero();
    }

    @Test
    void randomBytesNeverBreakTheDecoderOrItsBounds() {
        Random random = new Random(7);
        byte[] alphabet = "0123456789 \n\r\0<>abc".getBytes(UTF_8);
        for (int round = 0; round < 50; round++) {
            RecordingListener roundListener = new RecordingListener();
            EmbeddedChannel fuzzed = new EmbeddedChannel(new SyslogFrameDecoder(Transport.TLS, MAX_FRAME, 1000,
                    roundListener, new ProblemReporter(roundListener), outstanding));
            byte[] input = new byte[20_000 + random.nextInt(20_000)];
            for (int i = 0; i < input.length; i++) {
                input[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            List<ByteBuf> fed = new ArrayList<>();
            for (int at = 0; at < input.length; ) {
                int size = Math.min(1 + random.nextInt(900), input.length - at);
                ByteBuf chunk = Unpooled.copiedBuffer(input, at, size);
                fed.add(chunk);
                fuzzed.writeInbound(chunk);
                at += size;
            }
            fuzzed.finishAndReleaseAll();

            assertThat(fed).allSatisfy(chunk -> assertThat(chunk.refCnt()).isZero());
            assertThat(roundListener.frames()).allSatisfy(frame -> {
                assertThat(frame.bytes().length).isBetween(1, MAX_FRAME);
                if (frame.truncated()) {
                    assertThat(frame.bytes()).hasSize(MAX_FRAME);
                }
            });
            assertThat(roundListener.reasons()).isSubsetOf("bad_octet_count", "incomplete_frame");
        }
        assertThat(outstanding.count()).isZero();
    }

    private EmbeddedChannel decoder(int maxFrameSize, int maxInFlight) {
        return new EmbeddedChannel(new SyslogFrameDecoder(Transport.TCP, maxFrameSize, maxInFlight, listener,
                new ProblemReporter(listener), outstanding));
    }

    private void feed(String text) {
        feed(text.getBytes(UTF_8));
    }

    private void feed(byte[] data) {
        channel.writeInbound(Unpooled.wrappedBuffer(data));
    }

    private void feedInRandomChunks(byte[] data, Random random, int maxChunk) {
        for (int at = 0; at < data.length; ) {
            int size = Math.min(1 + random.nextInt(maxChunk), data.length - at);
            channel.writeInbound(Unpooled.copiedBuffer(data, at, size));
            at += size;
        }
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.wrappedBuffer(text.getBytes(UTF_8));
    }

    private static byte[] octetCounted(List<String> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String message : messages) {
            byte[] body = message.getBytes(UTF_8);
            out.writeBytes((body.length + " ").getBytes(UTF_8));
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static String randomMessage(Random random, int length) {
        String alphabet = "<>0123456789 abcdefghijklmnopqrstuvwxyz\n\r\0\u00e9";
        StringBuilder message = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            message.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return message.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
