package io.mimamori.connector.cloudwatch.internal.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mimamori.connector.cloudwatch.AlarmParseException;
import io.mimamori.connector.cloudwatch.internal.parse.AlarmStateChange.Kind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the three shapes a CloudWatch alarm state change arrives in:
 * <ul>
 * <li>an SNS notification envelope ({@code "Type": "Notification"}) whose {@code Message} is the
 * alarm JSON as a string (SNS to SQS without raw message delivery, and SNS HTTPS push);</li>
 * <li>the alarm JSON itself ({@code AlarmName}, {@code NewStateValue}, {@code Trigger}, ...; SNS to
 * SQS with raw message delivery);</li>
 * <li>an EventBridge event with {@code "detail-type": "CloudWatch Alarm State Change"}.</li>
 * </ul>
 */
public final class AlarmPayloadParser {
    static final String STATE_CHANGE = "CloudWatch Alarm State Change";
    private static final Set<String> STATES = Set.of("ALARM", "OK", "INSUFFICIENT_DATA");
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    /** A payload that is well formed but deliberately makes no alert (an SNS subscription confirmation, ...). */
    public record Ignored(String reason, String why) {
    }

    /** Either a state change or why the payload is ignored. */
    public record Result(AlarmStateChange change, Ignored ignored) {
    }

    private AlarmPayloadParser() {
    }

    public static Result parse(String body) throws AlarmParseException {
        JsonNode root = readObject(body, "message body");
        if (root.has("Type") && root.has("TopicArn")) {
            return snsEnvelope(root);
        }
        if (root.has("detail-type")) {
            return eventBridge(root);
        }
        if (root.has("AlarmName")) {
            return new Result(alarmMessage(root, "raw", Map.of()), null);
        }
        throw new AlarmParseException(AlarmParseException.NOT_AN_ALARM, "JSON object with neither an SNS envelope "
                + "(Type, TopicArn), an alarm (AlarmName) nor an EventBridge event (detail-type); top-level fields: "
                + fieldNames(root));
    }

    private static JsonNode readObject(String text, String what) throws AlarmParseException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AlarmParseException(AlarmParseException.MALFORMED_JSON, what + " is not JSON: "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        }
        if (node == null || !node.isObject()) {
            throw new AlarmParseException(AlarmParseException.MALFORMED_JSON, what + " is JSON but not an object");
        }
        return node;
    }

    private static Result snsEnvelope(JsonNode env) throws AlarmParseException {
        String type = text(env, "Type");
        if (!"Notification".equals(type)) {
            return new Result(null, new Ignored("sns_" + snake(type), "SNS " + type + " message from topic "
                    + text(env, "TopicArn") + " (not an alarm notification)"));
        }
        String message = text(env, "Message");
        if (message == null) {
            throw new AlarmParseException(AlarmParseException.NOT_AN_ALARM, "SNS notification from topic "
                    + text(env, "TopicArn") + " has no Message");
        }
        JsonNode alarm = readObject(message, "SNS notification's Message (topic " + text(env, "TopicArn") + ")");
        Map<String, String> envelope = new LinkedHashMap<>();
        put(envelope, "snsMessageId", text(env, "MessageId"));
        put(envelope, "snsTopicArn", text(env, "TopicArn"));
        put(envelope, "snsSubject", text(env, "Subject"));
        if (alarm.has("detail-type")) {
            Result r = eventBridge(alarm);
            return r.change() == null ? r : new Result(withEnvelope(r.change(), "sns", envelope), null);
        }
        if (!alarm.has("AlarmName")) {
            throw new AlarmParseException(AlarmParseException.NOT_AN_ALARM, "SNS notification from topic "
                    + text(env, "TopicArn") + " carries no CloudWatch alarm; Message fields: " + fieldNames(alarm));
        }
        return new Result(alarmMessage(alarm, "sns", envelope), null);
    }

    private static AlarmStateChange withEnvelope(AlarmStateChange c, String format, Map<String, String> envelope) {
        Map<String, String> all = new LinkedHashMap<>(envelope);
        all.putAll(c.envelope());
        return new AlarmStateChange(format, c.kind(), c.account(), c.region(), c.alarmName(), c.alarmArn(),
                c.description(), c.newState(), c.oldState(), c.reason(), c.reasonData(), c.stateChangeTime(),
                c.namespace(), c.metricName(), c.statistic(), c.period(), c.evaluationPeriods(),
                c.comparisonOperator(), c.threshold(), c.thresholdMetricId(), c.dimensions(), c.metrics(),
                c.alarmRule(), c.tags(), all);
    }

    /** The alarm JSON of SNS notifications (PascalCase fields, {@code Trigger}). */
    private static AlarmStateChange alarmMessage(JsonNode a, String format, Map<String, String> envelope)
            throws AlarmParseException {
        String name = required(a, "AlarmName", "alarm");
        String state = state(a, "NewStateValue", name);
        String arn = text(a, "AlarmArn");
        AwsRegions.Arn parsedArn = AwsRegions.Arn.parse(arn);
        String region = parsedArn != null && !parsedArn.region().isEmpty() ? parsedArn.region()
                : AwsRegions.code(text(a, "Region"));
        String account = firstNonNull(text(a, "AWSAccountId"), parsedArn == null ? null : parsedArn.account());
        JsonNode trigger = a.path("Trigger");
        Map<String, String> dimensions = new LinkedHashMap<>();
        List<Map<String, Object>> metrics = new ArrayList<>();
        String namespace = text(trigger, "Namespace");
        String metricName = text(trigger, "MetricName");
        String statistic = firstNonNull(text(trigger, "Statistic"), text(trigger, "ExtendedStatistic"));
        Integer period = integer(trigger, "Period");
        for (JsonNode d : trigger.path("Dimensions")) {
            put(dimensions, firstNonNull(text(d, "name"), text(d, "Name")), firstNonNull(text(d, "value"), text(d, "Value")));
        }
        for (JsonNode m : trigger.path("Metrics")) {
            Map<String, Object> q = new LinkedHashMap<>();
            put(q, "id", firstNonNull(text(m, "Id"), text(m, "id")));
            put(q, "expression", firstNonNull(text(m, "Expression"), text(m, "expression")));
            put(q, "label", firstNonNull(text(m, "Label"), text(m, "label")));
            JsonNode stat = m.has("MetricStat") ? m.path("MetricStat") : m.path("metricStat");
            if (!stat.isMissingNode()) {
                JsonNode metric = stat.has("Metric") ? stat.path("Metric") : stat.path("metric");
                String ns = firstNonNull(text(metric, "Namespace"), text(metric, "namespace"));
                String mn = firstNonNull(text(metric, "MetricName"), text(metric, "name"));
                put(q, "namespace", ns);
                put(q, "metricName", mn);
                put(q, "stat", firstNonNull(text(stat, "Stat"), text(stat, "stat")));
                JsonNode dims = metric.has("Dimensions") ? metric.path("Dimensions") : metric.path("dimensions");
                collectDimensions(dims, dimensions);
                namespace = firstNonNull(namespace, ns);
                metricName = firstNonNull(metricName, mn);
            }
            metrics.add(q);
        }
        String thresholdMetricId = text(a, "ThresholdMetricId");
        if (thresholdMetricId == null) {
            thresholdMetricId = text(trigger, "ThresholdMetricId");
        }
        String alarmRule = text(a, "AlarmRule");
        Kind kind = kind(alarmRule, thresholdMetricId, metrics);
        JsonNode threshold = trigger.path("Threshold");
        return new AlarmStateChange(format, kind, account, region, name, arn, text(a, "AlarmDescription"), state,
                text(a, "OldStateValue"), text(a, "NewStateReason"), text(a, "NewStateReasonData"),
                AlarmTimes.parse(text(a, "StateChangeTime")), namespace, metricName, statistic, period,
                integer(trigger, "EvaluationPeriods"), text(trigger, "ComparisonOperator"),
                threshold.isNumber() ? threshold.asText() : null, thresholdMetricId, dimensions, metrics, alarmRule,
                tags(a.has("AlarmTags") ? a.path("AlarmTags") : a.path("Tags")), envelope);
    }

    private static Result eventBridge(JsonNode e) throws AlarmParseException {
        String detailType = text(e, "detail-type");
        if (!STATE_CHANGE.equals(detailType)) {
            return new Result(null, new Ignored("not_a_state_change", "EventBridge event '" + detailType + "' from "
                    + text(e, "source") + " (only '" + STATE_CHANGE + "' events make alerts)"));
        }
        JsonNode d = e.path("detail");
        if (!d.isObject()) {
            throw new AlarmParseException(AlarmParseException.INVALID_ALARM, "EventBridge '" + STATE_CHANGE
                    + "' event " + text(e, "id") + " has no detail object");
        }
        String name = required(d, "alarmName", "EventBridge event detail");
        String state = state(d.path("state"), "value", name);
        String arn = e.path("resources").isArray() && e.path("resources").size() > 0
                ? e.path("resources").get(0).asText() : null;
        AwsRegions.Arn parsedArn = AwsRegions.Arn.parse(arn);
        String region = firstNonNull(text(e, "region"), parsedArn == null ? null : parsedArn.region());
        String account = firstNonNull(text(e, "account"), parsedArn == null ? null : parsedArn.account());
        JsonNode config = d.path("configuration");
        Map<String, String> dimensions = new LinkedHashMap<>();
        List<Map<String, Object>> metrics = new ArrayList<>();
        String namespace = null;
        String metricName = null;
        String statistic = null;
        Integer period = null;
        boolean single = config.path("metrics").size() == 1;
        for (JsonNode m : config.path("metrics")) {
            Map<String, Object> q = new LinkedHashMap<>();
            put(q, "id", text(m, "id"));
            put(q, "expression", text(m, "expression"));
            put(q, "label", text(m, "label"));
            JsonNode stat = m.path("metricStat");
            if (stat.isObject()) {
                JsonNode metric = stat.path("metric");
                put(q, "namespace", text(metric, "namespace"));
                put(q, "metricName", text(metric, "name"));
                put(q, "stat", text(stat, "stat"));
                collectDimensions(metric.path("dimensions"), dimensions);
                namespace = firstNonNull(namespace, text(metric, "namespace"));
                metricName = firstNonNull(metricName, text(metric, "name"));
                statistic = firstNonNull(statistic, text(stat, "stat"));
                period = period != null ? period : integer(stat, "period");
            }
            if (m.has("returnData")) {
                q.put("returnData", m.path("returnData").asBoolean());
            }
            metrics.add(q);
        }
        String alarmRule = text(config, "alarmRule");
        String thresholdMetricId = text(config, "thresholdMetricId");
        if (thresholdMetricId == null) {
            thresholdMetricId = metrics.stream().filter(q -> String.valueOf(q.get("expression"))
                    .startsWith("ANOMALY_DETECTION_BAND")).map(q -> (String) q.get("id")).findFirst().orElse(null);
        }
        Kind kind = single && thresholdMetricId == null ? Kind.METRIC : kind(alarmRule, thresholdMetricId, metrics);
        Map<String, String> envelope = new LinkedHashMap<>();
        put(envelope, "eventId", text(e, "id"));
        put(envelope, "actionsSuppressedBy", text(d.path("state"), "actionsSuppressedBy"));
        JsonNode threshold = config.path("threshold");
        return new Result(new AlarmStateChange("eventbridge", kind, account, region, name, arn,
                text(config, "description"), state, text(d.path("previousState"), "value"),
                text(d.path("state"), "reason"), text(d.path("state"), "reasonData"),
                AlarmTimes.parse(firstNonNull(text(d.path("state"), "timestamp"), text(e, "time"))), namespace,
                metricName, statistic, period, integer(config, "evaluationPeriods"), text(config, "comparisonOperator"),
                threshold.isNumber() ? threshold.asText() : null, thresholdMetricId, dimensions,
                kind == Kind.METRIC ? List.of() : metrics, alarmRule, tags(d.path("alarmTags")), envelope), null);
    }

    private static Kind kind(String alarmRule, String thresholdMetricId, List<Map<String, Object>> metrics) {
        if (alarmRule != null) {
            return Kind.COMPOSITE;
        }
        if (thresholdMetricId != null) {
            return Kind.ANOMALY_DETECTION;
        }
        return metrics.isEmpty() ? Kind.METRIC : Kind.METRIC_MATH;
    }

    /** Dimensions as an object ({@code {"InstanceId": "i-1"}}) or a list of name/value pairs. */
    private static void collectDimensions(JsonNode dims, Map<String, String> into) {
        if (dims.isObject()) {
            dims.properties().forEach(f -> into.putIfAbsent(f.getKey(), f.getValue().asText()));
        } else {
            for (JsonNode d : dims) {
                String n = firstNonNull(text(d, "name"), text(d, "Name"));
                String v = firstNonNull(text(d, "value"), text(d, "Value"));
                if (n != null && v != null) {
                    into.putIfAbsent(n, v);
                }
            }
        }
    }

    /** Tags as an object of key/value pairs, or a list of {@code {Key, Value}}. */
    private static Map<String, String> tags(JsonNode node) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (node.isObject()) {
            node.properties().forEach(f -> tags.put(f.getKey(), f.getValue().asText()));
        } else if (node.isArray()) {
            for (JsonNode t : node) {
                put(tags, firstNonNull(text(t, "Key"), text(t, "key")), firstNonNull(text(t, "Value"), text(t, "value")));
            }
        }
        return tags;
    }

    private static String state(JsonNode node, String field, String alarm) throws AlarmParseException {
        String s = text(node, field);
        if (s == null || !STATES.contains(s)) {
            throw new AlarmParseException(AlarmParseException.INVALID_ALARM, "alarm '" + alarm + "': " + field + " is "
                    + (s == null ? "missing" : "'" + s + "'") + "; expected ALARM, OK or INSUFFICIENT_DATA");
        }
        return s;
    }

    private static String required(JsonNode node, String field, String what) throws AlarmParseException {
        String v = text(node, field);
        if (v == null || v.isBlank()) {
            throw new AlarmParseException(AlarmParseException.INVALID_ALARM, what + " has no " + field);
        }
        return v;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.canConvertToInt() ? v.asInt() : null;
    }

    private static <T> void put(Map<String, T> map, String key, T value) {
        if (key != null && value != null) {
            map.put(key, value);
        }
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String snake(String s) {
        return s == null ? "unknown" : s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        while (it.hasNext() && names.size() < 10) {
            names.add(it.next());
        }
        return names.isEmpty() ? "(none)" : String.join(", ", names) + (it.hasNext() ? ", ..." : "");
    }
}
