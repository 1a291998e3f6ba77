package io.mimamori.maintenance;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronField;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.And;
import com.cronutils.model.field.expression.Between;
import com.cronutils.model.field.expression.Every;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.field.expression.On;
import com.cronutils.model.field.expression.QuestionMark;
import com.cronutils.parser.CronParser;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.Iterator;

/**
 * A UNIX cron expression (five fields: minute hour day-of-month month day-of-week) on the local
 * wall clock. cron-utils parses and checks the expression; the start times are enumerated here
 * from the parsed fields, day by day, which is much cheaper than asking the library for one
 * execution at a time. As in Vixie cron, when both day-of-month and day-of-week are restricted
 * a day matching either one counts; 0 and 7 are Sunday.
 */
final class CronRecurrence implements LocalRecurrence {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    static final String FIELDS = "five fields: minute hour day-of-month month day-of-week, e.g. '0 2 * * 0' for"
            + " 02:00 every Sunday";
    /** Long enough for the rarest expression that fires at all (29 February across a skipped leap year). */
    private static final int MAX_DAYS_WITHOUT_START = 9 * 366;

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronRecurrence(String expression, Cron cron) {
        this.expression = expression;
        this.minutes = values(cron.retrieve(CronFieldName.MINUTE));
        this.hours = values(cron.retrieve(CronFieldName.HOUR));
        this.daysOfMonth = values(cron.retrieve(CronFieldName.DAY_OF_MONTH));
        this.months = values(cron.retrieve(CronFieldName.MONTH));
        this.daysOfWeek = values(cron.retrieve(CronFieldName.DAY_OF_WEEK));
        if (daysOfWeek.get(7)) {
            daysOfWeek.set(0);
        }
        this.dayOfMonthRestricted = restricted(cron.retrieve(CronFieldName.DAY_OF_MONTH));
        this.dayOfWeekRestricted = restricted(cron.retrieve(CronFieldName.DAY_OF_WEEK));
    }

    /** @throws IllegalArgumentException when the expression is invalid or never fires */
    static CronRecurrence parse(String expression) {
        String trimmed = expression.trim();
        CronRecurrence recurrence;
        try {
            recurrence = new CronRecurrence(trimmed, PARSER.parse(trimmed).validate());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a UNIX cron expression (" + FIELDS
                    + "): " + e.getMessage());
        }
        if (!recurrence.startsFrom(LocalDateTime.of(2001, 1, 1, 0, 0)).hasNext()) {
            throw new IllegalArgumentException("'" + expression + "' never fires: check the day and month fields");
        }
        return recurrence;
    }

    @Override
    public Iterator<LocalDateTime> startsFrom(LocalDateTime from) {
        return new LookAhead<>() {
            private LocalDate day = from.toLocalDate();
            private int hour = -1;
            private int minute = -1;

            /** The next start at or after {@code from}: the next minute of this day, else of the next matching day. */
            @Override
            protected LocalDateTime advance() {
                for (int emptyDays = 0; emptyDays <= MAX_DAYS_WITHOUT_START; ) {
                    if (hour >= 0) {
                        minute = minutes.nextSetBit(minute + 1);
                        if (minute < 0) {
                            hour = hours.nextSetBit(hour + 1);
                            minute = hour < 0 ? -1 : minutes.nextSetBit(0);
                        }
                        if (hour >= 0) {
                            LocalDateTime t = day.atTime(hour, minute);
                            if (!t.isBefore(from)) {
                                return t;
                            }
                            continue;
                        }
                        day = day.plusDays(1);
                        emptyDays++;
                    }
                    if (matches(day)) {
                        hour = hours.nextSetBit(0);
                        minute = -1;
                    } else {
                        day = day.plusDays(1);
                        emptyDays++;
                    }
                }
                return null;
            }

        };
    }

    @Override
    public String text() {
        return "cron '" + expression + "'";
    }

    private boolean matches(LocalDate day) {
        if (!months.get(day.getMonthValue())) {
            return false;
        }
        boolean dom = daysOfMonth.get(day.getDayOfMonth());
        boolean dow = daysOfWeek.get(day.getDayOfWeek().getValue() % 7);
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    private static boolean restricted(CronField field) {
        FieldExpression e = field.getExpression();
        return !(e instanceof Always || e instanceof QuestionMark);
    }

    private static BitSet values(CronField field) {
        int min = field.getConstraints().getStartRange();
        int max = field.getConstraints().getEndRange();
        BitSet out = new BitSet(max + 1);
        add(field.getExpression(), min, max, out);
        return out;
    }

    private static void add(FieldExpression e, int min, int max, BitSet out) {
        if (e instanceof Always || e instanceof QuestionMark) {
            out.set(min, max + 1);
        } else if (e instanceof On on) {
            out.set(on.getTime().getValue());
        } else if (e instanceof Between between) {
            out.set(number(between.getFrom().getValue()), number(between.getTo().getValue()) + 1);
        } else if (e instanceof Every every) {
            BitSet base = new BitSet(max + 1);
            FieldExpression inner = every.getExpression();
            if (inner instanceof On on) {
                // "5/10": from 5 to the end of the range
                base.set(on.getTime().getValue(), max + 1);
            } else {
                add(inner, min, max, base);
            }
            int first = base.nextSetBit(0);
            for (int v = first; v >= 0 && v <= max; v += every.getPeriod().getValue()) {
                if (base.get(v)) {
                    out.set(v);
                }
            }
        } else if (e instanceof And and) {
            and.getExpressions().forEach(x -> add(x, min, max, out));
        } else {
            throw new IllegalArgumentException("'" + e.asString() + "' is not supported in a UNIX cron field");
        }
    }

    private static int number(Object value) {
        if (value instanceof Integer i) {
            return i;
        }
        throw new IllegalArgumentException("'" + value + "' is not a number");
    }
}
