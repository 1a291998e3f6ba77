package io.mimamori.connector.syslog.internal.rules;

import java.util.regex.Matcher;

/** The named groups a message regex captured, by name; a group that took no part is null. */
final class Captures {
    static final Captures NONE = new Captures(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;

    private Captures(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    static Captures of(String[] names, Matcher matched) {
        if (names.length == 0) {
            return NONE;
        }
        String[] values = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = matched.group(names[i]);
        }
        return new Captures(names, values);
    }

    /** The value of group {@code name}, or null when the regex has no such group or it took no part. */
    String get(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }
}
