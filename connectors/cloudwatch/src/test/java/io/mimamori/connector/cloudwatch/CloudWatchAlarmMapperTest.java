package io.mimamori.connector.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.tenant.TenantDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The corpus under payloads/cloudwatch mapped with default settings, asserting what an operator sees. */
class CloudWatchAlarmMapperTest {
    static final CloudWatchAlarmMapper.Origin ORIGIN = new CloudWatchAlarmMapper.Origin("cloudwatch-sqs-source", "cw",
            "alarms-queue", Instant.parse("2026-01-01T00:00:00Z"));
    final CloudWatchAlarmMapper mapper = new CloudWatchAlarmMapper(AlarmMappingSettings.defaults());

    static String payload(String name) {
        try (InputStream in = CloudWatchAlarmMapperTest.class.getResourceAsStream("/payloads/cloudwatch/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MappedAlarm map(String name) throws AlarmParseException {
        return mapper.map(payload(name), ORIGIN);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> aws(Alert a) {
        return (Map<String, Object>) a.details().get("aws");
    }

    @Test
    @SuppressWarnings("unchecked")
    void snsEnvelopeAlarmFiresWithResourceRegionAndConsoleLink() throws Exception {
        MappedAlarm m = map("sns-envelope-ec2-cpu-alarm.json");
        assertThat(m.account()).isEqualTo("123456789012");
        assertThat(m.alerts()).hasSize(1);
        Alert a = m.alerts().get(0);
        assertThat(a.status()).isEqualTo(Status.FIRING);
        assertThat(a.severity()).isEqualTo(Severity.MAJOR);
        assertThat(a.sourceSeverity()).isNull();
        assertThat(a.layer()).isEqualTo(Layer.CLOUD);
        assertThat(a.event()).isEqualTo("ServerCpuTooHigh");
        assertThat(a.resource()).isEqualTo("i-12345678901234567");
        assertThat(a.host()).isEqualTo("i-12345678901234567");
        assertThat(a.dedupKey()).isEqualTo("aws/123456789012/us-east-1/ServerCpuTooHigh");
        assertThat(a.summary()).startsWith("ServerCpuTooHigh (i-12345678901234567, us-east-1) in ALARM: Threshold Crossed: 1 out of");
        assertThat(a.labels()).containsEntry("account", "123456789012").containsEntry("region", "us-east-1")
                .containsEntry("namespace", "AWS/EC2").containsEntry("metric", "CPUUtilization");
        assertThat(a.links()).singleElement().satisfies(l -> assertThat(l.href()).isEqualTo(
                "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/ServerCpuTooHigh"));
        assertThat(a.source().sourceTime()).isEqualTo(Instant.parse("2019-10-02T17:04:40.985Z"));
        assertThat(a.source().peer()).isEqualTo("alarms-queue");
        Map<String, Object> aws = aws(a);
        assertThat(aws).containsEntry("format", "sns").containsEntry("alarmType", "metric")
                .containsEntry("threshold", "50.0").containsEntry("comparisonOperator", "GreaterThanThreshold")
                .containsEntry("dimensions", Map.of("InstanceId", "i-12345678901234567"))
                .containsEntry("snsTopicArn", "arn:aws:sns:us-east-1:123456789012:cloudwatch-alarms");
        assertThat((Map<String, Object>) aws.get("state")).containsEntry("value", "ALARM").containsEntry("previous", "OK");
        assertThat(a.raw().data()).contains("\"Type\": \"Notification\"");
        assertThat(AlertJson.toJson(a)).contains("\"layer\":\"cloud\"");
    }

    @Test
    void longAlarmNamesSharingAPrefixKeepDistinctKeysWithinTheLimit() throws Exception {
        String prefix = "x".repeat(240);
        String a = payload("raw-ec2-cpu-ok.json").replace("ServerCpuTooHigh", prefix + "-a");
        String b = payload("raw-ec2-cpu-ok.json").replace("ServerCpuTooHigh", prefix + "-b");
        String keyA = mapper.map(a, ORIGIN).alerts().get(0).dedupKey();
        String keyB = mapper.map(b, ORIGIN).alerts().get(0).dedupKey();
        assertThat(keyA).hasSize(Alert.MAX_DEDUP_KEY).startsWith("aws/123456789012/us-east-1/xxx").isNotEqualTo(keyB);
        assertThat(mapper.map(a, ORIGIN).alerts().get(0).dedupKey()).isEqualTo(keyA);
    }

    @Test
    void okResolvesTheSameDedupKey() throws Exception {
        Alert fired = map("sns-envelope-ec2-cpu-alarm.json").alerts().get(0);
        MappedAlarm ok = map("raw-ec2-cpu-ok.json");
        assertThat(ok.alerts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(Status.RESOLVED);
            assertThat(a.dedupKey()).isEqualTo(fired.dedupKey());
            assertThat(a.summary()).startsWith("ServerCpuTooHigh (i-12345678901234567, us-east-1) OK:");
            assertThat(aws(a)).containsEntry("format", "raw");
        });
    }

    @Test
    void legacyRegionNameAndMissingArnStillGiveRegionAndKey() throws Exception {
        Alert a = map("raw-legacy-eu-ireland.json").alerts().get(0);
        assertThat(a.dedupKey()).isEqualTo("aws/000000000000/eu-west-1/Example alarm name");
        assertThat(a.resource()).isEqualTo("Example alarm name");
        assertThat(a.links().get(0).href()).isEqualTo(
                "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/Example%20alarm%20name");
    }

    @Test
    void severityTagWinsOverNamePrefix() throws Exception {
        Alert a = map("raw-rds-tags-tokyo.json").alerts().get(0);
        assertThat(a.severity()).isEqualTo(Severity.MINOR);
        assertThat(a.sourceSeverity()).isEqualTo("minor");
        assertThat(a.resource()).isEqualTo("orders-db-1");
        assertThat(a.host()).isNull();
        assertThat(a.dedupKey()).isEqualTo("aws/210987654321/ap-northeast-1/P1-orders-db-free-storage");
        assertThat(aws(a)).containsEntry("tags", Map.of("severity", "minor", "team", "payments"));
    }

    @Test
    void namePrefixGivesSeverityWithoutTag() throws Exception {
        CloudWatchAlarmMapper noTag = new CloudWatchAlarmMapper(new AlarmMappingSettings(null,
                AlarmMappingSettings.defaults().severityNamePattern(), Severity.INFO,
                AlarmMappingSettings.InsufficientData.ALERT, Severity.WARNING, 65536));
        Alert a = noTag.map(payload("raw-rds-tags-tokyo.json"), ORIGIN).alerts().get(0);
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.sourceSeverity()).isEqualTo("P1");
        Alert composite = noTag.map(payload("raw-composite-govcloud.json"), ORIGIN).alerts().get(0);
        assertThat(composite.severity()).isEqualTo(Severity.CRITICAL);
        Alert plain = noTag.map(payload("sns-envelope-ec2-cpu-alarm.json"), ORIGIN).alerts().get(0);
        assertThat(plain.severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void customNamePatternIsUsed() throws Exception {
        CloudWatchAlarmMapper m = new CloudWatchAlarmMapper(AlarmMappingSettings.of("", "-(?<severity>warn|crit)$",
                "major", "alert", "warning", 65536));
        String body = payload("raw-ec2-cpu-ok.json").replace("ServerCpuTooHigh", "cpu-crit");
        assertThat(m.map(body, ORIGIN).alerts().get(0).severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void metricMathOverSnsKeepsQueriesAndTakesResourceFromTheirDimensions() throws Exception {
        Alert a = map("raw-metric-math-alb.json").alerts().get(0);
        assertThat(a.resource()).isEqualTo("app/web/50dc6c495c0c9188");
        assertThat(a.dedupKey()).isEqualTo("aws/123456789012/us-west-2/alb-5xx-rate");
        Map<String, Object> aws = aws(a);
        assertThat(aws).containsEntry("alarmType", "metric-math").containsEntry("threshold", "5.0")
                .containsEntry("namespace", "AWS/ApplicationELB");
        assertThat((List<?>) aws.get("metrics")).hasSize(3);
        assertThat(aws.get("metrics").toString()).contains("expression=100*errors/requests", "metricName=RequestCount");
    }

    @Test
    void anomalyDetectionEnteringInsufficientDataIsAWarningOfItsOwn() throws Exception {
        MappedAlarm m = map("raw-anomaly-detection-lambda.json");
        assertThat(m.alerts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(Status.FIRING);
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.resource()).isEqualTo("checkout");
            assertThat(a.dedupKey()).isEqualTo("aws/123456789012/eu-central-1/checkout-fn-duration-anomaly/insufficient-data");
            assertThat(a.summary()).contains("has INSUFFICIENT_DATA: Insufficient Data");
            assertThat(aws(a)).containsEntry("alarmType", "anomaly-detection").containsEntry("thresholdMetricId", "ad1")
                    .doesNotContainKey("threshold");
        });
    }

    @Test
    void leavingInsufficientDataResolvesItsAlert() throws Exception {
        String warning = map("raw-anomaly-detection-lambda.json").alerts().get(0).dedupKey();
        MappedAlarm alarm = map("eventbridge-metric-math.json");
        assertThat(alarm.alerts()).extracting(Alert::status).containsExactly(Status.FIRING, Status.RESOLVED);
        assertThat(alarm.alerts().get(1).dedupKey()).isEqualTo(alarm.alerts().get(0).dedupKey() + "/insufficient-data");
        MappedAlarm ok = map("eventbridge-tags-ecs-china.json");
        assertThat(ok.alerts()).extracting(Alert::status).containsExactly(Status.RESOLVED, Status.RESOLVED);
        assertThat(ok.alerts().get(1).dedupKey()).endsWith("/ecs api memory/insufficient-data");
        assertThat(warning).endsWith("/insufficient-data");
    }

    @Test
    void alarmToOkDoesNotTouchInsufficientData() throws Exception {
        assertThat(map("raw-ec2-cpu-ok.json").alerts()).hasSize(1);
        assertThat(map("eventbridge-single-metric.json").alerts()).hasSize(1);
    }

    @Test
    void insufficientDataCanResolveOrBeIgnored() throws Exception {
        CloudWatchAlarmMapper resolve = new CloudWatchAlarmMapper(AlarmMappingSettings.of("severity",
                AlarmMappingSettings.DEFAULT_NAME_PATTERN, "major", "resolve", "warning", 65536));
        assertThat(resolve.map(payload("raw-anomaly-detection-lambda.json"), ORIGIN).alerts()).singleElement()
                .satisfies(a -> {
                    assertThat(a.status()).isEqualTo(Status.RESOLVED);
                    assertThat(a.dedupKey()).isEqualTo("aws/123456789012/eu-central-1/checkout-fn-duration-anomaly");
                });
        CloudWatchAlarmMapper ignore = new CloudWatchAlarmMapper(AlarmMappingSettings.of("severity",
                AlarmMappingSettings.DEFAULT_NAME_PATTERN, "major", "ignore", "warning", 65536));
        MappedAlarm ignored = ignore.map(payload("raw-anomaly-detection-lambda.json"), ORIGIN);
        assertThat(ignored.alerts()).isEmpty();
        assertThat(ignored.ignoredReason()).isEqualTo("insufficient_data");
        assertThat(ignore.map(payload("eventbridge-metric-math.json"), ORIGIN).alerts()).hasSize(1);
    }

    /** Two tenants with conventions of their own, one without, as {@code tenants.yaml} gives them. */
    static TenantDirectory tenants(Path dir, String unknown) throws IOException {
        Files.writeString(dir.resolve(TenantDirectory.FILE_NAME), """
                unknown: %s
                tenants:
                  - id: tokyo
                    attribution: { awsAccounts: ["210987654321"] }
                    sources:
                      cloudwatch:
                        severityTag: ''
                  - id: acme
                    attribution: { awsAccounts: ["123456789012"] }
                    sources:
                      cloudwatch:
                        severityNamePattern: '-(?<severity>sev[1-5])$'
                        defaultSeverity: minor
                        insufficientDataSeverity: info
                  - id: plain
                    attribution: { awsAccounts: ["000000000000"] }
                """.formatted(unknown));
        return TenantDirectory.load(dir);
    }

    @Test
    void aTenantsConventionReplacesTheRoutesKeyByKey(@TempDir Path dir) throws Exception {
        AlarmTenancy tenancy = AlarmTenancy.of(tenants(dir, "default"));

        // tokyo turns the tag off: its alarm's name prefix P1- decides, not its tag severity=minor
        assertThat(mapper.map(payload("raw-rds-tags-tokyo.json"), ORIGIN, tenancy).alerts()).singleElement()
                .satisfies(a -> {
                    assertThat(a.tenant()).isEqualTo("tokyo");
                    assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(a.sourceSeverity()).isEqualTo("P1");
                });
        // acme's own name pattern replaces the route's, so critical- no longer counts; its default applies
        assertThat(mapper.map(payload("raw-composite-govcloud.json"), ORIGIN, tenancy).alerts()).singleElement()
                .satisfies(a -> {
                    assertThat(a.tenant()).isEqualTo("acme");
                    assertThat(a.severity()).isEqualTo(Severity.MINOR);
                    assertThat(a.sourceSeverity()).isNull();
                });
        String sev2 = payload("raw-composite-govcloud.json").replace("critical-web-tier-down", "web-tier-down-sev2");
        assertThat(mapper.map(sev2, ORIGIN, tenancy).alerts().get(0).severity()).isEqualTo(Severity.MAJOR);
        // acme's INSUFFICIENT_DATA severity, its tag convention still the route's
        assertThat(mapper.map(payload("raw-anomaly-detection-lambda.json"), ORIGIN, tenancy).alerts()).singleElement()
                .satisfies(a -> {
                    assertThat(a.dedupKey()).endsWith("/insufficient-data");
                    assertThat(a.severity()).isEqualTo(Severity.INFO);
                });
        String tagged = payload("raw-composite-govcloud.json").replace("\"AlarmName\"",
                "\"AlarmTags\": {\"severity\": \"warning\"}, \"AlarmName\"");
        assertThat(mapper.map(tagged, ORIGIN, tenancy).alerts().get(0).severity()).isEqualTo(Severity.WARNING);
        // a tenant without a convention, and the route alone, keep the route's: critical- is critical
        String plain = payload("raw-composite-govcloud.json").replace("123456789012", "000000000000");
        assertThat(mapper.map(plain, ORIGIN, tenancy).alerts()).singleElement().satisfies(a -> {
            assertThat(a.tenant()).isEqualTo("plain");
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        });
        assertThat(mapper.map(payload("raw-composite-govcloud.json"), ORIGIN).alerts()).singleElement()
                .satisfies(a -> {
                    assertThat(a.tenant()).isNull();
                    assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
                });
    }

    @Test
    void anAlarmNoTenantClaimsIsIgnoredUnderUnknownReject(@TempDir Path dir) throws Exception {
        AlarmTenancy tenancy = AlarmTenancy.of(tenants(dir, "reject"));
        String stranger = payload("raw-composite-govcloud.json").replace("123456789012", "999999999999");

        MappedAlarm m = mapper.map(stranger, ORIGIN, tenancy);

        assertThat(m.alerts()).isEmpty();
        assertThat(m.ignoredReason()).isEqualTo("unknown_tenant");
        assertThat(m.ignoredWhy()).isEqualTo("AWS account 999999999999 on alarms-queue matches no tenant");
        assertThat(m.account()).isEqualTo("999999999999");
    }

    @Test
    void compositeAlarmOverSnsKeepsItsRuleAndLinksToGovCloud() throws Exception {
        Alert a = map("raw-composite-govcloud.json").alerts().get(0);
        assertThat(a.resource()).isEqualTo("critical-web-tier-down");
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.dedupKey()).isEqualTo("aws/123456789012/us-gov-west-1/critical-web-tier-down");
        assertThat(aws(a)).containsEntry("alarmType", "composite")
                .containsEntry("alarmRule", "ALARM(web-a-unhealthy) AND ALARM(web-b-unhealthy)");
        assertThat(a.links().get(0).href()).isEqualTo(
                "https://console.amazonaws-us-gov.com/cloudwatch/home?region=us-gov-west-1#alarmsV2:alarm/critical-web-tier-down");
    }

    @Test
    @SuppressWarnings("unchecked")
    void eventBridgeSingleMetricMatchesTheSnsShape() throws Exception {
        Alert eb = map("eventbridge-single-metric.json").alerts().get(0);
        Alert sns = map("sns-envelope-ec2-cpu-alarm.json").alerts().get(0);
        assertThat(eb.dedupKey()).isEqualTo(sns.dedupKey());
        assertThat(eb.resource()).isEqualTo(sns.resource());
        assertThat(eb.links()).isEqualTo(sns.links());
        assertThat(eb.source().sourceTime()).isEqualTo(Instant.parse("2019-10-02T17:04:40.989Z"));
        assertThat(aws(eb)).containsEntry("format", "eventbridge").containsEntry("alarmType", "metric")
                .containsEntry("statistic", "Average").containsEntry("period", 300)
                .containsEntry("eventId", "c4c1c1c9-6542-e61b-6ef0-8c4d36933a92").doesNotContainKey("metrics");
        assertThat((Map<String, Object>) aws(eb).get("state")).containsKey("reasonData");
    }

    @Test
    void eventBridgeAnomalyDetectionFindsTheBand() throws Exception {
        Alert a = map("eventbridge-anomaly-detection.json").alerts().get(0);
        assertThat(a.status()).isEqualTo(Status.FIRING);
        assertThat(a.resource()).isEqualTo("i-12345678901234567");
        assertThat(aws(a)).containsEntry("alarmType", "anomaly-detection").containsEntry("thresholdMetricId", "ad1");
        assertThat(a.links().get(0).href()).endsWith("#alarmsV2:alarm/EC2%20CPU%20Utilization%20Anomaly");
    }

    @Test
    void eventBridgeCompositeKeepsRuleAndSuppression() throws Exception {
        Alert a = map("eventbridge-composite.json").alerts().get(0);
        assertThat(a.resource()).isEqualTo("ServiceAggregatedAlarm");
        assertThat(aws(a)).containsEntry("alarmType", "composite")
                .containsEntry("alarmRule", "ALARM(ServerCpuTooHigh) OR ALARM(TotalNetworkTrafficTooHigh)")
                .containsEntry("actionsSuppressedBy", "WaitPeriod");
        assertThat(a.summary()).contains("in ALARM: arn:aws:cloudwatch:us-east-1:123456789012:alarm:SuppressionDemo");
    }

    @Test
    void eventBridgeTagsEcsServiceAndChinaConsole() throws Exception {
        Alert a = map("eventbridge-tags-ecs-china.json").alerts().get(0);
        assertThat(a.resource()).isEqualTo("prod/api");
        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.links().get(0).href()).isEqualTo(
                "https://console.amazonaws.cn/cloudwatch/home?region=cn-north-1#alarmsV2:alarm/ecs%20api%20memory");
        assertThat(aws(a)).containsEntry("tags", Map.of("severity", "critical", "env", "prod"));
    }

    @Test
    void snsEnvelopeCarryingAnEventBridgeEventIsRead() throws Exception {
        String event = payload("eventbridge-single-metric.json");
        String envelope = AlertJson.mapper().writeValueAsString(Map.of("Type", "Notification", "MessageId", "m-1",
                "TopicArn", "arn:aws:sns:us-east-1:123456789012:eb-alarms", "Message", event));
        Alert a = mapper.map(envelope, ORIGIN).alerts().get(0);
        assertThat(a.dedupKey()).isEqualTo("aws/123456789012/us-east-1/ServerCpuTooHigh");
        assertThat(aws(a)).containsEntry("format", "sns").containsEntry("snsMessageId", "m-1")
                .containsEntry("eventId", "c4c1c1c9-6542-e61b-6ef0-8c4d36933a92");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ignored-sns-subscription-confirmation.json", "ignored-eventbridge-configuration-change.json"})
    void controlMessagesAreIgnoredWithAReason(String name) throws Exception {
        MappedAlarm m = map(name);
        assertThat(m.alerts()).isEmpty();
        assertThat(m.ignoredReason()).isIn("sns_subscription_confirmation", "not_a_state_change");
        assertThat(m.ignoredWhy()).isNotBlank();
    }

    @Test
    void unparseableBodiesSayWhatIsWrong() {
        assertThatThrownBy(() -> map("unparsed/truncated.json")).isInstanceOf(AlarmParseException.class)
                .hasMessageContaining("message body is not JSON").hasMessageContaining("line 1")
                .extracting(e -> ((AlarmParseException) e).reason()).isEqualTo(AlarmParseException.MALFORMED_JSON);
        assertThatThrownBy(() -> map("unparsed/s3-event.json")).hasMessageContaining("top-level fields: Records")
                .extracting(e -> ((AlarmParseException) e).reason()).isEqualTo(AlarmParseException.NOT_AN_ALARM);
        assertThatThrownBy(() -> map("unparsed/unknown-state.json")).hasMessageContaining("NewStateValue is 'PENDING'")
                .extracting(e -> ((AlarmParseException) e).reason()).isEqualTo(AlarmParseException.INVALID_ALARM);
        assertThatThrownBy(() -> map("unparsed/sns-text-message.json"))
                .hasMessageContaining("SNS notification's Message (topic arn:aws:sns:us-east-1:123456789012:t) is not JSON");
        assertThatThrownBy(() -> map("unparsed/email-text.txt"))
                .extracting(e -> ((AlarmParseException) e).reason()).isEqualTo(AlarmParseException.MALFORMED_JSON);
        assertThatThrownBy(() -> mapper.map("[1,2]", ORIGIN)).hasMessageContaining("not an object");
    }

    @Test
    void oversizedBodyIsRefusedBeforeParsing() {
        CloudWatchAlarmMapper small = new CloudWatchAlarmMapper(AlarmMappingSettings.of("severity", "", "major",
                "alert", "warning", 2048));
        assertThatThrownBy(() -> small.map("{\"AlarmName\":\"" + "x".repeat(3000) + "\"}", ORIGIN))
                .hasMessageContaining("over maxBodyBytes (2048)")
                .extracting(e -> ((AlarmParseException) e).reason()).isEqualTo(AlarmParseException.TOO_LARGE);
    }

    @Test
    void badSettingsNameTheParameter() {
        assertThatThrownBy(() -> AlarmMappingSettings.of("severity", "^(P[1-5])-", "major", "alert", "warning", 65536))
                .hasMessageContaining("has no group named severity");
        assertThatThrownBy(() -> AlarmMappingSettings.of("severity", "", "urgent", "alert", "warning", 65536))
                .hasMessageContaining("defaultSeverity: unknown severity 'urgent'");
        assertThatThrownBy(() -> AlarmMappingSettings.of("severity", "", "major", "page", "warning", 65536))
                .hasMessageContaining("insufficientData 'page'");
        assertThat(Pattern.compile(AlarmMappingSettings.DEFAULT_NAME_PATTERN, Pattern.CASE_INSENSITIVE)
                .matcher("[critical] db down").find()).isTrue();
    }

    @Test
    void localStackNotificationWithItsOwnRegionSpellingMapsLikeAws() throws Exception {
        // what CloudWatchLocalStackIT and the Docker Compose stack receive: Region written "Us east 1",
        // "Unit": null, millisecond UTC times; the region comes from the alarm ARN
        MappedAlarm m = map("localstack-sns-envelope-alb-alarm.json");
        assertThat(m.account()).isEqualTo("000000000000");
        // leaving INSUFFICIENT_DATA (the state of a new alarm) also resolves that condition
        assertThat(m.alerts()).extracting(Alert::dedupKey).containsExactlyInAnyOrder(
                "aws/000000000000/us-east-1/orders-api-5xx", "aws/000000000000/us-east-1/orders-api-5xx/insufficient-data");
        Alert a = m.alerts().stream().filter(x -> x.status() == Status.FIRING).findFirst().orElseThrow();
        assertThat(a.severity()).isEqualTo(Severity.MAJOR);
        assertThat(a.layer()).isEqualTo(Layer.CLOUD);
        assertThat(a.resource()).isEqualTo("app/orders/0123456789abcdef");
        assertThat(a.dedupKey()).isEqualTo("aws/000000000000/us-east-1/orders-api-5xx");
        assertThat(a.summary()).isEqualTo("orders-api-5xx (app/orders/0123456789abcdef, us-east-1) in ALARM: "
                + "Threshold Crossed: 1 datapoint [12.0] was greater than the threshold (5.0).");
        assertThat(a.links()).singleElement().satisfies(l -> assertThat(l.href()).isEqualTo(
                "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/orders-api-5xx"));
        assertThat(a.source().sourceTime()).isEqualTo(Instant.parse("2026-12-03T19:41:15.503Z"));
        assertThat(aws(a)).containsEntry("format", "sns")
                .containsEntry("snsTopicArn", "arn:aws:sns:us-east-1:000000000000:mimamori-cloudwatch-alarms");
        String ok = payload("localstack-sns-envelope-alb-alarm.json")
                .replace("\\\"OldStateValue\\\": \\\"INSUFFICIENT_DATA\\\"", "\\\"OldStateValue\\\": \\\"ALARM\\\"")
                .replace("\\\"NewStateValue\\\": \\\"ALARM\\\"", "\\\"NewStateValue\\\": \\\"OK\\\"");
        assertThat(ok).contains("\\\"OldStateValue\\\": \\\"ALARM\\\"", "\\\"NewStateValue\\\": \\\"OK\\\"");
        assertThat(mapper.map(ok, ORIGIN).alerts()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.RESOLVED);
            assertThat(r.dedupKey()).isEqualTo(a.dedupKey());
        });
    }
}
