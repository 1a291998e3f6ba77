package io.mimamori.connector.syslog.internal.parse;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Hand-written timestamp reading: no DateTimeFormatter on the hot path, and every range checked
 * before a java.time factory sees it, so that those never throw DateTimeException at us.
 */
final class Timestamps {

    /** Fraction digits RFC 5424 allows (TIME-SECFRAC = "." 1*6DIGIT). */
    static final int RFC5424_FRACTION_DIGITS = 6;
    /** Fraction digits accepted where no RFC limits them: java.time's nanosecond precision. */
    static final int MAX_FRACTION_DIGITS = 9;

    private static final int MAX_OFFSET_MINUTES = 18 * 60;
    private static final int[] POWERS_OF_TEN = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
    };

    private Timestamps() {
    }

    /**
     * Reads an RFC 3339 timestamp as RFC 5424 §6.2.3 restricts it: {@code full-date "T" full-time},
     * upper-case T and Z, an offset that is Z or ±hh:mm.
     *
     * <p>Second 60 is rejected: RFC 5424 §6.2.3 says a leap second MUST NOT be used, and
     * java.time cannot represent it anyway.
     */
    static OffsetDateTime readRfc3339(FrameCursor c, int maxFractionDigits) throws SyslogParseException {
        int year = c.readDigits(4, "year in TIMESTAMP");
        c.expect('-', "after the year in TIMESTAMP");
        int month = readMonthNumber(c);
        c.expect('-', "after the month in TIMESTAMP");
        int dayAt = c.pos;
        int day = c.readDigits(2, "day in TIMESTAMP");
        checkDay(c, dayAt, year, month, day);
        c.expect('T', "between date and time in TIMESTAMP");
        int hour = readHour(c);
        c.expect(':', "after the hour in TIMESTAMP");
        int minute = readMinute(c);
        c.expect(':', "after the minute in TIMESTAMP");
        int second = readSecond(c);
        int nano = c.peek() == '.' ? readFraction(c, maxFractionDigits) : 0;
        ZoneOffset offset = readOffset(c);
        return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
    }

    private static int readMonthNumber(FrameCursor c) throws SyslogParseException {
        int at = c.pos;
        int month = c.readDigits(2, "month in TIMESTAMP");
        if (month < 1 || month > 12) {
            throw c.errorAt("TIMESTAMP month " + month + " is not 01..12", at);
        }
        return month;
    }

    static int readHour(FrameCursor c) throws SyslogParseException {
        int at = c.pos;
        int hour = c.readDigits(2, "hour in TIMESTAMP");
        if (hour > 23) {
            throw c.errorAt("TIMESTAMP hour " + hour + " is not 00..23", at);
        }
        return hour;
    }

    static int readMinute(FrameCursor c) throws SyslogParseException {
        int at = c.pos;
        int minute = c.readDigits(2, "minute in TIMESTAMP");
        if (minute > 59) {
            throw c.errorAt("TIMESTAMP minute " + minute + " is not 00..59", at);
        }
        return minute;
    }

    static int readSecond(FrameCursor c) throws SyslogParseException {
        int at = c.pos;
        int second = c.readDigits(2, "second in TIMESTAMP");
        if (second == 60) {
            throw c.errorAt("TIMESTAMP second 60 (a leap second) is not accepted", at);
        }
        if (second > 59) {
            throw c.errorAt("TIMESTAMP second " + second + " is not 00..59", at);
        }
        return second;
    }

    /** Reads {@code "." 1*max DIGIT} and returns it as nanoseconds, keeping every digit given. */
    static int readFraction(FrameCursor c, int maxDigits) throws SyslogParseException {
        c.pos++;
        int digitsAt = c.pos;
        int value = 0;
        while (c.isDigitAt(c.pos)) {
            if (c.pos - digitsAt == maxDigits) {
                throw c.errorAt("TIMESTAMP fraction has more than " + maxDigits + " digits", digitsAt);
            }
            value = value * 10 + (c.buf[c.pos] - '0');
            c.pos++;
        }
        int digits = c.pos - digitsAt;
        if (digits == 0) {
            throw c.error("expected a digit after '.' in TIMESTAMP, found " + FrameCursor.describe(c.peek()));
        }
        return value * POWERS_OF_TEN[9 - digits];
    }

    private static ZoneOffset readOffset(FrameCursor c) throws SyslogParseException {
        int at = c.pos;
        int sign = c.peek();
        if (sign == 'Z') {
            c.pos++;
            return ZoneOffset.UTC;
        }
        if (sign != '+' && sign != '-') {
            throw c.error("expected 'Z', '+' or '-' for the TIMESTAMP offset, found " + FrameCursor.describe(sign));
        }
        c.pos++;
        int hours = c.readDigits(2, "offset hour in TIMESTAMP");
        c.expect(':', "in the TIMESTAMP offset");
        int minutesAt = c.pos;
        int minutes = c.readDigits(2, "offset minute in TIMESTAMP");
        if (minutes > 59) {
            throw c.errorAt("TIMESTAMP offset minute " + minutes + " is not 00..59", minutesAt);
        }
        int total = hours * 60 + minutes;
        if (total > MAX_OFFSET_MINUTES) {
            throw c.errorAt("TIMESTAMP offset " + c.ascii(at, c.pos) + " is beyond ±18:00", at);
        }
        // ZoneOffset caches offsets that are whole quarter hours, which covers real zones.
        return ZoneOffset.ofTotalSeconds((sign == '-' ? -total : total) * 60);
    }

    /** Fails unless {@code day} exists in that month of that year. */
    static void checkDay(FrameCursor c, int dayAt, int year, int month, int day) throws SyslogParseException {
        if (day < 1 || day > daysInMonth(year, month)) {
            throw c.errorAt(String.format("TIMESTAMP day %02d does not exist in %04d-%02d", day, year, month), dayAt);
        }
    }

    static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> isLeapYear(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    static boolean isLeapYear(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }
}
