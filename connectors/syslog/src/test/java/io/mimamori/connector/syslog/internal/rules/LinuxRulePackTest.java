package io.mimamori.connector.syslog.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.connector.syslog.SyslogMessage;
import io.mimamori.connector.syslog.internal.parse.SyslogParser;
import io.mimamori.ruletest.FileResult;
import io.mimamori.ruletest.RuleTestRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The shipped Linux rule pack against its test lines, parsed by the real syslog parser. */
class LinuxRulePackTest {

    private static final SyslogParser PARSER = new SyslogParser(ZoneOffset.UTC,
            Clock.fixed(Instant.parse("2025-11-25T00:00:00Z"), ZoneOffset.UTC));
    private static final Function<String, SyslogMessage> PARSE = line -> {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return PARSER.parse(bytes, 0, bytes.length);
    };

    private static Path rulesDir;

    @BeforeAll
    static void findRulePack() {
        rulesDir = shippedRules();
    }

    /** {@code config/rules/syslog} of the repository, found upwards from the working directory. */
    static Path shippedRules() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("config/rules/syslog");
            if (Files.isDirectory(candidate.resolve("tests"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("config/rules/syslog not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void packIsValid() {
        assertThat(SyslogRules.validate(rulesDir)).isEmpty();
        assertThat(SyslogRules.load(rulesDir).size()).isGreaterThanOrEqualTo(30);
    }

    /** Every shipped test file, time-step cases included, as {@code mimamori test-rules} runs it. */
    @TestFactory
    List<DynamicTest> everyTestFilePasses() {
        RuleTestRunner runner = RuleTestRunner.withInstalledDecoders(null);
        return SyslogRuleTests.testFiles(rulesDir.resolve("tests")).stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    FileResult result = runner.run(file);
                    assertThat(result.errors()).as("%s cannot be run", file).isEmpty();
                    assertThat(result.failures()).as("failed cases in %s", file).isEmpty();
                    assertThat(result.cases()).isPositive();
                }))
                .toList();
    }

    /** Coverage of the single-input cases; time-step cases are for the lifecycle and checked above. */
    @Test
    void everyRuleFiresAndEveryClearResolvesInSomeCase() {
        SyslogRuleTests.Report report = new SyslogRuleTests(PARSE)
                .run(rulesDir, SyslogRuleTests.testFiles(rulesDir.resolve("tests")));
        assertThat(report.uncovered()).as("rules and clears without a test case").isEmpty();
        assertThat(report.cases()).isGreaterThan(100);
    }

    @Test
    void everyRuleLinksItsRunbook() {
        for (Entry e : SyslogRules.load(rulesDir).entries()) {
            assertThat(e.rule().runbook()).as(e.describe()).isNotNull();
            assertThat(e.rule().runbook().toString())
                    .isEqualTo("https://runbooks.mimamori.io/linux/" + e.rule().id());
        }
    }
}
