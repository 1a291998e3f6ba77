package io.mimamori.connector.cloudwatch;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertSource;
import io.mimamori.alert.Layer;
import io.mimamori.alert.RawPayload;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.connector.cloudwatch.AlarmMappingSettings.InsufficientData;
import io.mimamori.connector.cloudwatch.internal.map.AlarmResources;
import io.mimamori.connector.cloudwatch.internal.map.ConsoleLinks;
import io.mimamori.connector.cloudwatch.internal.map.SeverityRules;
import io.mimamori.connector.cloudwatch.internal.parse.AlarmPayloadParser;
import io.mimamori.connector.cloudwatch.internal.parse.AlarmStateChange;
import io.mimamori.connector.cloudwatch.internal.parse.AwsRegions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the body of a CloudWatch alarm notification (SNS envelope, raw alarm JSON or EventBridge
 * "CloudWatch Alarm State Change" event) into alerts. Pure and thread-safe: every CloudWatch
 * source (SQS, SNS HTTPS push) shares it.
 *
 * <p>One alarm is one condition, dedup key {@code aws/ACCOUNT/REGION/ALARM}: ALARM fires it, OK
 * resolves it. INSUFFICIENT_DATA is a second condition of the same alarm
 * ({@code .../insufficient-data}, see {@link AlarmMappingSettings.InsufficientData}); every
 * transition out of INSUFFICIENT_DATA (or from an unknown state) resolves it, so leaving that
 * state always clears its alert.
 *
 * <p>Severity follows the route's {@link SeverityConvention}, or, when the alarm resolves to a
 * tenant that gives its own ({@code sources: cloudwatch:} in {@code tenants.yaml}), that tenant's:
 * the tenant is resolved from the alarm's account before the alerts are made.
 */
public final class CloudWatchAlarmMapper {
    /** Suffix of the dedup key of the INSUFFICIENT_DATA condition. */
    public static final String INSUFFICIENT_DATA_SUFFIX = "/insufficient-data";

    private final AlarmMappingSettings settings;
    private final SeverityConvention routeConvention;
    /** Tenants' conventions by the values they give (as few as there are tenants that give one). */
    private final Map<Map<String, String>, SeverityConvention> tenantConventions = new ConcurrentHashMap<>();

    public CloudWatchAlarmMapper(AlarmMappingSettings settings) {
        this.settings = settings;
        this.routeConvention = settings.convention();
    }

    /**
     * Where a body came from, for each alert's {@code source}.
     *
     * @param connector  the source connector, e.g. {@code cloudwatch-sqs-source}
     * @param route      the input's name
     * @param peer       the queue or topic it was read from
     * @param receivedAt when the hub received it
     */
    public record Origin(String connector, String route, String peer, Instant receivedAt) {
    }

    /**
     * The alerts of one message body, with no tenant and the route's severity convention.
     *
     * @throws AlarmParseException when the body is too large, not JSON, or not an alarm notification
     */
    public MappedAlarm map(String body, Origin origin) throws AlarmParseException {
        return map(body, origin, AlarmTenancy.NONE);
    }

    /**
     * The alerts of one message body, with the tenant {@code tenancy} gives the alarm's account (and
     * {@code origin.peer()}, the queue or topic) and that tenant's severity convention, if it has one.
     * An alarm the resolver rejects makes no alert: it is ignored with reason {@code unknown_tenant}.
     *
     * @throws AlarmParseException when the body is too large, not JSON, or not an alarm notification
     */
    public MappedAlarm map(String body, Origin origin, AlarmTenancy tenancy) throws AlarmParseException {
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > settings.maxBodyBytes()) {
            throw new AlarmParseException(AlarmParseException.TOO_LARGE, "message body of " + bytes
                    + " bytes is over maxBodyBytes (" + settings.maxBodyBytes() + ")");
        }
        AlarmPayloadParser.Result parsed = AlarmPayloadParser.parse(body);
        if (parsed.ignored() != null) {
            return MappedAlarm.ignored(null, parsed.ignored().reason(), parsed.ignored().why());
        }
        AlarmStateChange c = parsed.change();
        boolean insufficient = !"ALARM".equals(c.newState()) && !"OK".equals(c.newState());
        if (insufficient && settings.insufficientData() == InsufficientData.IGNORE) {
            return MappedAlarm.ignored(c.account(), "insufficient_data", "alarm '" + c.alarmName()
                    + "' entered INSUFFICIENT_DATA and insufficientData is ignore");
        }
        AlarmTenancy.Owner owner = tenancy.ownerOf(c.account(), origin.peer());
        if (owner.rejected()) {
            return MappedAlarm.ignored(c.account(), "unknown_tenant", "AWS account " + orUnknown(c.account())
                    + " on " + origin.peer() + " matches no tenant");
        }
        Mapping m = new Mapping(c, origin, owner.tenant(), conventionOf(owner.settings()),
                "aws/" + orUnknown(c.account()) + "/" + orUnknown(c.region()) + "/" + c.alarmName(),
                RawPayload.text("application/json", body, RawPayload.DEFAULT_CAP));
        SeverityRules.Outcome severity = m.rules().of(c.alarmName(), c.tags());
        List<Alert> alerts = new ArrayList<>(2);
        switch (c.newState()) {
            case "ALARM" -> {
                alerts.add(m.alert(m.key(), Status.FIRING, severity));
                resolveInsufficientData(m, alerts);
            }
            case "OK" -> {
                alerts.add(m.alert(m.key(), Status.RESOLVED, severity));
                resolveInsufficientData(m, alerts);
            }
            default -> alerts.add(settings.insufficientData() == InsufficientData.RESOLVE
                    ? m.alert(m.key(), Status.RESOLVED, severity)
                    : insufficientData(m, Status.FIRING));
        }
        return new MappedAlarm(alerts, c.account(), null, null);
    }

    /** The route's convention, or the one a tenant's values make of it (made once per set of values). */
    private SeverityConvention conventionOf(Map<String, String> tenantValues) {
        if (tenantValues.isEmpty()) {
            return routeConvention;
        }
        return tenantConventions.computeIfAbsent(Map.copyOf(tenantValues), routeConvention::with);
    }

    /** Leaving INSUFFICIENT_DATA (or a state the payload does not name) clears that condition. */
    private void resolveInsufficientData(Mapping m, List<Alert> into) {
        if (!"ALARM".equals(m.change().oldState()) && !"OK".equals(m.change().oldState())
                && settings.insufficientData() == InsufficientData.ALERT) {
            into.add(insufficientData(m, Status.RESOLVED));
        }
    }

    private static Alert insufficientData(Mapping m, Status status) {
        SeverityRules.Outcome severity = new SeverityRules.Outcome(m.convention().insufficientDataSeverity(), null);
        return m.alert(m.key() + INSUFFICIENT_DATA_SUFFIX, status, severity);
    }

    /**
     * The key as it is when it fits {@link Alert#MAX_DEDUP_KEY}; else its start and a hash of the
     * whole, so two long alarm names sharing a prefix (names may have 255 characters) stay apart.
     */
    static String fitted(String key) {
        if (key.length() <= Alert.MAX_DEDUP_KEY) {
            return key;
        }
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        String suffix = "~" + HexFormat.of().formatHex(hash, 0, 8);
        return key.substring(0, Alert.MAX_DEDUP_KEY - suffix.length()) + suffix;
    }

    /**
     * One alarm state change being mapped, with its owner and convention.
     *
     * @param tenant the alarm's tenant, null when no resolver is bound (the pipeline sets the default)
     * @param key    the dedup key of the alarm's ALARM condition, before fitting
     */
    private record Mapping(AlarmStateChange change, Origin origin, String tenant, SeverityConvention convention,
                           String key, RawPayload raw) {
        SeverityRules rules() {
            return new SeverityRules(convention.tag(), convention.namePattern(), convention.defaultSeverity());
        }

        Alert alert(String dedupKey, Status status, SeverityRules.Outcome severity) {
            return CloudWatchAlarmMapper.alert(change, origin, raw, dedupKey, status, severity, tenant);
        }
    }

    private static Alert alert(AlarmStateChange c, Origin origin, RawPayload raw, String dedupKey, Status status,
                               SeverityRules.Outcome severity, String tenant) {
        String resource = AlarmResources.of(c.dimensions(), c.alarmName());
        AwsRegions.Arn arn = AwsRegions.Arn.parse(c.alarmArn());
        Alert.Builder b = Alert.builder()
                .tenant(tenant)
                .status(status)
                .severity(severity.severity())
                .sourceSeverity(severity.sourceSeverity())
                .layer(Layer.CLOUD)
                .event(c.alarmName())
                .resource(resource)
                .host(AlarmResources.host(c.dimensions()))
                .summary(summary(c, resource))
                .dedupKey(fitted(dedupKey))
                .source(new AlertSource(origin.connector(), origin.route(), origin.peer(), origin.receivedAt(),
                        c.stateChangeTime()))
                .label("account", c.account())
                .label("region", c.region())
                .label("alarm", c.alarmName())
                .label("namespace", c.namespace())
                .label("metric", c.metricName())
                .detail("aws", details(c))
                .raw(raw);
        String link = ConsoleLinks.alarm(arn == null ? null : arn.partition(), c.region(), c.alarmName());
        if (link != null) {
            b.link(link, "CloudWatch alarm");
        }
        return b.build();
    }

    private static String summary(AlarmStateChange c, String resource) {
        String where = (resource.equals(c.alarmName()) ? "" : resource + ", ") + orUnknown(c.region());
        String state = switch (c.newState()) {
            case "ALARM" -> "in ALARM";
            case "OK" -> "OK";
            default -> "has INSUFFICIENT_DATA";
        };
        return c.alarmName() + " (" + where + ") " + state + (c.reason() == null ? "" : ": " + c.reason());
    }

    private static Map<String, Object> details(AlarmStateChange c) {
        Map<String, Object> d = new LinkedHashMap<>();
        put(d, "format", c.format());
        put(d, "alarmType", c.kind().wire());
        put(d, "account", c.account());
        put(d, "region", c.region());
        put(d, "alarmName", c.alarmName());
        put(d, "alarmArn", c.alarmArn());
        put(d, "description", c.description());
        Map<String, Object> state = new LinkedHashMap<>();
        put(state, "value", c.newState());
        put(state, "previous", c.oldState());
        put(state, "reason", c.reason());
        put(state, "reasonData", c.reasonData());
        put(state, "changedAt", c.stateChangeTime() == null ? null : c.stateChangeTime().toString());
        d.put("state", state);
        put(d, "namespace", c.namespace());
        put(d, "metricName", c.metricName());
        put(d, "statistic", c.statistic());
        put(d, "period", c.period());
        put(d, "evaluationPeriods", c.evaluationPeriods());
        put(d, "comparisonOperator", c.comparisonOperator());
        put(d, "threshold", c.threshold());
        put(d, "thresholdMetricId", c.thresholdMetricId());
        if (!c.dimensions().isEmpty()) {
            d.put("dimensions", c.dimensions());
        }
        if (!c.metrics().isEmpty()) {
            d.put("metrics", c.metrics());
        }
        put(d, "alarmRule", c.alarmRule());
        if (!c.tags().isEmpty()) {
            d.put("tags", c.tags());
        }
        d.putAll(c.envelope());
        return d;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? "unknown" : s;
    }
}
