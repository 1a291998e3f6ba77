package io.mimamori.connector.syslog.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.mimamori.connector.syslog.SyslogMessage;
import io.mimamori.connector.syslog.SyslogMessage.Format;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays {@code payloads/syslog}: each {@code rfc5424*.txt} and {@code rfc3164*.txt} frame must
 * decode in that format, each {@code unparsed/*.txt} frame must come out UNPARSED. One frame per
 * line, every frame below a '#' comment naming where such frames come from.
 */
class SyslogParserCorpusTest {

    private static final Path CORPUS = resourceDirectory("/payloads/syslog");

    private final SyslogParser parser = new SyslogParser(
            ZoneId.of("Europe/Berlin"), Clock.fixed(Instant.parse("2026-11-24T06:00:00Z"), ZoneOffset.UTC));

    @TestFactory
    Stream<DynamicTest> everyFrameDecodesInTheFormatItsFileNames() throws IOException {
        List<CorpusFrame> frames = framesIn(CORPUS);
        assertThat(frames).extracting(CorpusFrame::expectedFormat)
                .contains(Format.RFC5424, Format.RFC3164)
                .doesNotContainNull();
        return frames.stream().map(frame -> dynamicTest(frame.toString(), () -> {
            SyslogMessage lenient = parser.parse(frame.bytes(), 0, frame.bytes().length);

            assertThat(lenient.parseError()).isNull();
            assertThat(lenient.format()).isEqualTo(frame.expectedFormat());
            assertThat(lenient.hasPri()).isTrue();
            assertThat(parser.parseStrict(frame.bytes(), 0, frame.bytes().length)).isEqualTo(lenient);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyMalformedFrameComesOutUnparsed() throws IOException {
        List<CorpusFrame> frames = framesIn(CORPUS.resolve("unparsed"));
        assertThat(frames).isNotEmpty();
        return frames.stream().map(frame -> dynamicTest(frame.toString(), () -> {
            SyslogMessage lenient = parser.parse(frame.bytes(), 0, frame.bytes().length);

            assertThat(lenient.format()).isEqualTo(Format.UNPARSED);
            assertThat(lenient.message()).isEqualTo(frame.text());
            assertThat(lenient.parseError()).matches(".+ at offset \\d+");
            assertThat(lenient.timestamp()).isNull();
            assertThat(lenient.structuredData()).isEmpty();
            assertThatThrownBy(() -> parser.parseStrict(frame.bytes(), 0, frame.bytes().length))
                    .isInstanceOf(SyslogParseException.class)
                    .hasMessage(lenient.parseError());
        }));
    }

    private static List<CorpusFrame> framesIn(Path directory) throws IOException {
        List<CorpusFrame> frames = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                frames.addAll(framesOf(file));
            }
        }
        return frames;
    }

    private static List<CorpusFrame> framesOf(Path file) throws IOException {
        String name = file.getFileName().toString();
        Format expected = name.startsWith("rfc5424") ? Format.RFC5424
                : name.startsWith("rfc3164") ? Format.RFC3164
                : file.getParent().getFileName().toString().equals("unparsed") ? Format.UNPARSED
                : null;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<CorpusFrame> frames = new ArrayList<>();
        String origin = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#")) {
                origin = line.substring(1).strip();
            } else if (!line.isBlank()) {
                assertThat(origin).as("%s:%d has no '#' comment above it naming its origin", name, i + 1).isNotNull();
                frames.add(new CorpusFrame(name, i + 1, origin, line, expected));
            }
        }
        return frames;
    }

    private static Path resourceDirectory(String name) {
        try {
            return Path.of(SyslogParserCorpusTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private record CorpusFrame(String file, int line, String origin, String text, Format expectedFormat) {

        byte[] bytes() {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return file + ":" + line + " (" + origin + ")";
        }
    }
}
