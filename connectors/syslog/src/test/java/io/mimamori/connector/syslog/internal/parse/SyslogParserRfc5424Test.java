package io.mimamori.connector.syslog.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mimamori.connector.syslog.SyslogMessage;
import io.mimamori.connector.syslog.SyslogMessage.Format;
import io.mimamori.connector.syslog.SyslogMessage.SdElement;
import io.mimamori.connector.syslog.SyslogMessage.SdParam;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SyslogParserRfc5424Test {

    private static final String BOM = "\uFEFF";

    private final SyslogParser parser = new SyslogParser(
            ZoneId.of("Europe/Berlin"), Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC));

    private SyslogMessage parse(String frame) throws SyslogParseException {
        return parse(frame.getBytes(StandardCharsets.UTF_8));
    }

    private SyslogMessage parse(byte[] frame) throws SyslogParseException {
        return parser.parseStrict(frame, 0, frame.length);
    }

    @Nested
    class RfcExamples {

        @Test
        void example1_noStructuredDataWithBom() throws Exception {
            SyslogMessage m = parse("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - " + BOM
                    + "'su root' failed for lonvick on /dev/pts/8");

            assertThat(m.format()).isEqualTo(Format.RFC5424);
            assertThat(m.facility()).isEqualTo(4);
            assertThat(m.severity()).isEqualTo(2);
            assertThat(m.timestamp()).isEqualTo(OffsetDateTime.parse("2003-10-11T22:14:15.003Z"));
            assertThat(m.hostname()).isEqualTo("mymachine.example.com");
            assertThat(m.appName()).isEqualTo("su");
            assertThat(m.procId()).isNull();
            assertThat(m.msgId()).isEqualTo("ID47");
            assertThat(m.structuredData()).isEmpty();
            assertThat(m.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");
            assertThat(m.parseError()).isNull();
        }

        @Test
        void example2_microsecondsAndNegativeOffset() throws Exception {
            SyslogMessage m = parse("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - "
                    + "%% It's time to make the do-nuts.");

            assertThat(m.facility()).isEqualTo(20);
            assertThat(m.severity()).isEqualTo(5);
            assertThat(m.timestamp()).isEqualTo(OffsetDateTime.of(2003, 8, 24, 5, 14, 15, 3_000,
                    ZoneOffset.ofHours(-7)));
            assertThat(m.hostname()).isEqualTo("192.0.2.1");
            assertThat(m.appName()).isEqualTo("myproc");
            assertThat(m.procId()).isEqualTo("8710");
            assertThat(m.msgId()).isNull();
            assertThat(m.structuredData()).isEmpty();
            assertThat(m.message()).isEqualTo("%% It's time to make the do-nuts.");
        }

        @Test
        void example3_structuredDataAndMessage() throws Exception {
            SyslogMessage m = parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                    + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] " + BOM
                    + "An application event log entry...");

            assertThat(m.appName()).isEqualTo("evntslog");
            assertThat(m.msgId()).isEqualTo("ID47");
            assertThat(m.structuredData()).containsExactly(new SdElement("exampleSDID@32473", List.of(
                    new SdParam("iut", "3"),
                    new SdParam("eventSource", "Application"),
                    new SdParam("eventID", "1011"))));
            assertThat(m.message()).isEqualTo("An application event log entry...");
        }

        @Test
        void example4_twoElementsNoMessage() throws Exception {
            SyslogMessage m = parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                    + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]"
                    + "[examplePriority@32473 class=\"high\"]");

            assertThat(m.structuredData()).extracting(SdElement::id)
                    .containsExactly("exampleSDID@32473", "examplePriority@32473");
            assertThat(m.sdValue("examplePriority@32473", "class")).isEqualTo("high");
            assertThat(m.sdValue("exampleSDID@32473", "eventID")).isEqualTo("1011");
            assertThat(m.message()).isEmpty();
        }
    }

    @Nested
    class Accepted {

        @Test
        void nilValueEverywhere() throws Exception {
            SyslogMessage m = parse("<14>1 - - - - - -");

            assertThat(m.facility()).isEqualTo(1);
            assertThat(m.severity()).isEqualTo(6);
            assertThat(m.timestamp()).isNull();
            assertThat(m.hostname()).isNull();
            assertThat(m.appName()).isNull();
            assertThat(m.procId()).isNull();
            assertThat(m.msgId()).isNull();
            assertThat(m.structuredData()).isEmpty();
            assertThat(m.message()).isEmpty();
        }

        @Test
        void priZeroAndMaximum() throws Exception {
            assertThat(parse("<0>1 - - - - - -")).extracting(SyslogMessage::facility, SyslogMessage::severity)
                    .containsExactly(0, 0);
            assertThat(parse("<191>1 - - - - - -")).extracting(SyslogMessage::facility, SyslogMessage::severity)
                    .containsExactly(23, 7);
        }

        @Test
        void headerValuesThatStartWithDashAreNotNil() throws Exception {
            SyslogMessage m = parse("<14>1 - -host -app -1 -id - msg");

            assertThat(m.hostname()).isEqualTo("-host");
            assertThat(m.appName()).isEqualTo("-app");
            assertThat(m.procId()).isEqualTo("-1");
            assertThat(m.msgId()).isEqualTo("-id");
        }

        @Test
        void emptyMessageAfterSpace() throws Exception {
            assertThat(parse("<14>1 - host app - - - ").message()).isEmpty();
        }

        @Test
        void bomOnlyMessageIsEmpty() throws Exception {
            assertThat(parse("<14>1 - host app - - - " + BOM).message()).isEmpty();
        }

        @Test
        void messageWithoutBomIsUtf8Too() throws Exception {
            assertThat(parse("<14>1 - host app - - - Grüße ✓ 日本語").message()).isEqualTo("Grüße ✓ 日本語");
        }

        @Test
        void malformedUtf8InMessageIsReplaced() throws Exception {
            byte[] frame = concat("<14>1 - host app - - - bad ".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {(byte) 0xC3, '!'});

            assertThat(parse(frame).message()).isEqualTo("bad \uFFFD!");
        }

        @Test
        void escapesInParamValues() throws Exception {
            SyslogMessage m = parse("<14>1 - - - - - [x@1 q=\"say \\\"hi\\\"\" b=\"[a\\]\" s=\"C:\\\\dir\""
                    + " other=\"tab\\t stays\" end=\"\\\\\"]");

            assertThat(m.sdValue("x@1", "q")).isEqualTo("say \"hi\"");
            assertThat(m.sdValue("x@1", "b")).isEqualTo("[a]");
            assertThat(m.sdValue("x@1", "s")).isEqualTo("C:\\dir");
            assertThat(m.sdValue("x@1", "other")).isEqualTo("tab\\t stays");
            assertThat(m.sdValue("x@1", "end")).isEqualTo("\\");
        }

        @Test
        void emptyParamValueAndElementWithoutParams() throws Exception {
            SyslogMessage m = parse("<14>1 - - - - - [origin][x@1 empty=\"\"] text");

            assertThat(m.structuredData()).containsExactly(
                    new SdElement("origin", List.of()),
                    new SdElement("x@1", List.of(new SdParam("empty", ""))));
            assertThat(m.message()).isEqualTo("text");
        }

        @Test
        void repeatedParamNamesKeepTheirOrder() throws Exception {
            SyslogMessage m = parse("<14>1 - - - - - [origin ip=\"192.0.2.1\" ip=\"2001:db8::1\" ip=\"10.0.0.1\"]");

            assertThat(m.structuredData().get(0).params()).containsExactly(
                    new SdParam("ip", "192.0.2.1"), new SdParam("ip", "2001:db8::1"), new SdParam("ip", "10.0.0.1"));
            assertThat(m.sdValue("origin", "ip")).isEqualTo("192.0.2.1");
        }

        @Test
        void multipleElements() throws Exception {
            SyslogMessage m = parse("<14>1 - - - - - [a@1 k=\"1\"][b@1 k=\"2\"][c@1 k=\"3\"] m");

            assertThat(m.structuredData()).extracting(SdElement::id).containsExactly("a@1", "b@1", "c@1");
            assertThat(m.sdValue("c@1", "k")).isEqualTo("3");
        }

        @Test
        void nonAsciiUtf8InParamValue() throws Exception {
            SyslogMessage m = parse("<14>1 - - - - - [meta@1 user=\"Jürgen\" city=\"東京\" emoji=\"🚨\"]");

            assertThat(m.sdValue("meta@1", "user")).isEqualTo("Jürgen");
            assertThat(m.sdValue("meta@1", "city")).isEqualTo("東京");
            assertThat(m.sdValue("meta@1", "emoji")).isEqualTo("🚨");
        }

        @Test
        void fractionWithOneDigit() throws Exception {
            assertThat(parse("<14>1 2026-11-24T05:10:00.1Z - - - - -").timestamp())
                    .isEqualTo(OffsetDateTime.of(2026, 11, 24, 5, 10, 0, 100_000_000, ZoneOffset.UTC));
        }

        @Test
        void fractionWithSixDigits() throws Exception {
            assertThat(parse("<14>1 2026-11-24T05:10:00.123456Z - - - - -").timestamp())
                    .isEqualTo(OffsetDateTime.of(2026, 11, 24, 5, 10, 0, 123_456_000, ZoneOffset.UTC));
        }

        @Test
        void noFraction() throws Exception {
            assertThat(parse("<14>1 2026-11-24T05:10:00+09:00 - - - - -").timestamp())
                    .isEqualTo(OffsetDateTime.of(2026, 11, 24, 5, 10, 0, 0, ZoneOffset.ofHours(9)));
        }

        @Test
        void negativeOffsetWithMinutes() throws Exception {
            assertThat(parse("<14>1 2026-11-24T05:10:00.5-03:30 - - - - -").timestamp())
                    .isEqualTo(OffsetDateTime.of(2026, 11, 24, 5, 10, 0, 500_000_000, ZoneOffset.ofHoursMinutes(-3, -30)));
        }

        @Test
        void leapDays() throws Exception {
            assertThat(parse("<14>1 2024-02-29T00:00:00Z - - - - -").timestamp().getDayOfMonth()).isEqualTo(29);
            assertThat(parse("<14>1 2000-02-29T00:00:00Z - - - - -").timestamp().getDayOfMonth()).isEqualTo(29);
        }

        @Test
        void fieldsAtTheirMaximumLength() throws Exception {
            String host = "h".repeat(255);
            String app = "a".repeat(48);
            String procId = "p".repeat(128);
            String msgId = "m".repeat(32);
            String sdName = "n".repeat(32);

            SyslogMessage m = parse("<14>1 - " + host + " " + app + " " + procId + " " + msgId
                    + " [" + sdName + " " + sdName + "=\"v\"]");

            assertThat(m.hostname()).isEqualTo(host);
            assertThat(m.appName()).isEqualTo(app);
            assertThat(m.procId()).isEqualTo(procId);
            assertThat(m.msgId()).isEqualTo(msgId);
            assertThat(m.sdValue(sdName, sdName)).isEqualTo("v");
        }

        @Test
        void trailingLineTerminatorsAndNulAreIgnored() throws Exception {
            assertThat(parse("<14>1 - - - - - - text\n").message()).isEqualTo("text");
            assertThat(parse("<14>1 - - - - - - text\r\n").message()).isEqualTo("text");
            assertThat(parse("<14>1 - - - - - - text\0").message()).isEqualTo("text");
            assertThat(parse("<14>1 - - - - - [a@1 k=\"v\"]\n").sdValue("a@1", "k")).isEqualTo("v");
        }

        @Test
        void frameInsideALargerBuffer() throws Exception {
            byte[] buf = "garbage<14>1 - host app - - - hello\ngarbage".getBytes(StandardCharsets.US_ASCII);

            SyslogMessage m = parser.parseStrict(buf, 7, 29);

            assertThat(m.hostname()).isEqualTo("host");
            assertThat(m.message()).isEqualTo("hello");
        }

        @Test
        void offsetsInErrorsCountFromTheFrame() {
            byte[] buf = "xxxx<14>1 - ho\u0007st - - - -".getBytes(StandardCharsets.US_ASCII);

            assertThatThrownBy(() -> parser.parseStrict(buf, 4, buf.length - 4))
                    .isInstanceOf(SyslogParseException.class)
                    .hasMessage("HOSTNAME contains byte 0x07, only printable US-ASCII is allowed at offset 10")
                    .extracting(e -> ((SyslogParseException) e).offset()).isEqualTo(10);
        }
    }

    @Nested
    class Rejected {

        private void assertRejected(String frame, String expectedMessage) {
            assertRejected(frame.getBytes(StandardCharsets.UTF_8), expectedMessage);
        }

        private void assertRejected(byte[] frame, String expectedMessage) {
            assertThatThrownBy(() -> parse(frame))
                    .isInstanceOf(SyslogParseException.class)
                    .hasMessage(expectedMessage);
        }

        @Test
        void priAbove191() {
            assertRejected("<192>1 - - - - - -", "PRI 192 is out of range 0..191 at offset 1");
        }

        @Test
        void priWithLeadingZero() {
            assertRejected("<034>1 - - - - - -", "PRI 034 has a leading zero at offset 1");
            assertRejected("<00>1 - - - - - -", "PRI 00 has a leading zero at offset 1");
        }

        @Test
        void priMalformed() {
            assertRejected("<1345>1 - - - - - -", "PRI has more than 3 digits at offset 1");
            assertRejected("<>1 - - - - - -", "PRI has no digits, found '>' at offset 1");
            assertRejected("<13 1 - - - - - -", "PRI must end with '>', found SP at offset 3");
        }

        @Test
        void versionZero() {
            assertRejected("<34>0 - - - - - -", "VERSION 0 is invalid: it must not start with 0 at offset 4");
        }

        @Test
        void versionOtherThanOne() {
            assertRejected("<34>2 - - - - - -", "VERSION 2 is not supported, only 1 is defined at offset 4");
            assertRejected("<34>11 - - - - - -", "VERSION 11 is not supported, only 1 is defined at offset 4");
        }

        @Test
        void february29InACommonYear() {
            assertRejected("<34>1 2023-02-29T10:00:00Z - - - - -",
                    "TIMESTAMP day 29 does not exist in 2023-02 at offset 14");
            assertRejected("<34>1 1900-02-29T10:00:00Z - - - - -",
                    "TIMESTAMP day 29 does not exist in 1900-02 at offset 14");
        }

        @Test
        void impossibleDateAndTimeValues() {
            assertRejected("<34>1 2023-13-01T10:00:00Z - - - - -", "TIMESTAMP month 13 is not 01..12 at offset 11");
            assertRejected("<34>1 2023-04-31T10:00:00Z - - - - -",
                    "TIMESTAMP day 31 does not exist in 2023-04 at offset 14");
            assertRejected("<34>1 2023-04-00T10:00:00Z - - - - -",
                    "TIMESTAMP day 00 does not exist in 2023-04 at offset 14");
            assertRejected("<34>1 2023-04-01T24:00:00Z - - - - -", "TIMESTAMP hour 24 is not 00..23 at offset 17");
            assertRejected("<34>1 2023-04-01T10:60:00Z - - - - -", "TIMESTAMP minute 60 is not 00..59 at offset 20");
        }

        @Test
        void leapSecond() {
            assertRejected("<34>1 2016-12-31T23:59:60Z - - - - -",
                    "TIMESTAMP second 60 (a leap second) is not accepted at offset 23");
        }

        @Test
        void malformedTimestamps() {
            assertRejected("<34>1 2023-04-01t10:00:00Z - - - - -",
                    "expected 'T' between date and time in TIMESTAMP, found 't' at offset 16");
            assertRejected("<34>1 2023-04-01T10:00:00 - - - - -",
                    "expected 'Z', '+' or '-' for the TIMESTAMP offset, found SP at offset 25");
            assertRejected("<34>1 2023-04-01T10:00:00.1234567Z - - - - -",
                    "TIMESTAMP fraction has more than 6 digits at offset 26");
            assertRejected("<34>1 2023-04-01T10:00:00.Z - - - - -",
                    "expected a digit after '.' in TIMESTAMP, found 'Z' at offset 26");
            assertRejected("<34>1 2023-04-01T10:00:00+19:00 - - - - -",
                    "TIMESTAMP offset +19:00 is beyond ±18:00 at offset 25");
            assertRejected("<34>1 2023-4-01T10:00:00Z - - - - -",
                    "expected 2-digit month in TIMESTAMP, found '-' at offset 12");
            assertRejected("<34>1 Oct 11 22:14:15 - - - - -",
                    "expected 4-digit year in TIMESTAMP, found 'O' at offset 6");
        }

        @Test
        void appNameLongerThan48() {
            assertRejected("<34>1 - host " + "a".repeat(49) + " - - -",
                    "APP-NAME is 49 bytes long, at most 48 are allowed at offset 13");
        }

        @Test
        void otherFieldsBeyondTheirLimits() {
            assertRejected("<34>1 - " + "h".repeat(256) + " - - - -",
                    "HOSTNAME is 256 bytes long, at most 255 are allowed at offset 8");
            assertRejected("<34>1 - - - " + "p".repeat(129) + " - -",
                    "PROCID is 129 bytes long, at most 128 are allowed at offset 12");
            assertRejected("<34>1 - - - - " + "m".repeat(33) + " -",
                    "MSGID is 33 bytes long, at most 32 are allowed at offset 14");
            assertRejected("<34>1 - - - - - [" + "s".repeat(33) + "]",
                    "SD-ID is 33 bytes long, at most 32 are allowed at offset 17");
        }

        @Test
        void unterminatedStructuredData() {
            assertRejected("<34>1 - - - - - [x@1 a=\"1\"", "SD-ELEMENT is not terminated by ']' at offset 16");
            assertRejected("<34>1 - - - - - [x@1 a=\"1", "PARAM-VALUE is not terminated by '\"' at offset 23");
            assertRejected("<34>1 - - - - - [x@1 a=\"1\\\"", "PARAM-VALUE is not terminated by '\"' at offset 23");
        }

        @Test
        void malformedStructuredData() {
            assertRejected("<34>1 - - - - - x", "STRUCTURED-DATA must be '-' or start with '[', found 'x' at offset 16");
            assertRejected("<34>1 - - - - - []", "SD-ID is empty, found ']' at offset 17");
            assertRejected("<34>1 - - - - - [x@1 a=1]", "expected '\"' to open the value of \"a\", found '1' at offset 23");
            assertRejected("<34>1 - - - - - [x@1 a]", "expected '=' after PARAM-NAME \"a\", found ']' at offset 22");
            assertRejected("<34>1 - - - - - [x@1  a=\"1\"]", "PARAM-NAME is empty, found SP at offset 21");
            assertRejected("<34>1 - - - - - [x@1 a=\"1\"b=\"2\"]",
                    "expected SP or ']' in SD-ELEMENT \"x@1\", found 'b' at offset 26");
            assertRejected("<34>1 - - - - - [x@1 a=\"x]y\"]", "']' in PARAM-VALUE must be escaped as '\\]' at offset 25");
            assertRejected("<34>1 - - - - - [x@1 a=\"1\"][x@1 b=\"2\"]",
                    "SD-ID \"x@1\" occurs twice, RFC 5424 §6.3.2 forbids that at offset 28");
            assertRejected("<34>1 - - - - - [x@1 a=\"1\"]msg",
                    "expected SP after STRUCTURED-DATA, found 'm' at offset 27");
            assertRejected("<34>1 - - - - - -msg", "expected SP after STRUCTURED-DATA, found 'm' at offset 17");
        }

        @Test
        void invalidUtf8InParamValue() {
            byte[] frame = concat("<34>1 - - - - - [x@1 a=\"ok ".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {(byte) 0xE2, (byte) 0x28, (byte) 0xA1, '"', ']'});

            assertRejected(frame, "PARAM-VALUE is not valid UTF-8 at offset 27");
        }

        @Test
        void missingSpaceBetweenFields() {
            assertRejected("<34>1 2003-10-11T22:14:15.003Zmymachine su - ID47 - msg",
                    "expected SP after TIMESTAMP, found 'm' at offset 30");
            assertRejected("<34>1 - host", "expected SP after HOSTNAME, found end of frame at offset 12");
            assertRejected("<34>1 - host  app - - -", "APP-NAME is empty, expected a value or '-' at offset 13");
        }

        @Test
        void controlCharacterInHostname() {
            assertRejected("<34>1 - my\u0001host su - - -",
                    "HOSTNAME contains byte 0x01, only printable US-ASCII is allowed at offset 10");
        }

        @Test
        void nonAsciiInHeaderField() {
            assertRejected("<34>1 - host Jürgen - - -",
                    "APP-NAME contains byte 0xC3, only printable US-ASCII is allowed at offset 14");
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
