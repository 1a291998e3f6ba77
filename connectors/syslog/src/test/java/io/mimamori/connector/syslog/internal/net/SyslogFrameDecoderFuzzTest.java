package io.mimamori.connector.syslog.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Any bytes, split anywhere: the frames, truncation flags and errors are the same as when the bytes
 * arrive in one piece, no frame exceeds maxFrameSize, and no received buffer is kept.
 *
 * <p>Without {@code JAZZER_FUZZ=1} this replays only the empty input; with it, it fuzzes for
 * {@code maxDuration}.
 */
class SyslogFrameDecoderFuzzTest {

    private static final int MAX_FRAME = 480;

    private record Outcome(List<String> frames, List<Boolean> truncated, List<String> errors) {}

    // libFuzzer dictionary syntax: control bytes as \xNN escapes.
    @DictionaryEntries({"12 ", "480 ", "481 ", "999999999 ", "1234567890 ", "0 ", "\\x0A", "\\x0D\\x0A", "\\x00",
        "<13>", "<34>1 "})
    @FuzzTest(maxDuration = "20s")
    void anyBytesSplitAnywhere(FuzzedDataProvider data) {
        List<Integer> chunkSizes = new ArrayList<>();
        int chunks = data.consumeInt(0, 24);
        for (int i = 0; i < chunks; i++) {
            chunkSizes.add(data.consumeInt(1, 2 * MAX_FRAME));
        }
        byte[] input = data.consumeRemainingAsBytes();

        Outcome whole = decode(input, List.of());
        Outcome split = decode(input, chunkSizes);

        assertThat(split).isEqualTo(whole);
        for (int i = 0; i < whole.frames().size(); i++) {
            assertThat(whole.frames().get(i).length()).isBetween(1, MAX_FRAME);
            if (whole.truncated().get(i)) {
                assertThat(whole.frames().get(i)).hasSize(MAX_FRAME);
            }
        }
        assertThat(whole.errors()).isSubsetOf("bad_octet_count", "incomplete_frame");
    }

    /** Feeds {@code input} in chunks of the given sizes, then the rest in one piece, then closes. */
    private static Outcome decode(byte[] input, List<Integer> chunkSizes) {
        RecordingListener listener = new RecordingListener();
        EmbeddedChannel channel = new EmbeddedChannel(new SyslogFrameDecoder(Transport.TCP, MAX_FRAME, Integer.MAX_VALUE,
                listener, new ProblemReporter(listener), new OutstandingFrames()));
        List<ByteBuf> fed = new ArrayList<>();
        int at = 0;
        for (int size : chunkSizes) {
            if (at >= input.length) {
                break;
            }
            int length = Math.min(size, input.length - at);
            fed.add(Unpooled.copiedBuffer(input, at, length));
            at += length;
        }
        if (at < input.length) {
            fed.add(Unpooled.copiedBuffer(input, at, input.length - at));
        }
        for (ByteBuf chunk : fed) {
            channel.writeInbound(chunk);
        }
        channel.finishAndReleaseAll();
        assertThat(fed).allSatisfy(chunk -> assertThat(chunk.refCnt()).isZero());
        return new Outcome(
                listener.frames().stream().map(frame -> new String(frame.bytes(), StandardCharsets.ISO_8859_1)).toList(),
                listener.frames().stream().map(RecordingListener.Frame::truncated).toList(),
                listener.reasons());
    }
}
