package io.mimamori.maintenance;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them: {@code 3h}, {@code 90m}, {@code 1h30m}, {@code 2d} or ISO-8601 {@code PT3H}. */
final class Durations {
    private static final Pattern SHORT = Pattern.compile("(?:(\\d{1,6})d)?(?:(\\d{1,6})h)?(?:(\\d{1,6})m)?(?:(\\d{1,6})s)?");
    static final String FORMATS = "use a positive duration such as 3h, 90m, 1h30m, 2d or PT3H";

    private Durations() {
    }

    /** @throws IllegalArgumentException when {@code text} is not a positive duration */
    static Duration parse(String text) {
        String t = text.trim();
        Duration d = null;
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                d = Duration.parse(t);
            } catch (DateTimeParseException e) {
                d = null;
            }
        } else {
            Matcher m = SHORT.matcher(t);
            if (!t.isEmpty() && m.matches()) {
                d = Duration.ofDays(number(m.group(1))).plusHours(number(m.group(2)))
                        .plusMinutes(number(m.group(3))).plusSeconds(number(m.group(4)));
            }
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: " + FORMATS);
        }
        return d;
    }

    /** {@code 3h}, {@code 1h30m}, {@code 45s}. */
    static String format(Duration d) {
        StringBuilder out = new StringBuilder();
        if (d.toHours() > 0) {
            out.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            out.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0 || out.length() == 0) {
            out.append(d.toSecondsPart()).append('s');
        }
        return out.toString();
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
