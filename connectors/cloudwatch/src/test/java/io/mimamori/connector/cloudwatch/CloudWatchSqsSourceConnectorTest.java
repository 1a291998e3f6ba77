package io.mimamori.connector.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mimamori.spi.Connector;
import io.mimamori.spi.ParameterSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;

class CloudWatchSqsSourceConnectorTest {
    @Test
    void isFoundThroughTheServiceLoaderWithItsKameletParameters() {
        Connector c = ServiceLoader.load(Connector.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals("cloudwatch-sqs-source")).findFirst().orElseThrow();
        assertThat(c.kind()).isEqualTo(Connector.Kind.SOURCE);
        assertThat(c.description()).startsWith("Reads CloudWatch alarm state changes from an SQS queue");
        assertThat(c.parameters()).extracting(ParameterSpec::name).contains("queue", "region", "endpointOverride",
                "profile", "waitTimeSeconds", "maxMessagesPerPoll", "concurrentConsumers", "visibilityTimeout",
                "quarantineDir", "severityTag", "severityNamePattern", "defaultSeverity", "insufficientData");
        assertThat(c.parameters()).filteredOn(ParameterSpec::required).extracting(ParameterSpec::name)
                .containsExactly("queue");
        assertThat(c.parameters()).filteredOn(ParameterSpec::secret).extracting(ParameterSpec::name)
                .containsExactlyInAnyOrder("accessKey", "secretKey");
        ParameterSpec pattern = c.parameters().stream().filter(p -> p.name().equals("severityNamePattern"))
                .findFirst().orElseThrow();
        assertThat(pattern.defaultValue()).isEqualTo(AlarmMappingSettings.DEFAULT_NAME_PATTERN);
        assertThat(c.parameters()).filteredOn(p -> p.name().equals("maxMessagesPerPoll")).singleElement()
                .satisfies(p -> assertThat(p.defaultValue()).isEqualTo("10"));
    }

    @Test
    void checkUseNamesTheBadParameter() {
        Map<String, String> p = new HashMap<>(Map.of("name", "cw", "queue", "alarms"));
        assertThat(new CloudWatchSqsSourceConnector().checkUse(p)).isEmpty();
        p.put("severityNamePattern", "^(P[1-5])-");
        assertThat(new CloudWatchSqsSourceConnector().checkUse(p)).singleElement().satisfies(x -> assertThat(x.toString())
                .isEqualTo("cloudwatch-sqs-source 'cw': severityNamePattern '^(P[1-5])-' has no group named severity: "
                        + "write (?<severity>...) around the part that names it"));
    }

    @Test
    void endpointSettingsOutsideTheirRangeFailStartUpNamingTheParameter() throws Exception {
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            assertThatThrownBy(() -> ctx.getEndpoint("mimamori-cloudwatch-sqs:cw?queue=alarms&maxMessagesPerPoll=11",
                    CloudWatchSqsEndpoint.class).validate()).hasMessage("cloudwatch-sqs-source 'cw': maxMessagesPerPoll 11 "
                    + "must be 1 to 10 (the SQS limit)");
            assertThatThrownBy(() -> ctx.getEndpoint("mimamori-cloudwatch-sqs:cw?queue=alarms&waitTimeSeconds=30",
                    CloudWatchSqsEndpoint.class).validate()).hasMessageContaining("waitTimeSeconds 30 must be 0 to 20");
            assertThatThrownBy(() -> ctx.getEndpoint("mimamori-cloudwatch-sqs:cw", CloudWatchSqsEndpoint.class).validate())
                    .hasMessageStartingWith("cloudwatch-sqs-source 'cw': queue is required");
            assertThatThrownBy(() -> ctx.getEndpoint("mimamori-cloudwatch-sqs:cw?queue=alarms&defaultSeverity=urgent",
                    CloudWatchSqsEndpoint.class).validate())
                    .hasMessageStartingWith("cloudwatch-sqs-source 'cw': defaultSeverity: unknown severity 'urgent'");
        }
    }

    @Test
    void theNamePatternSurvivesTheKameletUriAsWritten() throws Exception {
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            // the kamelet template passes it as RAW({{?severityNamePattern}})
            CloudWatchSqsEndpoint e = ctx.getEndpoint("mimamori-cloudwatch-sqs:cw?queue=alarms&severityNamePattern=RAW("
                    + AlarmMappingSettings.DEFAULT_NAME_PATTERN + ")&defaultSeverity=minor", CloudWatchSqsEndpoint.class);
            assertThat(e.getSeverityNamePattern()).isEqualTo(AlarmMappingSettings.DEFAULT_NAME_PATTERN);
            assertThat(e.getDefaultSeverity()).isEqualTo("minor");
        }
    }

    @Test
    void staticKeysAreMaskedWhereCamelLogsEndpoints() {
        String uri = "mimamori-cloudwatch-sqs:cw?queue=alarms&accessKey=AKIAIOSFODNN7EXAMPLE"
                + "&secretKey=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        assertThat(URISupport.sanitizeUri(uri)).doesNotContain("AKIAIOSFODNN7EXAMPLE")
                .doesNotContain("wJalrXUtnFEMI").contains("queue=alarms");
    }
}
