package io.mimamori.ruletest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Time offsets in test files: {@code 0s}, {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 2d}. */
final class Offsets {
    private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:ms|[smhd]))+");
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|[smhd])");

    private Offsets() {
    }

    /** The offset in milliseconds; {@link IllegalArgumentException} saying what is expected. */
    static long parse(String text) {
        if (text == null || !WHOLE.matcher(text.trim()).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a time offset: use e.g. 0s, 90s, 10m, 1h30m");
        }
        long ms = 0;
        Matcher m = PART.matcher(text.trim());
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            ms += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1_000;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n * 86_400_000;
            };
        }
        return ms;
    }

    /** The shortest text for {@code ms}, e.g. {@code 1h2m} for 3,720,000. */
    static String format(long ms) {
        if (ms == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long rest = ms;
        long[] sizes = {86_400_000, 3_600_000, 60_000, 1_000, 1};
        String[] units = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < sizes.length; i++) {
            if (rest >= sizes[i]) {
                out.append(rest / sizes[i]).append(units[i]);
                rest %= sizes[i];
            }
        }
        return out.toString();
    }
}
