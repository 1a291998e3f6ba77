package io.mimamori.connector.syslog.internal.parse;

import io.mimamori.connector.syslog.SyslogMessage;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * BSD syslog (RFC 3164) in the shapes real senders use. Every frame with a valid PRI decodes to
 * something; an error is raised only for a part that is recognised by its shape but holds
 * impossible values, such as {@code Oct 32 25:00:00}.
 *
 * <p>After PRI, in this order, each part optional:
 * <ol>
 *   <li>a Cisco sequence number {@code "123: "} (NX-OS: just {@code ": "}), then a Cisco origin
 *       hostname {@code "router1: "};
 *   <li>a Cisco time-sync marker, {@code '*'} (clock not set) or {@code '.'} (sync lost);
 *   <li>a timestamp: BSD {@code "Mmm dd hh:mm:ss"} (day padded by a space or a zero, an
 *       optional year before the month or after the day, an optional fraction, an optional zone
 *       abbreviation before a Cisco-style ':'), or RFC 3339 as rsyslog's high-precision format
 *       sends it;
 *   <li>a HOSTNAME, only after a timestamp that ends in SP, and only when the token is not a TAG
 *       ({@code name:}, {@code name[pid]:} or {@code name[pid]});
 *   <li>a Cisco {@code %FAC-SEV-MNEMONIC:}, which becomes APP-NAME FAC and MSGID MNEMONIC while
 *       the message keeps the text from '%', or else a TAG.
 * </ol>
 */
final class Rfc3164Decoder {

    private static final int HOSTNAME_MAX = 255;
    private static final int MAX_SEQUENCE_DIGITS = 10;
    private static final int ZONE_ABBREVIATION_MIN = 2;
    private static final int ZONE_ABBREVIATION_MAX = 5;
    /** How far ahead of the receiver's clock a timestamp without a year may be: about a month. */
    private static final int FUTURE_TOLERANCE_DAYS = 31;
    /** A leap year, for checking a day before the year is known. */
    private static final int ANY_LEAP_YEAR = 2000;
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private final ZoneId zone;
    private final Clock clock;

    Rfc3164Decoder(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    /** Decodes from just after PRI to the end of the frame. */
    SyslogMessage decode(FrameCursor c) throws SyslogParseException {
        return new Frame(c).decode();
    }

    /** The parts of one frame as they are found. */
    private final class Frame {
        private final FrameCursor c;
        private boolean ciscoStyle;
        private String hostname;
        private String appName;
        private String procId;
        private String msgId;

        Frame(FrameCursor c) {
            this.c = c;
        }

        SyslogMessage decode() throws SyslogParseException {
            if (skipSequenceNumber()) {
                ciscoStyle = true;
                readOriginHostname();
            }
            if (skipTimeSyncMarker()) {
                ciscoStyle = true;
            }
            OffsetDateTime timestamp = readTimestamp();
            if (timestamp != null) {
                if (c.peek() == ':') {
                    // Cisco ends the timestamp with ':'; what follows is the message, never a HOSTNAME.
                    c.pos++;
                    skipSpace();
                } else {
                    skipSpace();
                    if (hostname == null) {
                        readHostname();
                    }
                }
            }
            if (!readCiscoMnemonic()) {
                readTag();
            }
            int pri = c.pri;
            return new SyslogMessage(SyslogMessage.Format.RFC3164, pri >> 3, pri & 7, timestamp,
                    hostname, appName, procId, msgId, List.of(), c.restAsMessage(), null);
        }

        private void skipSpace() {
            if (c.peek() == ' ') {
                c.pos++;
            }
        }

        /**
         * Cisco {@code service sequence-numbers}: digits, ':', SP. NX-OS sends the ": " without
         * digits when sequence numbers are off.
         */
        private boolean skipSequenceNumber() {
            int i = c.pos;
            while (c.isDigitAt(i) && i - c.pos < MAX_SEQUENCE_DIGITS) {
                i++;
            }
            if (c.byteAt(i) == ':' && c.byteAt(i + 1) == ' ') {
                c.pos = i + 2;
                return true;
            }
            return false;
        }

        /** Cisco {@code logging origin-id hostname}: a token ending in ':' after the sequence number. */
        private void readOriginHostname() {
            int from = c.pos;
            int to = c.nextSpace(from);
            if (to - from < 2 || c.buf[to - 1] != ':' || c.buf[from] == '%') {
                return;
            }
            for (int i = from; i < to - 1; i++) {
                int b = c.buf[i] & 0xFF;
                if (!FrameCursor.isPrintableAscii(b) || b == '[' || b == ':') {
                    return;
                }
            }
            hostname = c.ascii(from, to - 1);
            c.pos = to;
            skipSpace();
        }

        private boolean skipTimeSyncMarker() {
            int b = c.peek();
            if ((b == '*' || b == '.') && isBsdTimestampAt(c.pos + 1)) {
                c.pos++;
                return true;
            }
            return false;
        }

        private OffsetDateTime readTimestamp() throws SyslogParseException {
            OffsetDateTime read;
            if (isBsdTimestampAt(c.pos)) {
                read = readBsdTimestamp();
            } else if (isRfc3339TimestampAt(c.pos)) {
                read = Timestamps.readRfc3339(c, Timestamps.MAX_FRACTION_DIGITS);
            } else {
                return null;
            }
            int next = c.peek();
            if (next != ' ' && next != ':' && next >= 0) {
                throw c.error("expected SP after the timestamp, found " + FrameCursor.describe(next));
            }
            return read;
        }

        /**
         * Whether a BSD timestamp starts at {@code i}: "Mmm", one or two SP, a one- or two-digit
         * day, SP, then "hh:", with a four-digit year and SP either before "Mmm" or before "hh:".
         * Text that merely starts with a month name is message text; once this shape is seen, the
         * timestamp must be valid.
         */
        private boolean isBsdTimestampAt(int i) {
            boolean leadingYear = isYearAt(i);
            int monthAt = leadingYear ? i + 5 : i;
            if (monthAt(monthAt) < 0 || c.byteAt(monthAt + 3) != ' ') {
                return false;
            }
            int j = monthAt + 4;
            if (c.byteAt(j) == ' ') {
                j++;
            }
            if (!c.isDigitAt(j)) {
                return false;
            }
            j += c.isDigitAt(j + 1) ? 2 : 1;
            if (c.byteAt(j) != ' ') {
                return false;
            }
            j++;
            if (!leadingYear && isYearAt(j)) {
                j += 5;
            }
            return c.isDigitAt(j) && c.isDigitAt(j + 1) && c.byteAt(j + 2) == ':';
        }

        private boolean isYearAt(int j) {
            return c.isDigitAt(j) && c.isDigitAt(j + 1) && c.isDigitAt(j + 2) && c.isDigitAt(j + 3)
                    && c.byteAt(j + 4) == ' ';
        }

        /** Whether "yyyy-mm-ddT" starts at {@code i}; from there on it must be RFC 3339. */
        private boolean isRfc3339TimestampAt(int i) {
            return c.isDigitAt(i) && c.isDigitAt(i + 1) && c.isDigitAt(i + 2) && c.isDigitAt(i + 3)
                    && c.byteAt(i + 4) == '-' && c.isDigitAt(i + 5) && c.isDigitAt(i + 6)
                    && c.byteAt(i + 7) == '-' && c.isDigitAt(i + 8) && c.isDigitAt(i + 9)
                    && c.byteAt(i + 10) == 'T';
        }

        /** 1..12 for the month name at {@code i}, else -1. */
        private int monthAt(int i) {
            if (i + 3 > c.end) {
                return -1;
            }
            for (int m = 0; m < 12; m++) {
                if (c.buf[i] == MONTHS.charAt(3 * m)
                        && c.buf[i + 1] == MONTHS.charAt(3 * m + 1)
                        && c.buf[i + 2] == MONTHS.charAt(3 * m + 2)) {
                    return m + 1;
                }
            }
            return -1;
        }

        /** Reads a timestamp that {@link #isBsdTimestampAt} has recognised. */
        private OffsetDateTime readBsdTimestamp() throws SyslogParseException {
            int year = -1;
            if (isYearAt(c.pos)) {
                year = c.readDigits(4, "year");
                c.pos++;
            }
            int month = monthAt(c.pos);
            c.pos += 4;
            skipSpace();
            int dayAt = c.pos;
            int day = c.buf[c.pos++] - '0';
            if (c.isDigitAt(c.pos)) {
                day = day * 10 + (c.buf[c.pos++] - '0');
            }
            c.pos++;
            if (year < 0 && isYearAt(c.pos)) {
                year = c.readDigits(4, "year");
                c.pos++;
            }
            int hour = Timestamps.readHour(c);
            c.expect(':', "after the hour in TIMESTAMP");
            int minute = Timestamps.readMinute(c);
            c.expect(':', "after the minute in TIMESTAMP");
            int second = Timestamps.readSecond(c);
            int nano = c.peek() == '.' ? Timestamps.readFraction(c, Timestamps.MAX_FRACTION_DIGITS) : 0;
            ZoneId timestampZone = readZoneAbbreviation();

            LocalDateTime local;
            if (year >= 0) {
                Timestamps.checkDay(c, dayAt, year, month, day);
                local = LocalDateTime.of(year, month, day, hour, minute, second, nano);
            } else {
                if (day < 1 || day > Timestamps.daysInMonth(ANY_LEAP_YEAR, month)) {
                    throw c.errorAt("TIMESTAMP day " + day + " does not exist in "
                            + MONTHS.substring(3 * month - 3, 3 * month), dayAt);
                }
                local = withInferredYear(dayAt, timestampZone, month, day, hour, minute, second, nano);
            }
            // A wall time in a DST gap moves forward, one in an overlap takes the earlier offset.
            return ZonedDateTime.of(local, timestampZone).toOffsetDateTime();
        }

        /**
         * Cisco {@code show-timezone}: SP, 2 to 5 capital letters, then ':'. Taken as a zone only
         * where it cannot be a TAG: after Cisco-only parts, or when a %FAC-SEV-MNEMONIC follows.
         * UTC and GMT are honoured; other abbreviations are ambiguous (CST, IST) and fall back to
         * the configured zone.
         */
        private ZoneId readZoneAbbreviation() {
            if (c.peek() != ' ') {
                return zone;
            }
            int from = c.pos + 1;
            int to = from;
            while (to < c.end && to - from <= ZONE_ABBREVIATION_MAX && c.buf[to] >= 'A' && c.buf[to] <= 'Z') {
                to++;
            }
            int length = to - from;
            boolean shaped = length >= ZONE_ABBREVIATION_MIN && length <= ZONE_ABBREVIATION_MAX
                    && c.byteAt(to) == ':';
            boolean mnemonicFollows = c.byteAt(to + 1) == ' ' && c.byteAt(to + 2) == '%';
            if (!shaped || !(ciscoStyle || mnemonicFollows)) {
                return zone;
            }
            c.pos = to;
            String abbreviation = c.ascii(from, to);
            return abbreviation.equals("UTC") || abbreviation.equals("GMT") ? ZoneOffset.UTC : zone;
        }

        /**
         * The year that puts the timestamp at most {@link #FUTURE_TOLERANCE_DAYS} days after the
         * receiver's clock: a "Dec 31" read on Jan 2 is from last year, a "Jan 1" read on Dec 31
         * from next year.
         */
        private LocalDateTime withInferredYear(int dayAt, ZoneId timestampZone, int month, int day,
                int hour, int minute, int second, int nano) throws SyslogParseException {
            LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), timestampZone);
            LocalDateTime latest = now.plusDays(FUTURE_TOLERANCE_DAYS);
            for (int year = now.getYear() + 1; year >= now.getYear() - 1; year--) {
                if (day <= Timestamps.daysInMonth(year, month)) {
                    LocalDateTime candidate = LocalDateTime.of(year, month, day, hour, minute, second, nano);
                    if (!candidate.isAfter(latest)) {
                        return candidate;
                    }
                }
            }
            // Only Feb 29 gets here: any other day fits in last year.
            throw c.errorAt("TIMESTAMP Feb 29 has no leap year close to " + now.getYear(), dayAt);
        }

        /** RFC 3164 HOSTNAME: the token after the timestamp unless that token is a TAG. */
        private void readHostname() {
            int from = c.pos;
            int to = c.nextSpace(from);
            if (to == from || to - from > HOSTNAME_MAX || c.buf[to - 1] == ':') {
                return;
            }
            for (int i = from; i < to; i++) {
                int b = c.buf[i] & 0xFF;
                if (!FrameCursor.isPrintableAscii(b) || b == '[') {
                    return;
                }
            }
            hostname = c.ascii(from, to);
            c.pos = to;
            skipSpace();
            // Cisco ASA with "logging device-id" separates host and message by " : ".
            if (c.peek() == ':' && (c.byteAt(c.pos + 1) == ' ' || c.byteAt(c.pos + 1) < 0)) {
                c.pos++;
                skipSpace();
            }
        }

        /**
         * Cisco {@code %FAC-SEV-MNEMONIC:}, FAC possibly with sub-facilities ("PKT_INFRA-LINK"),
         * SEV one digit 0..7, the ':' preceded by SP on IOS XR. Leaves the position at '%' so that
         * the message keeps the whole text.
         */
        private boolean readCiscoMnemonic() {
            int from = c.pos;
            if (c.peek() != '%') {
                return false;
            }
            int i = from + 1;
            int lastDash = -1;
            while (i < c.end && isMnemonicChar(c.buf[i])) {
                if (c.buf[i] == '-') {
                    lastDash = i;
                }
                i++;
            }
            int colonAt = c.byteAt(i) == ' ' ? i + 1 : i;
            boolean shaped = c.byteAt(colonAt) == ':'
                    && lastDash - from >= 4 && lastDash < i - 1
                    && c.buf[lastDash - 2] == '-'
                    && c.buf[lastDash - 1] >= '0' && c.buf[lastDash - 1] <= '7'
                    && c.buf[from + 1] != '-'
                    && c.buf[lastDash - 3] != '-';
            if (!shaped) {
                return false;
            }
            appName = c.ascii(from + 1, lastDash - 2);
            msgId = c.ascii(lastDash + 1, i);
            return true;
        }

        /** TAG as {@code name:}, {@code name[pid]:} or {@code name[pid]}; anything else is message text. */
        private void readTag() {
            int from = c.pos;
            int to = c.nextSpace(from);
            int bodyEnd = to > from && c.buf[to - 1] == ':' ? to - 1 : to;
            boolean colon = bodyEnd < to;
            int open = -1;
            for (int i = from; i < bodyEnd; i++) {
                int b = c.buf[i] & 0xFF;
                if (!FrameCursor.isPrintableAscii(b) || b == ':') {
                    return;
                }
                if (b == '[') {
                    if (open >= 0) {
                        return;
                    }
                    open = i;
                } else if (b == ']' && (open < 0 || i != bodyEnd - 1)) {
                    return;
                }
            }
            if (open >= 0) {
                boolean hasNameAndPid = open > from && bodyEnd - open >= 3 && c.buf[bodyEnd - 1] == ']';
                if (!hasNameAndPid) {
                    return;
                }
                appName = c.ascii(from, open);
                procId = c.ascii(open + 1, bodyEnd - 1);
            } else if (colon && bodyEnd > from) {
                appName = c.ascii(from, bodyEnd);
            } else {
                return;
            }
            c.pos = to;
            skipSpace();
        }
    }

    private static boolean isMnemonicChar(byte b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_' || b == '-';
    }
}
