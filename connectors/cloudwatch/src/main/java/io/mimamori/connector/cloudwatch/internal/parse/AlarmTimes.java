package io.mimamori.connector.cloudwatch.internal.parse;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** Timestamps as CloudWatch writes them: {@code 2019-10-02T17:04:40.985+0000} or ISO 8601. */
final class AlarmTimes {
    private static final DateTimeFormatter CLOUDWATCH = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendOffset("+HHMM", "Z")
            .toFormatter();

    private AlarmTimes() {
    }

    /** The instant, or null when absent or in no format CloudWatch uses (a bad time is not a bad alarm). */
    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim(), CLOUDWATCH).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.trim()).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
