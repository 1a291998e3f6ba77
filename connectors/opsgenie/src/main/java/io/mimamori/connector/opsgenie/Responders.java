package io.mimamori.connector.opsgenie;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Opsgenie responder references written as {@code type:name}, e.g. {@code team:NOC} or
 * {@code user:alice@example.com}. Opsgenie identifies teams, escalations and schedules by
 * {@code name} and users by {@code username}.
 */
public final class Responders {
    /** One reference as Opsgenie's JSON wants it: {@code {"type": ..., "name"|"username": ...}}. */
    public record Ref(String type, String name) {
        public String nameField() {
            return type.equals("user") ? "username" : "name";
        }
    }

    public static final Set<String> RESPONDER_TYPES = Set.of("team", "user", "escalation", "schedule");
    public static final Set<String> VISIBLE_TO_TYPES = Set.of("team", "user");

    private Responders() {
    }

    /**
     * Parses {@code type:name} pairs separated by commas.
     *
     * @throws IllegalArgumentException naming the parameter, the entry and the allowed types
     */
    public static List<Ref> parse(String param, String value, Set<String> types) {
        List<Ref> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        String[] entries = value.split(",");
        for (int i = 0; i < entries.length; i++) {
            String e = entries[i].trim();
            if (e.isEmpty()) {
                continue;
            }
            int colon = e.indexOf(':');
            String type = colon < 0 ? "" : e.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String name = colon < 0 ? "" : e.substring(colon + 1).trim();
            if (!types.contains(type) || name.isEmpty()) {
                throw new IllegalArgumentException("parameter '" + param + "', entry " + (i + 1) + " '" + e
                        + "' is not type:name with type one of " + String.join(", ", types.stream().sorted().toList())
                        + " (e.g. team:NOC)");
            }
            out.add(new Ref(type, name));
        }
        return out;
    }
}
