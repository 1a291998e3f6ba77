package io.mimamori.connector.cloudwatch.internal.parse;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One CloudWatch alarm state change, whichever way it was delivered, with the field names of the
 * payloads normalized.
 *
 * @param format            how it arrived: {@code sns} (SNS envelope), {@code raw} (alarm JSON) or {@code eventbridge}
 * @param kind              what the alarm watches
 * @param region            the region code ({@code us-east-1}), null when the payload names none this parser knows
 * @param newState          {@code ALARM}, {@code OK} or {@code INSUFFICIENT_DATA}
 * @param oldState          the state before, null when not given
 * @param stateChangeTime   when the alarm changed state, null when absent or unreadable
 * @param dimensions        the dimensions of the watched metric(s), in payload order
 * @param threshold         the threshold as written in the payload (a number), null for anomaly and composite alarms
 * @param metrics           the metric-math queries: id, expression or namespace/metric/stat, label
 * @param tags              the alarm's tags where the alarm propagates them
 * @param envelope          delivery facts: SNS message id and topic, EventBridge event id
 */
public record AlarmStateChange(
        String format,
        Kind kind,
        String account,
        String region,
        String alarmName,
        String alarmArn,
        String description,
        String newState,
        String oldState,
        String reason,
        String reasonData,
        Instant stateChangeTime,
        String namespace,
        String metricName,
        String statistic,
        Integer period,
        Integer evaluationPeriods,
        String comparisonOperator,
        String threshold,
        String thresholdMetricId,
        Map<String, String> dimensions,
        List<Map<String, Object>> metrics,
        String alarmRule,
        Map<String, String> tags,
        Map<String, String> envelope) {

    /** What an alarm watches. */
    public enum Kind {
        METRIC, METRIC_MATH, ANOMALY_DETECTION, COMPOSITE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
