package io.mimamori.connector.syslog.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mimamori.connector.syslog.SyslogMessage;
import io.mimamori.connector.syslog.SyslogMessage.Format;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SyslogParserRfc3164Test {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Clock JAN_2_2026 = Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC);
    private static final ZoneOffset WINTER = ZoneOffset.ofHours(1);
    private static final ZoneOffset SUMMER = ZoneOffset.ofHours(2);

    private final SyslogParser parser = new SyslogParser(BERLIN, JAN_2_2026);

    private SyslogMessage parse(String frame) throws SyslogParseException {
        return parse(parser, frame);
    }

    private static SyslogMessage parse(SyslogParser parser, String frame) throws SyslogParseException {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        return parser.parseStrict(bytes, 0, bytes.length);
    }

    @Nested
    class Linux {

        @Test
        void systemd() throws Exception {
            SyslogMessage m = parse("<30>Nov 24 05:10:00 web01 systemd[1]: Started Session 42 of user alice.");

            assertThat(m.format()).isEqualTo(Format.RFC3164);
            assertThat(m.facility()).isEqualTo(3);
            assertThat(m.severity()).isEqualTo(6);
            assertThat(m.timestamp()).isEqualTo(OffsetDateTime.of(2025, 11, 24, 5, 10, 0, 0, WINTER));
            assertThat(m.hostname()).isEqualTo("web01");
            assertThat(m.appName()).isEqualTo("systemd");
            assertThat(m.procId()).isEqualTo("1");
            assertThat(m.msgId()).isNull();
            assertThat(m.structuredData()).isEmpty();
            assertThat(m.message()).isEqualTo("Started Session 42 of user alice.");
            assertThat(m.parseError()).isNull();
        }

        @Test
        void sshdWithPid() throws Exception {
            SyslogMessage m = parse("<38>Oct 11 22:14:15 host1 sshd[1234]: Accepted publickey for alice from "
                    + "192.0.2.10 port 52814 ssh2");

            assertThat(m.facility()).isEqualTo(4);
            assertThat(m.severity()).isEqualTo(6);
            assertThat(m.timestamp()).isEqualTo(OffsetDateTime.of(2025, 10, 11, 22, 14, 15, 0, SUMMER));
            assertThat(m.hostname()).isEqualTo("host1");
            assertThat(m.appName()).isEqualTo("sshd");
            assertThat(m.procId()).isEqualTo("1234");
            assertThat(m.message()).isEqualTo("Accepted publickey for alice from 192.0.2.10 port 52814 ssh2");
        }

        @Test
        void kernelWithSpacePaddedDay() throws Exception {
            SyslogMessage m = parse("<4>Jan  1 00:00:01 host1 kernel: [12345.678901] usb 1-1: new high-speed "
                    + "USB device number 2 using xhci_hcd");

            assertThat(m.facility()).isZero();
            assertThat(m.severity()).isEqualTo(4);
            assertThat(m.timestamp()).isEqualTo(OffsetDateTime.of(2026, 1, 1, 0, 0, 1, 0, WINTER));
            assertThat(m.appName()).isEqualTo("kernel");
            assertThat(m.procId()).isNull();
            assertThat(m.message()).isEqualTo("[12345.678901] usb 1-1: new high-speed USB device number 2 using xhci_hcd");
        }

        @Test
        void cronWithoutPid() throws Exception {
            SyslogMessage m = parse("<78>Dec 31 23:59:00 host1 cron: (root) CMD (run-parts /etc/cron.hourly)");

            assertThat(m.facility()).isEqualTo(9);
            assertThat(m.severity()).isEqualTo(6);
            assertThat(m.appName()).isEqualTo("cron");
            assertThat(m.procId()).isNull();
            assertThat(m.message()).isEqualTo("(root) CMD (run-parts /etc/cron.hourly)");
        }

        @Test
        void postfixWithSlashInTag() throws Exception {
            SyslogMessage m = parse("<22>Mar  5 07:08:09 mail1 postfix/smtpd[2011]: connect from unknown[198.51.100.7]");

            assertThat(m.facility()).isEqualTo(2);
            assertThat(m.timestamp()).isEqualTo(OffsetDateTime.of(2025, 3, 5, 7, 8, 9, 0, WINTER));
            assertThat(m.hostname()).isEqualTo("mail1");
            assertThat(m.appName()).isEqualTo("postfix/smtpd");
            assertThat(m.procId()).isEqualTo("2011");
            assertThat(m.message()).isEqualTo("connect from unknown[198.51.100.7]");
        }

        @Test
        void millisecondsAndZeroPaddedDay() throws Exception {
            SyslogMessage m = parse("<13>Oct 01 22:14:15.123 host app: x");

            assertThat(m.timestamp()).isEqualTo(OffsetDateTime.of(2025, 10, 1, 22, 14, 15, 123_000_000, SUMMER));
            assertThat(m.hostname()).isEqualTo("host");
        }

        @Test
        void singleSpaceBeforeSingleDigitDay() throws Exception {
            assertThat(parse("<13>Oct 1 22:14:15 host app: x").timestamp().getDayOfMonth()).isEqualTo(1);
        }

        @Test
        void rfc3164Examples() throws Exception {
            SyslogMessage su = parse("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8");
            assertThat(su.hostname()).isEqualTo("mymachine");
            assertThat(su.appName()).isEqualTo("su");
            assertThat(su.message()).isEqualTo("'su root' failed for lonvick on /dev/pts/8");

            SyslogMessage bfg = parse("<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!");
            assertThat(bfg.hostname()).isEqualTo("10.0.0.99");
            assertThat(bfg.appName()).isNull();
            assertThat(bfg.message()).isEqualTo("Use the BFG!");
        }

        @Test
        void tokenWithColonLaterIsNotATag() throws Exception {
            SyslogMessage m = parse("<13>Oct 11 22:14:15 host this is: text");

            assertThat(m.appName()).isNull();
            assertThat(m.message()).isEqualTo("this is: text");
        }

        @Test
        void tagWithPidButNoColon() throws Exception {
            SyslogMessage m = parse("<13>Oct 11 22:14:15 host app[7] text");

            assertThat(m.appName()).isEqualTo("app");
            assertThat(m.procId()).isEqualTo("7");
            assertThat(m.message()).isEqualTo("text");
        }
    }

    @Nested
    class MissingParts {

        @Test
        void missingHostnameBeforeTag() throws Exception {
            SyslogMessage m = parse("<13>Oct 11 22:14:15 su: 'su root' failed");

            assertThat(m.hostname()).isNull();
            assertThat(m.appName()).isEqualTo("su");
            assertThat(m.message()).isEqualTo("'su root' failed");
        }

        @Test
        void missingHostnameBeforeTagWithPid() throws Exception {
            SyslogMessage m = parse("<13>Oct 11 22:14:15 sshd[99]: Connection closed");

            assertThat(m.hostname()).isNull();
            assertThat(m.appName()).isEqualTo("sshd");
            assertThat(m.procId()).isEqualTo("99");
        }

        @Test
        void noTimestampWithTag() throws Exception {
            SyslogMessage m = parse("<13>su[12]: msg");

            assertThat(m.timestamp()).isNull();
            assertThat(m.hostname()).isNull();
            assertThat(m.appName()).isEqualTo("su");
            assertThat(m.procId()).isEqualTo("12");
            assertThat(m.message()).isEqualTo("msg");
        }

        @Test
        void noTimestampNoTag() throws Exception {
            SyslogMessage m = parse("<13>some text");

            assertThat(m.format()).isEqualTo(Format.RFC3164);
            assertThat(m.facility()).isEqualTo(1);
            assertThat(m.severity()).isEqualTo(5);
            assertThat(m.timestamp()).isNull();
            assertThat(m.hostname()).isNull();
            assertThat(m.appName()).isNull();
            assertThat(m.message()).isEqualTo("some text");
        }

        @Test
        void textStartingWithAMonthNameIsNotATimestamp() throws Exception {
            SyslogMessage m = parse("<13>May the force be with you");

            assertThat(m.timestamp()).isNull();
            assertThat(m.message()).isEqualTo("May the force be with you");
        }

        @Test
        void priOnly() throws Exception {
            SyslogMessage m = parse("<13>");

            assertThat(m.format()).isEqualTo(Format.RFC3164);
            assertThat(m.message()).isEmpty();
        }
    }

    @Nested
    class MissingYear {

        @Test
        void decemberReadInJanuaryIsLastYear() throws Exception {
            assertThat(parse("<13>Dec 31 23:59:59 host app: x").timestamp())
                    .isEqualTo(OffsetDateTime.of(2025, 12, 31, 23, 59, 59, 0, WINTER));
        }

        @Test
        void januaryReadOnNewYearsEveIsNextYear() throws Exception {
            SyslogParser parser = new SyslogParser(BERLIN,
                    Clock.fixed(Instant.parse("2025-12-31T22:00:00Z"), ZoneOffset.UTC));

            assertThat(parse(parser, "<13>Jan  1 00:00:05 host app: x").timestamp())
                    .isEqualTo(OffsetDateTime.of(2026, 1, 1, 0, 0, 5, 0, WINTER));
        }

        @Test
        void upToAMonthAheadIsThisYear() throws Exception {
            assertThat(parse("<13>Jan 30 08:00:00 host app: x").timestamp().getYear()).isEqualTo(2026);
            assertThat(parse("<13>Feb 10 08:00:00 host app: x").timestamp().getYear()).isEqualTo(2025);
        }

        @Test
        void february29TakesTheClosestLeapYear() throws Exception {
            SyslogParser parser = new SyslogParser(BERLIN,
                    Clock.fixed(Instant.parse("2024-03-01T10:00:00Z"), ZoneOffset.UTC));

            assertThat(parse(parser, "<13>Feb 29 12:00:00 host app: x").timestamp())
                    .isEqualTo(OffsetDateTime.of(2024, 2, 29, 12, 0, 0, 0, WINTER));
        }

        @Test
        void explicitYearAfterTheDay() throws Exception {
            assertThat(parse("<166>Jan 01 2024 10:00:00: %ASA-6-302013: Built").timestamp())
                    .isEqualTo(OffsetDateTime.of(2024, 1, 1, 10, 0, 0, 0, WINTER));
        }

        @Test
        void explicitYearBeforeTheMonth() throws Exception {
            SyslogMessage m = parse("<13>2023 Oct 22 10:52:01 host app: m");

            assertThat(m.timestamp()).isEqualTo(OffsetDateTime.of(2023, 10, 22, 10, 52, 1, 0, SUMMER));
            assertThat(m.hostname()).isEqualTo("host");
        }
    }

    @Nested
    class Rfc3339Timestamp {

        @Test
        void rsyslogHighPrecisionFormat() throws Exception {
            SyslogMessage m = parse("<30>2026-01-01T12:00:00.123456+01:00 web01 nginx[77]: GET / 200");

            assertThat(m.format()).isEqualTo(Format.RFC3164);
            assertThat(m.timestamp()).isEqualTo(OffsetDateTime.of(2026, 1, 1, 12, 0, 0, 123_456_000, WINTER));
            assertThat(m.hostname()).isEqualTo("web01");
            assertThat(m.appName()).isEqualTo("nginx");
            assertThat(m.procId()).isEqualTo("77");
            assertThat(m.message()).isEqualTo("GET / 200");
        }

        @Test
        void nanosecondsAndUtc() throws Exception {
            assertThat(parse("<30>2026-01-01T12:00:00.123456789Z host app: x").timestamp())
                    .isEqualTo(OffsetDateTime.of(2026, 1, 1, 12, 0, 0, 123_456_789, ZoneOffset.UTC));
        }
    }

    @Nested
    class Cisco {

        @Test
        void sequenceNumberAndUnsyncedClock() throws Exception {
            SyslogMessage m = parse("<189>123: *Mar  1 00:01:02.345: %LINK-3-UPDOWN: Interface GigabitEthernet0/1, "
                    + "changed state to down");

            assertThat(m.format()).isEqualTo(Format.RFC3164);
            assertThat(m.facility()).isEqualTo(23);
            assertThat(m.severity()).isEqualTo(5);
            assertThat(m.timestamp()).isEqualTo(OffsetDateTime.of(2025, 3, 1, 0, 1, 2, 345_000_000, WINTER));
            assertThat(m.hostname()).isNull();
            assertThat(m.appName()).isEqualTo("LINK");
            assertThat(m.msgId()).isEqualTo("UPDOWN");
            assertThat(m.procId()).isNull();
            assertThat(m.message()).isEqualTo("%LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down");
        }

        @Test
        void sequenceNumberHostnameAndUtc() throws Exception {
            SyslogMessage m = parse("<189>45: router1: Mar  1 00:01:02 UTC: %SYS-5-CONFIG_I: Configured from console");

            assertThat(m.hostname()).isEqualTo("router1");
            assertThat(m.timestamp()).isEqualTo(OffsetDateTime.of(2025, 3, 1, 0, 1, 2, 0, ZoneOffset.UTC));
            assertThat(m.appName()).isEqualTo("SYS");
            assertThat(m.msgId()).isEqualTo("CONFIG_I");
            assertThat(m.message()).isEqualTo("%SYS-5-CONFIG_I: Configured from console");
        }

        @Test
        void noSequenceNumber() throws Exception {
            SyslogMessage m = parse("<189>*Mar  1 00:01:02.345: %LINEPROTO-5-UPDOWN: Line protocol on Interface "
                    + "Gi0/1, changed state to up");

            assertThat(m.hostname()).isNull();
            assertThat(m.timestamp().getNano()).isEqualTo(345_000_000);
            assertThat(m.appName()).isEqualTo("LINEPROTO");
            assertThat(m.msgId()).isEqualTo("UPDOWN");
        }

        @Test
        void syncLostMarkerAndOtherZoneAbbreviation() throws Exception {
            SyslogMessage m = parse("<187>7: .Jun 14 08:00:00.001 PDT: %SYS-3-CPUHOG: Task is running for (2000)msecs");

            // PDT is taken as "some zone": abbreviations are ambiguous, so the configured zone applies.
            assertThat(m.timestamp()).isEqualTo(OffsetDateTime.of(2025, 6, 14, 8, 0, 0, 1_000_000, SUMMER));
            assertThat(m.appName()).isEqualTo("SYS");
            assertThat(m.msgId()).isEqualTo("CPUHOG");
        }

        @Test
        void utcWithoutSequenceNumberBeforeMnemonic() throws Exception {
            SyslogMessage m = parse("<189>Mar  1 00:01:02 UTC: %SYS-5-RESTART: System restarted");

            assertThat(m.timestamp().getOffset()).isEqualTo(ZoneOffset.UTC);
            assertThat(m.msgId()).isEqualTo("RESTART");
        }

        @Test
        void upperCaseTagAfterTimestampIsNotAZone() throws Exception {
            SyslogMessage m = parse("<13>Oct 11 22:14:15 CRON: job done");

            assertThat(m.timestamp().getOffset()).isEqualTo(SUMMER);
            assertThat(m.appName()).isEqualTo("CRON");
            assertThat(m.message()).isEqualTo("job done");
        }

        @Test
        void sequenceNumberWithoutTimestamp() throws Exception {
            SyslogMessage m = parse("<189>46: %SYS-5-CONFIG_I: Configured from console by vty0 (10.0.0.1)");

            assertThat(m.timestamp()).isNull();
            assertThat(m.appName()).isEqualTo("SYS");
            assertThat(m.msgId()).isEqualTo("CONFIG_I");
            assertThat(m.message()).isEqualTo("%SYS-5-CONFIG_I: Configured from console by vty0 (10.0.0.1)");
        }

        @Test
        void nxosEmptySequenceNumberAndYearFirst() throws Exception {
            SyslogMessage m = parse("<189>: 2026 Jan  1 10:00:00 UTC: %ETHPORT-5-IF_UP: Interface Ethernet1/1 is up");

            assertThat(m.timestamp()).isEqualTo(OffsetDateTime.of(2026, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC));
            assertThat(m.hostname()).isNull();
            assertThat(m.appName()).isEqualTo("ETHPORT");
            assertThat(m.msgId()).isEqualTo("IF_UP");
            assertThat(m.message()).isEqualTo("%ETHPORT-5-IF_UP: Interface Ethernet1/1 is up");
        }

        @Test
        void iosXrSubFacilityAndSpaceBeforeColon() throws Exception {
            SyslogMessage m = parse("<187>9: router2: %PKT_INFRA-LINK-3-UPDOWN : Interface Gi0/0/0/1, changed state to Down");

            assertThat(m.hostname()).isEqualTo("router2");
            assertThat(m.appName()).isEqualTo("PKT_INFRA-LINK");
            assertThat(m.msgId()).isEqualTo("UPDOWN");
        }

        @Test
        void asaWithDeviceId() throws Exception {
            SyslogMessage m = parse("<166>Jan 01 2026 10:00:00 asa01 : %ASA-6-302013: Built outbound TCP connection 1 "
                    + "for outside:192.0.2.1/443 (192.0.2.1/443) to inside:10.0.0.5/51234 (10.0.0.5/51234)");

            assertThat(m.timestamp()).isEqualTo(OffsetDateTime.of(2026, 1, 1, 10, 0, 0, 0, WINTER));
            assertThat(m.hostname()).isEqualTo("asa01");
            assertThat(m.appName()).isEqualTo("ASA");
            assertThat(m.msgId()).isEqualTo("302013");
            assertThat(m.message()).startsWith("%ASA-6-302013: Built outbound");
        }

        @Test
        void asaWithoutTimestamp() throws Exception {
            SyslogMessage m = parse("<164>%ASA-4-106023: Deny tcp src outside:192.0.2.9/4444 dst inside:10.0.0.5/22");

            assertThat(m.timestamp()).isNull();
            assertThat(m.appName()).isEqualTo("ASA");
            assertThat(m.msgId()).isEqualTo("106023");
        }

        @Test
        void percentTextThatIsNotAMnemonic() throws Exception {
            SyslogMessage m = parse("<13>%% It's time to make the do-nuts.");

            assertThat(m.appName()).isNull();
            assertThat(m.msgId()).isNull();
            assertThat(m.message()).isEqualTo("%% It's time to make the do-nuts.");
        }
    }

    @Nested
    class Rejected {

        private void assertRejected(SyslogParser parser, String frame, String expectedMessage) {
            assertThatThrownBy(() -> parse(parser, frame))
                    .isInstanceOf(SyslogParseException.class)
                    .hasMessage(expectedMessage);
        }

        private void assertRejected(String frame, String expectedMessage) {
            assertRejected(parser, frame, expectedMessage);
        }

        @Test
        void noPri() {
            assertRejected("hello world", "frame does not start with '<' (no PRI), found 'h' at offset 0");
            assertRejected("", "frame does not start with '<' (no PRI), found end of frame at offset 0");
        }

        @Test
        void noPriLenient() {
            byte[] frame = "hello world\n".getBytes(StandardCharsets.US_ASCII);

            SyslogMessage m = parser.parse(frame, 0, frame.length);

            assertThat(m.format()).isEqualTo(Format.UNPARSED);
            assertThat(m.facility()).isEqualTo(-1);
            assertThat(m.severity()).isEqualTo(-1);
            assertThat(m.hasPri()).isFalse();
            assertThat(m.message()).isEqualTo("hello world");
            assertThat(m.parseError()).isEqualTo("frame does not start with '<' (no PRI), found 'h' at offset 0");
        }

        @Test
        void impossibleDayOrTime() {
            assertRejected("<13>Oct 32 22:14:15 host app: x", "TIMESTAMP day 32 does not exist in Oct at offset 8");
            assertRejected("<13>Apr 31 22:14:15 host app: x", "TIMESTAMP day 31 does not exist in Apr at offset 8");
            assertRejected("<13>Apr  0 22:14:15 host app: x", "TIMESTAMP day 0 does not exist in Apr at offset 9");
            assertRejected("<13>Oct 11 25:14:15 host app: x", "TIMESTAMP hour 25 is not 00..23 at offset 11");
            assertRejected("<13>Oct 11 22:14 host app: x", "expected ':' after the minute in TIMESTAMP, found SP at offset 16");
            assertRejected("<13>Oct 11 22:14:15x host", "expected SP after the timestamp, found 'x' at offset 19");
            assertRejected("<13>2023 Feb 29 22:14:15 host", "TIMESTAMP day 29 does not exist in 2023-02 at offset 13");
        }

        @Test
        void february29WithoutALeapYearNearby() {
            assertRejected("<13>Feb 29 12:00:00 host app: x",
                    "TIMESTAMP Feb 29 has no leap year close to 2026 at offset 8");
        }

        @Test
        void malformedRfc3339Timestamp() {
            assertRejected("<13>2026-01-01T12:00 host app: x",
                    "expected ':' after the minute in TIMESTAMP, found SP at offset 20");
        }

        @Test
        void invalidTimestampLenientKeepsPri() {
            byte[] frame = "<13>Oct 32 22:14:15 host app: x".getBytes(StandardCharsets.US_ASCII);

            SyslogMessage m = parser.parse(frame, 0, frame.length);

            assertThat(m.format()).isEqualTo(Format.UNPARSED);
            assertThat(m.facility()).isEqualTo(1);
            assertThat(m.severity()).isEqualTo(5);
            assertThat(m.message()).isEqualTo("<13>Oct 32 22:14:15 host app: x");
            assertThat(m.parseError()).isEqualTo("TIMESTAMP day 32 does not exist in Oct at offset 8");
        }
    }
}
