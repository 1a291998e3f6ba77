package io.mimamori.connector.syslog.internal.rules;

import io.mimamori.alert.Severity;
import io.mimamori.connector.syslog.SyslogSeverities;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Syslog facility and severity numbers and the names rule files and alerts use for them. */
final class SyslogNames {
    static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
            "news", "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "solaris-cron",
            "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7");
    static final List<String> SEVERITIES = SyslogSeverities.NAMES;

    /** The spellings rsyslog and syslog-ng also accept, so a rule copied from their configs works. */
    private static final Map<String, Integer> SEVERITY_ALIASES = Map.of("panic", 0, "error", 3, "warn", 4);

    private SyslogNames() {
    }

    /** The facility's name, or null for -1 (no PRI). */
    static String facility(int number) {
        return number >= 0 && number < FACILITIES.size() ? FACILITIES.get(number) : null;
    }

    /** The severity's keyword, or null for -1 (no PRI). */
    static String severity(int number) {
        return number >= 0 && number < SEVERITIES.size() ? SEVERITIES.get(number) : null;
    }

    /** A facility name or number 0..23, or -1 when {@code text} is neither. */
    static int parseFacility(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int byName = FACILITIES.indexOf(s);
        return byName >= 0 ? byName : parseNumber(s, FACILITIES.size() - 1);
    }

    /** A severity keyword (or alias) or number 0..7, or -1 when {@code text} is neither. */
    static int parseSeverity(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int byName = SEVERITIES.indexOf(s);
        if (byName >= 0) {
            return byName;
        }
        Integer alias = SEVERITY_ALIASES.get(s);
        return alias != null ? alias : parseNumber(s, SEVERITIES.size() - 1);
    }

    /**
     * The alert severity a syslog severity maps to when a rule does not fix one. A message without
     * PRI maps to warning: its urgency is unknown, so it is shown without paging anyone.
     */
    static Severity alertSeverity(int syslogSeverity) {
        if (syslogSeverity < 0) {
            return Severity.WARNING;
        }
        if (syslogSeverity <= 2) {
            return Severity.CRITICAL;
        }
        if (syslogSeverity == 3) {
            return Severity.MAJOR;
        }
        return syslogSeverity == 4 ? Severity.WARNING : Severity.INFO;
    }

    private static int parseNumber(String s, int max) {
        if (s.isEmpty() || s.length() > 2 || !s.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int n = Integer.parseInt(s);
        return n <= max ? n : -1;
    }
}
