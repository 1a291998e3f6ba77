package io.mimamori.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.regex.Pattern;

/**
 * Local wall-clock times in a timezone, read the way RFC 5545 (section 3.3.5) reads them: a
 * time that does not exist because the clocks jumped forward is moved forward by the length of
 * the jump (02:30 on the night Berlin goes from 02:00 to 03:00 is 03:30 summer time); a time
 * that exists twice because the clocks went back means the first of the two.
 */
final class WallTime {
    private static final Pattern SPACE_BEFORE_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) +(?=\\d)");
    static final String FORMATS = "a local date-time such as 2026-03-29 01:30 (read in the window's timezone)"
            + " or an instant such as 2026-03-29T00:30:00Z or 2026-03-29T01:30+01:00";

    private WallTime() {
    }

    static Instant resolve(LocalDateTime local, ZoneId zone) {
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    static LocalDateTime local(Instant instant, ZoneId zone) {
        return LocalDateTime.ofInstant(instant, zone);
    }

    /** {@code 2026-03-29T03:30:00+02:00}: the local time with its offset, so it is never ambiguous. */
    static String format(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }

    /**
     * Parses {@code text} as a local date-time or, when it carries {@code Z} or an offset, as that
     * exact instant.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    static Instant parseInstant(String text, ZoneId zone) {
        String iso = SPACE_BEFORE_TIME.matcher(text.trim()).replaceFirst("$1T");
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            return resolve(parseLocal(text), zone);
        }
    }

    /**
     * Parses {@code text} as a local date-time such as {@code 2026-03-29 01:30} or {@code 2026-03-29T01:30:00}.
     *
     * @throws IllegalArgumentException naming the accepted form
     */
    static LocalDateTime parseLocal(String text) {
        String iso = SPACE_BEFORE_TIME.matcher(text.trim()).replaceFirst("$1T");
        try {
            return LocalDateTime.parse(iso);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date-time: use " + FORMATS);
        }
    }

    /**
     * The largest difference between two UTC offsets the zone has ever used or will use. Local
     * times further apart than this are in the same order as the instants they stand for.
     */
    static Duration offsetSpread(ZoneId zone) {
        ZoneRules rules = zone.getRules();
        int min = rules.getOffset(Instant.EPOCH).getTotalSeconds();
        int max = min;
        for (ZoneOffsetTransition t : rules.getTransitions()) {
            min = Math.min(min, Math.min(t.getOffsetBefore().getTotalSeconds(), t.getOffsetAfter().getTotalSeconds()));
            max = Math.max(max, Math.max(t.getOffsetBefore().getTotalSeconds(), t.getOffsetAfter().getTotalSeconds()));
        }
        for (ZoneOffsetTransitionRule r : rules.getTransitionRules()) {
            for (ZoneOffset o : new ZoneOffset[] {r.getOffsetBefore(), r.getOffsetAfter(), r.getStandardOffset()}) {
                min = Math.min(min, o.getTotalSeconds());
                max = Math.max(max, o.getTotalSeconds());
            }
        }
        return Duration.ofSeconds(max - min);
    }
}
