package io.mimamori.connector.cloudwatch;

import io.mimamori.alert.Severity;
import io.mimamori.connector.cloudwatch.internal.map.SeverityRules;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How CloudWatch alarms become alerts; the values of the kamelet parameters of the same names.
 * The severity settings are the route's {@link SeverityConvention}, which a tenant may replace for
 * its own alarms.
 *
 * @param severityTag              the alarm tag whose value is the severity (critical, major, ..., P1-P5), null for none
 * @param severityNamePattern      found in the alarm name, its group {@code severity} names the severity; null for none
 * @param defaultSeverity          the severity when neither tag nor name says one
 * @param insufficientData         what an alarm entering INSUFFICIENT_DATA makes
 * @param insufficientDataSeverity the severity of the alert {@link InsufficientData#ALERT} makes
 * @param maxBodyBytes             longer message bodies are refused ({@link AlarmParseException#TOO_LARGE})
 */
public record AlarmMappingSettings(String severityTag, Pattern severityNamePattern, Severity defaultSeverity,
                                   InsufficientData insufficientData, Severity insufficientDataSeverity,
                                   int maxBodyBytes) {

    /** Matches {@code P1-...}, {@code critical-...}, {@code [major] ...}, {@code sev2_...} at the start of a name. */
    public static final String DEFAULT_NAME_PATTERN =
            "^\\[?(?<severity>P[1-5]|sev[1-5]|critical|major|minor|warning|info)\\]?[-_: ]";
    /** The largest SQS message. */
    public static final int DEFAULT_MAX_BODY_BYTES = 262_144;
    /** The mapping parameters other than maxBodyBytes, with their defaults as the kamelets declare them. */
    public static final Map<String, String> PARAMETER_DEFAULTS = parameterDefaults();

    private static Map<String, String> parameterDefaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(SeverityConvention.TAG, "severity");
        d.put(SeverityConvention.NAME_PATTERN, DEFAULT_NAME_PATTERN);
        d.put(SeverityConvention.DEFAULT_SEVERITY, "major");
        d.put("insufficientData", "alert");
        d.put(SeverityConvention.INSUFFICIENT_DATA_SEVERITY, "warning");
        return Collections.unmodifiableMap(d);
    }

    /** What an alarm in INSUFFICIENT_DATA makes. */
    public enum InsufficientData {
        /**
         * An alert of its own (dedup key ending {@code /insufficient-data}) that the alarm's next state
         * resolves; an ALARM alert already firing stays firing, since missing data does not show the fault is gone.
         */
        ALERT,
        /** Resolves the alarm's ALARM alert, as OK does. */
        RESOLVE,
        /** Nothing: the message is acknowledged and counted as dropped (reason insufficient_data). */
        IGNORE;

        public static InsufficientData parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("insufficientData '" + s + "': use one of alert, resolve, ignore");
            }
        }
    }

    public AlarmMappingSettings {
        if (defaultSeverity == null || insufficientDataSeverity == null || insufficientData == null) {
            throw new IllegalArgumentException("defaultSeverity, insufficientData and insufficientDataSeverity are required");
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes " + maxBodyBytes + " is below 1024");
        }
    }

    /** The severity part of these settings, which a tenant may replace for its own alarms. */
    public SeverityConvention convention() {
        return new SeverityConvention(severityTag, severityNamePattern, defaultSeverity, insufficientDataSeverity);
    }

    /** Tag {@code severity}, the default name pattern, default major, INSUFFICIENT_DATA a warning alert. */
    public static AlarmMappingSettings defaults() {
        return of(Map.of(), DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * Settings from kamelet parameter text; errors name the parameter and what to write.
     *
     * @throws IllegalArgumentException for a bad severity, mode or pattern
     */
    public static AlarmMappingSettings of(String severityTag, String severityNamePattern, String defaultSeverity,
                                          String insufficientData, String insufficientDataSeverity, int maxBodyBytes) {
        String tagProblem = severityTag == null ? null : SeverityConvention.problem(SeverityConvention.TAG, severityTag);
        if (tagProblem != null) {
            throw new IllegalArgumentException("severityTag: " + tagProblem);
        }
        return new AlarmMappingSettings(severityTag, SeverityRules.compileNamePattern(severityNamePattern),
                severity("defaultSeverity", defaultSeverity), InsufficientData.parse(insufficientData),
                severity("insufficientDataSeverity", insufficientDataSeverity), maxBodyBytes);
    }

    /**
     * Settings from parameters by name ({@link #PARAMETER_DEFAULTS}' keys), each one left out at its default.
     *
     * @throws IllegalArgumentException for a bad severity, mode or pattern, or an unknown parameter
     */
    public static AlarmMappingSettings of(Map<String, String> parameters, int maxBodyBytes) {
        Map<String, String> p = new LinkedHashMap<>(PARAMETER_DEFAULTS);
        parameters.forEach((name, value) -> {
            if (!PARAMETER_DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "': use "
                        + String.join(", ", PARAMETER_DEFAULTS.keySet()));
            }
            p.put(name, value);
        });
        return of(p.get(SeverityConvention.TAG), p.get(SeverityConvention.NAME_PATTERN),
                p.get(SeverityConvention.DEFAULT_SEVERITY), p.get("insufficientData"),
                p.get(SeverityConvention.INSUFFICIENT_DATA_SEVERITY), maxBodyBytes);
    }

    private static Severity severity(String parameter, String value) {
        try {
            return Severity.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(parameter + ": " + e.getMessage());
        }
    }
}
