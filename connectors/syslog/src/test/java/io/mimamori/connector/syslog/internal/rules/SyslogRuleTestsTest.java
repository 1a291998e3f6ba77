package io.mimamori.connector.syslog.internal.rules;

import static io.mimamori.connector.syslog.internal.rules.RuleFixtures.ruleDir;
import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.connector.syslog.SyslogMessage;
import io.mimamori.connector.syslog.internal.parse.SyslogParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyslogRuleTestsTest {

    private static final SyslogParser PARSER = new SyslogParser(ZoneOffset.UTC,
            Clock.fixed(Instant.parse("2025-11-25T00:00:00Z"), ZoneOffset.UTC));
    private static final Function<String, SyslogMessage> PARSE = line -> {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return PARSER.parse(bytes, 0, bytes.length);
    };
    private static final String RULES = """
            rules:
              - id: md-raid-degraded
                match: { appName: kernel, message: 'md/raid\\d*:(?<array>md\\d+): Disk failure on (?<disk>\\S+?),' }
                alert:
                  severity: major
                  layer: hardware
                  resource: '${host}/${array}'
                  dedupKey: 'md-raid/${host}/${array}'
                  labels: { array: '${array}', disk: '${disk}' }
                  runbook: 'https://runbooks.example/md'
                clears:
                  - match: { appName: kernel, message: 'md: (?<array>md\\d+): recovery done' }
              - id: untested
                match: { message: never seen }
                alert: { layer: os }
            """;

    @TempDir
    Path tmp;

    private SyslogRuleTests.Report run(String tests) {
        Path rules = ruleDir(tmp, "rules.yaml", RULES);
        Path testFile = ruleDir(tmp, "md.test.yaml", tests).resolve("md.test.yaml");
        return new SyslogRuleTests(PARSE).run(rules, List.of(testFile));
    }

    @Test
    void passingCasesReportNoFailuresAndListWhatNoCaseCovers() {
        SyslogRuleTests.Report report = run("""
                tests:
                  - name: md raid1 member failure
                    input: '<2>Nov 24 05:10:00 db1 kernel: [12345.678901] md/raid1:md0: Disk failure on sdb1, disabling device.'
                    expect: { status: firing, event: md-raid-degraded, severity: major, sourceSeverity: crit, layer: hardware, resource: db1/md0, host: db1, ip: 192.0.2.10, dedupKey: md-raid/db1/md0, labels: { disk: sdb1 }, runbook: 'https://runbooks.example/md', rule: md-raid-degraded }
                  - name: an ordinary line is not an alert
                    input: '<30>Nov 24 05:10:00 web1 systemd[1]: Started Session 5 of user root.'
                    expect: none
                """);
        assertThat(report.failures()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.cases()).isEqualTo(2);
        assertThat(report.uncovered()).containsExactly(
                "rule md-raid-degraded clear #1 has no test case that resolves",
                "rule untested has no test case that fires");
    }

    @Test
    void eachMismatchIsOneReadableLine() {
        SyslogRuleTests.Report report = run("""
                tests:
                  - name: wrong array
                    peer: '198.51.100.9:5140'
                    input: '<2>Nov 24 05:10:00 db1 kernel: md/raid1:md0: Disk failure on sdb1, disabling device.'
                    expect: { dedupKey: md-raid/db1/md1, labels: { array: md1 }, ip: 198.51.100.9, timeoutSeconds: 60 }
                  - name: recovery
                    input: '<6>Nov 24 05:30:00 db1 kernel: md: md0: recovery done.'
                    expect: none
                  - name: ordinary
                    input: '<30>Nov 24 05:10:00 web1 systemd[1]: Started Session 5 of user root.'
                    expect: { status: firing, sevrity: major }
                  - name: no expectation
                    input: 'x'
                """);
        assertThat(report.failures()).hasSize(7);
        assertThat(report.failures().get(0)).endsWith(
                "md.test.yaml:2: case 'wrong array': dedupKey: expected 'md-raid/db1/md1', actual 'md-raid/db1/md0'");
        assertThat(report.failures().get(1)).endsWith(
                "md.test.yaml:2: case 'wrong array': labels.array: expected 'md1', actual 'md0'");
        assertThat(report.failures().get(2)).endsWith(
                "md.test.yaml:2: case 'wrong array': timeoutSeconds: expected '60', actual (none)");
        assertThat(report.failures().get(3)).endsWith("md.test.yaml:6: case 'recovery': expected no alert, got"
                + " resolved md-raid-degraded from rule md-raid-degraded clear #1 (dedupKey 'md-raid/db1/md0')");
        assertThat(report.failures().get(4)).endsWith("md.test.yaml:11: unknown key 'sevrity' in expect; known:"
                + " status, event, severity, sourceSeverity, layer, resource, host, ip, summary, dedupKey,"
                + " timeoutSeconds, labels, runbook, rule (did you mean 'severity'?)");
        assertThat(report.failures().get(5)).endsWith("md.test.yaml:9: case 'ordinary': expected an alert, got none"
                + " (no rule matched)");
        assertThat(report.failures().get(6)).endsWith("md.test.yaml:12: case 'no expectation': needs 'input:'"
                + " (a raw syslog frame) and 'expect:' (fields, or none)");
    }

    @Test
    void invalidRulesFailTheRunWithTheirProblems() {
        Path rules = ruleDir(tmp, "bad.yaml", "rules:\n  - id: x\n    match: { message: '(' }\n    alert: { layer: os }\n");
        Path testFile = ruleDir(tmp, "t.test.yaml", "tests: []\n").resolve("t.test.yaml");
        List<String> failures = new SyslogRuleTests(PARSE).run(rules, testFile);
        assertThat(failures).singleElement().asString().contains("bad.yaml:3: invalid regex in match.message");
    }

    @Test
    void testFilesAreTheTestYamlFilesInNameOrder() {
        Path dir = ruleDir(tmp, "b.test.yaml", "tests: []\n", "a.test.yaml", "tests: []\n", "notes.yaml", "x: 1\n");
        assertThat(SyslogRuleTests.testFiles(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("a.test.yaml", "b.test.yaml");
    }
}
