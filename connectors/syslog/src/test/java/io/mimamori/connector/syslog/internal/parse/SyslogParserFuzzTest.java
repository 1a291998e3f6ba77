package io.mimamori.connector.syslog.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mimamori.connector.syslog.SyslogMessage;
import io.mimamori.connector.syslog.SyslogMessage.Format;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Any bytes at all: parseStrict may only reject them with SyslogParseException, parse never fails,
 * both agree, and a frame decodes the same wherever it sits in a buffer.
 *
 * <p>Without {@code JAZZER_FUZZ=1} this replays the seeds in {@code SyslogParserFuzzTestInputs};
 * with it, it fuzzes for {@code maxDuration}.
 */
class SyslogParserFuzzTest {

    private static final SyslogParser PARSER = new SyslogParser(
            ZoneId.of("Europe/Berlin"), Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC));

    @DictionaryEntries({
        "<34>1 ", "<189>", " - ", "2003-10-11T22:14:15.003Z", "2024-02-29T23:59:59.999999+18:00", "-07:00",
        "[exampleSDID@32473 iut=\"3\"]", "[x@1 a=\"", "\\\"", "\\]", "\\\\", "\"]",
        "Oct 11 22:14:15 ", "Feb 29 ", "Mar  1 ", "2026 Nov 24 ", "123: ", "*Mar  1 00:01:02.345: ",
        " UTC: ", "%LINK-3-UPDOWN: ", "sshd[1234]: ", "host : "
    })
    @FuzzTest(maxDuration = "30s")
    void anyFrame(byte[] frame) {
        SyslogMessage lenient = PARSER.parse(frame, 0, frame.length);
        assertThat(lenient).isNotNull();
        assertThat(lenient.format()).isNotNull();
        assertThat(lenient.message()).isNotNull();

        try {
            SyslogMessage strict = PARSER.parseStrict(frame, 0, frame.length);
            assertThat(strict.format()).isNotEqualTo(Format.UNPARSED);
            assertThat(strict.hasPri()).isTrue();
            assertThat(strict.parseError()).isNull();
            assertThat(lenient).isEqualTo(strict);
        } catch (SyslogParseException e) {
            assertThat(e.offset()).isBetween(0, frame.length);
            assertThat(lenient.format()).isEqualTo(Format.UNPARSED);
            assertThat(lenient.parseError()).isEqualTo(e.getMessage());
        }

        // Bytes around the frame that would change its meaning if the parser strayed outside it.
        byte[] embedded = new byte[frame.length + 2];
        embedded[0] = '<';
        System.arraycopy(frame, 0, embedded, 1, frame.length);
        embedded[embedded.length - 1] = '"';
        assertThat(PARSER.parse(embedded, 1, frame.length)).isEqualTo(lenient);
    }
}
