package io.mimamori.maintenance;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Iterator;
import java.util.Locale;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * An RFC 5545 RRULE iterated in floating local time from its DTSTART, so that "every day at
 * 01:30" stays at 01:30 on the clock across daylight-saving changes.
 */
final class RruleRecurrence implements LocalRecurrence {
    private final RecurrenceRule rule;
    private final LocalDateTime dtstart;
    private final String text;

    private RruleRecurrence(RecurrenceRule rule, LocalDateTime dtstart, String text) {
        this.rule = rule;
        this.dtstart = dtstart;
        this.text = text;
    }

    /**
     * Parses {@code rrule} (with or without the {@code RRULE:} prefix). A UTC {@code UNTIL} is
     * turned into the zone's local time, since the rule runs in local time.
     *
     * @throws IllegalArgumentException saying what is wrong with the rule
     */
    static RruleRecurrence parse(String rrule, LocalDateTime dtstart, ZoneId zone) {
        String body = rrule.trim().replaceFirst("(?i)^RRULE:", "");
        RecurrenceRule rule;
        try {
            rule = new RecurrenceRule(body, RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException e) {
            throw new IllegalArgumentException("'" + rrule + "' is not a valid RFC 5545 RRULE: " + e.getMessage());
        }
        DateTime until = rule.getUntil();
        if (until != null && !until.isFloating() && !until.isAllDay()) {
            LocalDateTime localUntil = WallTime.local(Instant.ofEpochMilli(until.getTimestamp()), zone);
            rule.setUntil(floating(localUntil));
        }
        LocalDateTime first;
        try {
            RecurrenceRuleIterator it = rule.iterator(floating(dtstart));
            first = it.hasNext() ? local(it.nextDateTime()) : null;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + rrule + "' cannot run from dtstart " + dtstart + ": " + e.getMessage());
        }
        if (!dtstart.equals(first)) {
            throw new IllegalArgumentException("dtstart " + dtstart + " (a "
                    + dtstart.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                    + ") is not an occurrence of '" + rrule + "'"
                    + (first == null ? "" : " (its first one is " + first + ")")
                    + ": set dtstart to the first occurrence");
        }
        return new RruleRecurrence(rule, dtstart, "RRULE " + body + " from " + dtstart);
    }

    @Override
    public Iterator<LocalDateTime> startsFrom(LocalDateTime from) {
        RecurrenceRuleIterator it = rule.iterator(floating(dtstart));
        if (from.isAfter(dtstart)) {
            it.fastForward(floating(from));
        }
        return new LookAhead<>() {
            @Override
            protected LocalDateTime advance() {
                try {
                    return it.hasNext() ? local(it.nextDateTime()) : null;
                } catch (IllegalArgumentException e) {
                    // the library gives up on rules whose next instance is too far away to find
                    return null;
                }
            }

        };
    }

    @Override
    public String text() {
        return text;
    }

    private static DateTime floating(LocalDateTime t) {
        return new DateTime(t.getYear(), t.getMonthValue() - 1, t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
    }

    private static LocalDateTime local(DateTime t) {
        return LocalDateTime.of(t.getYear(), t.getMonth() + 1, t.getDayOfMonth(),
                t.getHours(), t.getMinutes(), t.getSeconds());
    }
}
