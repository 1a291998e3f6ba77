package io.mimamori.connector.cloudwatch.internal.ruletest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.ruletest.FileResult;
import io.mimamori.ruletest.RuleTestRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cloudwatch:} cases as {@code mimamori test-rules} runs them, with the decoders found on the class path. */
class CloudWatchRuleTestDecoderTest {
    @TempDir
    Path dir;

    /** {@code config/rules/cloudwatch} of the repository, found upwards from the working directory. */
    static Path shippedPack() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("config/rules/cloudwatch");
            if (Files.isDirectory(candidate.resolve("tests"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("config/rules/cloudwatch not found above " + Path.of("").toAbsolutePath());
    }

    private Path file(String yaml) throws Exception {
        Path tests = Files.createDirectories(dir.resolve("cloudwatch/tests"));
        return Files.writeString(tests.resolve("case.test.yaml"), yaml);
    }

    @Test
    void theShippedCloudWatchCasesPass() {
        Path file = shippedPack().resolve("tests/cloudwatch-alarms.test.yaml");

        FileResult result = RuleTestRunner.withInstalledDecoders(null).run(file);

        assertThat(result.errors()).as("%s cannot be run", file).isEmpty();
        assertThat(result.failures()).as("failed cases in %s", file).isEmpty();
        assertThat(result.cases()).isEqualTo(18);
    }

    @Test
    void aWrongExpectationFailsWithTheDifference() throws Exception {
        Path file = file("""
                tests:
                  - name: tagged critical
                    cloudwatch: { AlarmName: db-free-storage, AWSAccountId: '123456789012', NewStateValue: ALARM,
                                  Region: US East (N. Virginia), AlarmTags: { severity: critical } }
                    expect: { severity: major, format: eventbridge }
                  - name: ALARM then OK
                    steps:
                      - { at: 0s, cloudwatch: { AlarmName: x, AWSAccountId: '123456789012', NewStateValue: ALARM, Region: US East (N. Virginia) } }
                      - { at: 2m, cloudwatch: { AlarmName: x, AWSAccountId: '123456789012', NewStateValue: OK, Region: US East (N. Virginia) } }
                    expect:
                      - { at: 0s, status: firing }
                      - { at: 2m, status: firing }
                """);

        FileResult result = RuleTestRunner.withInstalledDecoders(null).run(file);

        assertThat(result.errors()).isEmpty();
        assertThat(result.failures()).containsExactly(
                file + ":2: case 'tagged critical': severity: expected 'major', actual 'critical'",
                file + ":2: case 'tagged critical': format: expected 'eventbridge', actual 'raw'",
                file + ":6: case 'ALARM then OK': notifications differ\n"
                        + "    expected:\n"
                        + "      1. {at: 0s, status: firing}\n"
                        + "      2. {at: 2m, status: firing}\n"
                        + "    actual:\n"
                        + "      1. {at: 0s, status: firing, event: x}\n"
                        + "      2. {at: 2m, status: resolved, event: x}\n"
                        + "    #2 status: expected 'firing', actual 'resolved'");
    }

    @Test
    void badInputsAndParametersSayWhatToChange() throws Exception {
        Path file = file("""
                tests:
                  - name: not an alarm
                    cloudwatch: '{"hello": "world"}'
                    expect: none
                  - name: broken JSON
                    cloudwatch: '{"AlarmName": '
                    expect: none
                  - name: a list
                    cloudwatch: [1, 2]
                    expect: none
                  - name: misspelt parameter
                    parameters: { severityTags: Priority }
                    cloudwatch: { AlarmName: x, AWSAccountId: '123456789012', NewStateValue: ALARM }
                    expect: none
                  - name: bad severity
                    parameters: { defaultSeverity: urgent }
                    cloudwatch: { AlarmName: x, AWSAccountId: '123456789012', NewStateValue: ALARM }
                    expect: none
                """);

        FileResult result = RuleTestRunner.withInstalledDecoders(null).run(file);

        assertThat(result.failures()).hasSize(5);
        assertThat(result.failures().get(0)).isEqualTo(file + ":2: case 'not an alarm': cloudwatch: not_an_alarm: JSON"
                + " object with neither an SNS envelope (Type, TopicArn), an alarm (AlarmName) nor an EventBridge event"
                + " (detail-type); top-level fields: hello (the sources would quarantine it)");
        assertThat(result.failures().get(1)).startsWith(file + ":5: case 'broken JSON': cloudwatch: malformed_json:"
                + " message body is not JSON");
        assertThat(result.failures().get(2)).startsWith(file + ":8: case 'a list': cloudwatch: expected an alarm"
                + " notification as a map or a JSON string");
        assertThat(result.failures().get(3)).isEqualTo(file + ":11: case 'misspelt parameter': parameters: unknown"
                + " key 'severityTags' at line 12; known: severityTag, severityNamePattern, defaultSeverity,"
                + " insufficientData, insufficientDataSeverity (did you mean 'severityTag'?)");
        assertThat(result.failures().get(4)).isEqualTo(file + ":15: case 'bad severity': parameters: defaultSeverity:"
                + " unknown severity 'urgent': use one of critical, major, minor, warning, info");
    }
}
