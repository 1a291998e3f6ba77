package io.mimamori.connector.cloudwatch;

import io.mimamori.alert.Severity;
import io.mimamori.connector.cloudwatch.internal.map.SeverityRules;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the severity of an alarm is read: from its severity tag, else from its name, else a default;
 * and the severity of the alert an alarm in INSUFFICIENT_DATA makes. The route parameters of the
 * same names set one for every alarm of an input; a tenant may set its own for its alarms under
 * {@code sources: cloudwatch:} in {@code tenants.yaml} ({@link CloudWatchTenantSettings}), key by key.
 *
 * @param tag                      the alarm tag whose value is the severity, null for none
 * @param namePattern              found in the alarm name, its group {@code severity} names the severity; null for none
 * @param defaultSeverity          the severity when neither tag nor name says one
 * @param insufficientDataSeverity the severity of the alert an alarm in INSUFFICIENT_DATA makes
 */
public record SeverityConvention(String tag, Pattern namePattern, Severity defaultSeverity,
                                 Severity insufficientDataSeverity) {
    public static final String TAG = "severityTag";
    public static final String NAME_PATTERN = "severityNamePattern";
    public static final String DEFAULT_SEVERITY = "defaultSeverity";
    public static final String INSUFFICIENT_DATA_SEVERITY = "insufficientDataSeverity";
    /** The settings, named as the kamelet parameters and the keys of a tenant's {@code sources: cloudwatch:}. */
    public static final List<String> KEYS = List.of(TAG, NAME_PATTERN, DEFAULT_SEVERITY, INSUFFICIENT_DATA_SEVERITY);

    public SeverityConvention {
        tag = tag == null || tag.isBlank() ? null : tag.trim();
        if (defaultSeverity == null || insufficientDataSeverity == null) {
            throw new IllegalArgumentException("defaultSeverity and insufficientDataSeverity are required");
        }
    }

    /**
     * This convention with {@code values} (key to text, as {@link #KEYS} name them) in place of its own;
     * an empty {@code severityTag} or {@code severityNamePattern} turns that source of severity off.
     *
     * @throws IllegalArgumentException for a value {@link #problem} refuses, or a key not in {@link #KEYS}
     */
    public SeverityConvention with(Map<String, String> values) {
        if (values.isEmpty()) {
            return this;
        }
        String wrong = values.entrySet().stream().map(e -> problem(e.getKey(), e.getValue()))
                .filter(p -> p != null).findFirst().orElse(null);
        if (wrong != null) {
            throw new IllegalArgumentException(wrong);
        }
        return new SeverityConvention(values.getOrDefault(TAG, tag),
                values.containsKey(NAME_PATTERN) ? SeverityRules.compileNamePattern(values.get(NAME_PATTERN)) : namePattern,
                values.containsKey(DEFAULT_SEVERITY) ? Severity.parse(values.get(DEFAULT_SEVERITY)) : defaultSeverity,
                values.containsKey(INSUFFICIENT_DATA_SEVERITY)
                        ? Severity.parse(values.get(INSUFFICIENT_DATA_SEVERITY)) : insufficientDataSeverity);
    }

    /**
     * What is wrong with {@code value} for {@code key}, saying what to write instead; null when it is fine.
     */
    public static String problem(String key, String value) {
        try {
            switch (key) {
                case TAG -> {
                    if (!value.isBlank() && !value.matches("[\\p{L}\\p{N} _.:/=+@-]{1,128}")) {
                        return "'" + value + "' is not an AWS tag key: 1-128 letters, digits, spaces and _ . : / = + - @";
                    }
                }
                case NAME_PATTERN -> SeverityRules.compileNamePattern(value);
                case DEFAULT_SEVERITY, INSUFFICIENT_DATA_SEVERITY -> Severity.parse(value);
                default -> {
                    return "unknown setting '" + key + "': use one of " + String.join(", ", KEYS);
                }
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
