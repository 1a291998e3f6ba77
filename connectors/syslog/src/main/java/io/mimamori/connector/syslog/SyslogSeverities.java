package io.mimamori.connector.syslog;

import java.util.List;

/** Syslog severity keywords (RFC 5424 §6.2.1), by number. */
public final class SyslogSeverities {
    public static final List<String> NAMES = List.of("emerg", "alert", "crit", "err", "warning", "notice", "info", "debug");

    private SyslogSeverities() {
    }

    /** The number of a keyword, -1 for "none"; IllegalArgumentException naming the choices otherwise. */
    public static int thresholdOf(String keyword) {
        if (keyword == null || keyword.equals("none")) {
            return -1;
        }
        int i = NAMES.indexOf(keyword);
        if (i < 0) {
            throw new IllegalArgumentException("unknown syslog severity '" + keyword + "': use none or one of "
                    + String.join(", ", NAMES));
        }
        return i;
    }
}
