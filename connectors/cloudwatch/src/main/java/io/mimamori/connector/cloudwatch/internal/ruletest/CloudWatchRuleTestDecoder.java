package io.mimamori.connector.cloudwatch.internal.ruletest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mimamori.alert.Alert;
import io.mimamori.config.Suggestions;
import io.mimamori.config.YamlTree;
import io.mimamori.connector.cloudwatch.AlarmMappingSettings;
import io.mimamori.connector.cloudwatch.AlarmParseException;
import io.mimamori.connector.cloudwatch.CloudWatchAlarmMapper;
import io.mimamori.connector.cloudwatch.MappedAlarm;
import io.mimamori.spi.RuleTestDecoder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule test cases with {@code cloudwatch:}: a CloudWatch alarm notification as the CloudWatch
 * sources receive it (an SNS envelope, the alarm JSON itself, or an EventBridge "CloudWatch Alarm
 * State Change" event), written as a YAML map or as a JSON string, and mapped by
 * {@link CloudWatchAlarmMapper} as {@code cloudwatch-sqs-source} and {@code cloudwatch-sns-source}
 * map it. In an SNS envelope written as a map, {@code Message} may be a map too.
 *
 * <p>A case or step may give {@code parameters:}, the route's mapping parameters
 * ({@code severityTag}, {@code severityNamePattern}, {@code defaultSeverity}, {@code insufficientData},
 * {@code insufficientDataSeverity}); left out, each has the kamelets' default. A tenant's
 * {@code sources: cloudwatch:} values replace the route's key by key, so giving them here tests that
 * tenant's convention. Expects may also name the payload's {@code format} ({@code sns}, {@code raw},
 * {@code eventbridge}) and {@code alarmType}. The mapping reads no rule files: the rules directory
 * of the run does not matter to these cases.
 */
public final class CloudWatchRuleTestDecoder implements RuleTestDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PARAMETERS = List.copyOf(AlarmMappingSettings.PARAMETER_DEFAULTS.keySet());

    @Override
    public String inputKey() {
        return "cloudwatch";
    }

    @Override
    public List<String> inputOptions() {
        return List.of("parameters");
    }

    @Override
    public List<String> fields() {
        return List.of("format", "alarmType");
    }

    @Override
    public Rules load(Path rulesDir) {
        Map<Map<String, String>, CloudWatchAlarmMapper> mappers = new LinkedHashMap<>();
        return (holder, receivedAt) -> {
            CloudWatchAlarmMapper mapper = mappers.computeIfAbsent(parameters(holder.get("parameters")),
                    CloudWatchRuleTestDecoder::mapper);
            MappedAlarm mapped;
            try {
                mapped = mapper.map(body(holder.get(inputKey())), new CloudWatchAlarmMapper.Origin("cloudwatch",
                        "rule-tests", "rule-tests", receivedAt));
            } catch (AlarmParseException e) {
                throw new IllegalArgumentException("cloudwatch: " + e.reason() + ": " + e.getMessage()
                        + " (the sources would quarantine it)");
            }
            if (mapped.ignoredReason() != null) {
                return new Decoded(List.of(), "no alert: " + mapped.ignoredReason() + " (" + mapped.ignoredWhy() + ")",
                        Map.of());
            }
            return decoded(mapped.alerts());
        };
    }

    private static Decoded decoded(List<Alert> alerts) {
        Alert first = alerts.get(0);
        Map<String, String> fields = new LinkedHashMap<>();
        Object aws = first.details().get("aws");
        if (aws instanceof Map<?, ?> details) {
            for (String field : List.of("format", "alarmType")) {
                if (details.get(field) != null) {
                    fields.put(field, details.get(field).toString());
                }
            }
        }
        return new Decoded(alerts, "alarm '" + first.event() + "' (" + fields.getOrDefault("format", "?") + ")",
                fields);
    }

    /** The route parameters a case gives, checked; empty when it gives none. */
    private static Map<String, String> parameters(YamlTree.Node node) {
        if (node == null) {
            return Map.of();
        }
        if (!node.isMap()) {
            throw new IllegalArgumentException("parameters: expected a map of " + String.join(", ", PARAMETERS));
        }
        Map<String, String> out = new LinkedHashMap<>();
        node.entries().forEach((key, value) -> {
            if (!PARAMETERS.contains(key)) {
                String hint = Suggestions.closest(key, PARAMETERS);
                throw new IllegalArgumentException("parameters: unknown key '" + key + "' at line " + node.keyLine(key)
                        + "; known: " + String.join(", ", PARAMETERS) + (hint == null ? "" : " (did you mean '"
                        + hint + "'?)"));
            }
            if (!value.isScalar()) {
                throw new IllegalArgumentException("parameters: " + key + " at line " + value.line()
                        + " must be a single value ('' for none)");
            }
            out.put(key, value.text());
        });
        return out;
    }

    private static CloudWatchAlarmMapper mapper(Map<String, String> given) {
        try {
            return new CloudWatchAlarmMapper(AlarmMappingSettings.of(given, AlarmMappingSettings.DEFAULT_MAX_BODY_BYTES));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameters: " + e.getMessage(), e);
        }
    }

    /** The message body: a JSON string as it is, a map as JSON (an SNS envelope's map Message as a string). */
    @SuppressWarnings("unchecked")
    private static String body(YamlTree.Node node) {
        if (node != null && node.isScalar()) {
            return node.text();
        }
        if (node == null || !node.isMap()) {
            throw new IllegalArgumentException("cloudwatch: expected an alarm notification as a map or a JSON string:"
                    + " an SNS envelope (Type, TopicArn, Message), the alarm JSON (AlarmName, NewStateValue, ...) or an"
                    + " EventBridge event (detail-type, detail)");
        }
        Map<String, Object> payload = (Map<String, Object>) node.value();
        try {
            if (payload.containsKey("Type") && payload.get("Message") instanceof Map<?, ?> message) {
                payload.put("Message", JSON.writeValueAsString(message));
            }
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cloudwatch: cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
