package io.mimamori.connector.cloudwatch.internal.map;

import io.mimamori.alert.Severity;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The severity of an alarm: from its severity tag, else from its name (a prefix such as
 * {@code P1-} or {@code critical-} matched by a pattern with a group named {@code severity}),
 * else the default.
 */
public final class SeverityRules {
    private static final Map<String, Severity> WORDS = Map.ofEntries(
            Map.entry("critical", Severity.CRITICAL), Map.entry("crit", Severity.CRITICAL),
            Map.entry("p1", Severity.CRITICAL), Map.entry("sev1", Severity.CRITICAL),
            Map.entry("major", Severity.MAJOR), Map.entry("high", Severity.MAJOR), Map.entry("error", Severity.MAJOR),
            Map.entry("p2", Severity.MAJOR), Map.entry("sev2", Severity.MAJOR),
            Map.entry("minor", Severity.MINOR), Map.entry("medium", Severity.MINOR),
            Map.entry("p3", Severity.MINOR), Map.entry("sev3", Severity.MINOR),
            Map.entry("warning", Severity.WARNING), Map.entry("warn", Severity.WARNING), Map.entry("low", Severity.WARNING),
            Map.entry("p4", Severity.WARNING), Map.entry("sev4", Severity.WARNING),
            Map.entry("info", Severity.INFO), Map.entry("informational", Severity.INFO),
            Map.entry("p5", Severity.INFO), Map.entry("sev5", Severity.INFO));

    private final String tag;
    private final Pattern namePattern;
    private final Severity fallback;

    /**
     * @param tag         the alarm tag holding the severity, null or blank for none
     * @param namePattern a pattern found in the alarm name whose group {@code severity} names it, null for none
     * @param fallback    the severity when neither says one
     */
    public SeverityRules(String tag, Pattern namePattern, Severity fallback) {
        this.tag = tag == null || tag.isBlank() ? null : tag.trim();
        this.namePattern = namePattern;
        this.fallback = fallback;
    }

    /** The normalized severity and the alarm's own word for it (null when the default applied). */
    public record Outcome(Severity severity, String sourceSeverity) {
    }

    public Outcome of(String alarmName, Map<String, String> tags) {
        if (tag != null) {
            String value = tags.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(tag))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            Severity s = word(value);
            if (s != null) {
                return new Outcome(s, value);
            }
        }
        if (namePattern != null && alarmName != null) {
            Matcher m = namePattern.matcher(alarmName);
            if (m.find()) {
                String value = m.group("severity");
                Severity s = word(value);
                if (s != null) {
                    return new Outcome(s, value);
                }
            }
        }
        return new Outcome(fallback, null);
    }

    /** The severity a word names (critical, P1, sev2, high, warn, ...), or null. */
    public static Severity word(String value) {
        return value == null ? null : WORDS.get(value.trim().toLowerCase(Locale.ROOT));
    }

    /** Checks that a name pattern can say a severity; the message names what to change. */
    public static Pattern compileNamePattern(String regex) {
        if (regex == null || regex.isBlank()) {
            return null;
        }
        Pattern p;
        try {
            p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("severityNamePattern '" + regex + "' is not a valid regular expression: "
                    + e.getDescription());
        }
        if (!regex.contains("(?<severity>")) {
            throw new IllegalArgumentException("severityNamePattern '" + regex
                    + "' has no group named severity: write (?<severity>...) around the part that names it");
        }
        return p;
    }
}
