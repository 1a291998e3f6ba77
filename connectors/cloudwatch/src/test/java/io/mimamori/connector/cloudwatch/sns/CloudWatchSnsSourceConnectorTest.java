package io.mimamori.connector.cloudwatch.sns;

import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.config.ConfigProblem;
import io.mimamori.spi.Connector;
import io.mimamori.spi.ParameterSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** What the hub lists and validates for {@code cloudwatch-sns-source}. */
class CloudWatchSnsSourceConnectorTest {

    private static Connector connector() {
        return ServiceLoader.load(Connector.class).stream().map(ServiceLoader.Provider::get)
                .filter(c -> c.name().equals("cloudwatch-sns-source")).findFirst().orElseThrow();
    }

    /** A use with the kamelet's defaults applied, as the hub's validator passes it. */
    private static Map<String, String> use(String... overrides) {
        Map<String, String> p = new HashMap<>();
        for (ParameterSpec spec : connector().parameters()) {
            if (spec.defaultValue() != null) {
                p.put(spec.name(), spec.defaultValue());
            }
        }
        p.put("path", "/aws/sns/cloudwatch");
        p.put("allowedTopicArns", "arn:aws:sns:us-east-1:123456789012:cloudwatch-alarms");
        for (int i = 0; i < overrides.length; i += 2) {
            p.put(overrides[i], overrides[i + 1]);
        }
        return p;
    }

    @Test
    void itIsFoundAsASourceWithDocumentedParameters() {
        Connector c = connector();

        assertThat(c.kind()).isEqualTo(Connector.Kind.SOURCE);
        assertThat(c.description()).contains("SNS");
        assertThat(c.parameters()).extracting(ParameterSpec::name).contains("name", "path", "allowedTopicArns",
                "signingCertHostPattern", "trustedCaFile", "maxMessageAgeSeconds", "maxBodySize", "certCacheSize",
                "fetchTimeoutSeconds");
        assertThat(c.parameters()).filteredOn(ParameterSpec::required).extracting(ParameterSpec::name)
                .containsExactlyInAnyOrder("path", "allowedTopicArns");
        for (ParameterSpec p : c.parameters()) {
            assertThat(p.title()).as(p.name()).isNotBlank();
            assertThat(p.description()).as(p.name()).isNotBlank();
            assertThat(p.check(p.defaultValue())).as(p.name()).isNull();
        }
    }

    @Test
    void aSensibleUseHasNoProblems() {
        assertThat(connector().checkUse(use())).isEmpty();
    }

    @Test
    void mistakesAreReportedWithTheParameterToFix() {
        assertThat(messages(use("allowedTopicArns", ""))).singleElement().asString()
                .contains("allowedTopicArns is empty");
        assertThat(messages(use("path", "aws/sns"))).singleElement().asString().contains("path 'aws/sns'");
        assertThat(messages(use("signingCertHostPattern", "*.amazonaws.com"))).singleElement().asString()
                .contains("signingCertHostPattern");
        assertThat(messages(use("trustedCaFile", "/nonexistent/ca.pem"))).singleElement().asString()
                .contains("trustedCaFile: cannot read /nonexistent/ca.pem");
        assertThat(messages(use("maxBodySize", "lots"))).singleElement().asString().contains("maxBodySize");
    }

    @Test
    void signingCertNameDefaultsToSnsOwnNamesAndAMistakeNamesIt() {
        assertThat(connector().parameters()).filteredOn(p -> p.name().equals("signingCertName")).singleElement()
                .satisfies(p -> assertThat(p.defaultValue()).isEqualTo("aws"));
        assertThat(connector().checkUse(use("signingCertName", "aws,sns-local.{region}.example.internal"))).isEmpty();
        assertThat(messages(use("signingCertName", "*.amazonaws.com"))).singleElement().asString()
                .isEqualTo("cloudwatch-sns-source 'sns': signingCertName: '*.amazonaws.com' is not a host name such as"
                        + " sns.amazonaws.com or sns-signing.{region}.example.internal ({region} is the topic's"
                        + " region), nor 'aws' (the names AWS SNS signs with)");
    }

    private static List<String> messages(Map<String, String> use) {
        return connector().checkUse(use).stream().map(ConfigProblem::toString).toList();
    }
}
