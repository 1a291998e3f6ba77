package io.mimamori.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution's {@code bin/mimamori test-rules}, with the connector jars of {@code lib/}. */
class ShippedRuleTestsIT {
    private static final String BIN = HubProcess.DIST.resolve("bin/mimamori").toString();

    @TempDir
    Path tmp;

    @Test
    void theShippedRulePacksPassAndAWrongExpectationFails() throws Exception {
        List<String> command = new ArrayList<>(List.of(BIN, "test-rules"));
        command.addAll(TestRulesCommandTest.shippedTestFiles());
        HubProcess.Result shipped = HubProcess.exec(command);
        assertThat(shipped.exitCode()).as(shipped.output()).isZero();
        assertThat(shipped.output()).contains("if-mib-lifecycle.test.yaml (5 cases)")
                .contains("cloudwatch-alarms.test.yaml (18 cases)").contains("all passed");

        Path wrong = Files.writeString(tmp.resolve("cold.test.yaml"), """
                tests:
                  - name: a cold start resolves itself after its timeout
                    steps:
                      - { at: 0s, trap: { oid: coldStart } }
                      - at: 2h
                    expect:
                      - { at: 0s, status: firing }
                      - { at: 30m, status: resolved }
                """);
        HubProcess.Result failed = HubProcess.exec(List.of(BIN, "test-rules", "--rules",
                HubProcess.REPO.resolve("config/rules/snmp").toString(), wrong.toString()));
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.output()).contains("FAIL " + wrong)
                .contains("#2 at: expected '30m', actual '1h'");
    }
}
