package io.mimamori.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mimamori test-rules} as an operator runs it, with the connectors' decoders found on the class path. */
class TestRulesCommandTest {
    private static final Path RULES = Path.of("..", "config", "rules").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run testRules(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Mimamori.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("test-rules"));
        all.addAll(args);
        int code = cl.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    static List<String> shippedTestFiles() throws IOException {
        List<String> files = new ArrayList<>();
        for (String kind : List.of("syslog", "snmp", "cloudwatch")) {
            try (Stream<Path> s = Files.list(RULES.resolve(kind).resolve("tests"))) {
                s.filter(p -> p.toString().endsWith(".test.yaml")).sorted().forEach(p -> files.add(p.toString()));
            }
        }
        return files;
    }

    @Test
    void everyShippedTestFilePasses() throws IOException {
        List<String> files = shippedTestFiles();
        Run run = testRules(files);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out().lines().filter(l -> l.startsWith("PASS "))).hasSize(files.size());
        assertThat(run.out()).contains("PASS " + RULES.resolve("syslog/tests/lifecycle.test.yaml") + " (3 cases)")
                .contains("PASS " + RULES.resolve("snmp/tests/if-mib-lifecycle.test.yaml") + " (5 cases)")
                .contains("PASS " + RULES.resolve("cloudwatch/tests/cloudwatch-alarms.test.yaml") + " (18 cases)")
                .containsPattern(files.size() + " file\\(s\\), [0-9]+ case\\(s\\): all passed");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aFailingCasePrintsTheDifferenceAndExitsOne() throws IOException {
        Path file = Files.writeString(tmp.resolve("raid.test.yaml"), """
                tests:
                  - name: recovery resolves the degraded array
                    steps:
                      - { at: 0s, input: '<2>Nov 24 05:10:00 db1 kernel: md/raid1:md0: Disk failure on sdb1, disabling device.' }
                      - { at: 10m, input: '<6>Nov 24 05:20:00 db1 kernel: md: md0: recovery done.' }
                    expect:
                      - { at: 0s, status: firing, event: md-raid-degraded }
                      - { at: 10m, status: firing }
                  - name: wrong key
                    input: '<2>Nov 24 05:10:00 db1 kernel: md/raid1:md0: Disk failure on sdb1, disabling device.'
                    expect: { dedupKey: md-raid/db1/md1 }
                """);
        Run run = testRules(List.of("--rules", RULES.resolve("syslog").toString(), file.toString()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL " + file + " (2 cases, 2 failures)")
                .contains(file + ":2: case 'recovery resolves the degraded array': notifications differ")
                .contains("      2. {at: 10m, status: resolved, event: md-raid-degraded}")
                .contains("    #2 status: expected 'firing', actual 'resolved'")
                .contains(file + ":9: case 'wrong key': dedupKey: expected 'md-raid/db1/md1', actual 'md-raid/db1/md0'")
                .contains("1 file(s), 2 case(s): 1 file(s) failed, 0 could not be run");
    }

    @Test
    void aFailingCloudWatchCasePrintsTheDifference() throws IOException {
        Path file = Files.writeString(tmp.resolve("alarms.test.yaml"), """
                tests:
                  - name: a P1 alarm pages
                    cloudwatch:
                      Type: Notification
                      TopicArn: arn:aws:sns:ap-northeast-1:111122223333:alarms
                      Message: { AlarmName: P1-orders-api-down, AWSAccountId: '111122223333', NewStateValue: ALARM,
                                 Region: Asia Pacific (Tokyo), AlarmTags: { severity: warning } }
                    expect: { severity: critical, dedupKey: aws/111122223333/ap-northeast-1/P1-orders-api-down }
                """);
        Run run = testRules(List.of(file.toString()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL " + file + " (1 cases, 1 failures)")
                .contains(file + ":2: case 'a P1 alarm pages': severity: expected 'critical', actual 'warning'")
                .contains("1 file(s), 1 case(s): 1 file(s) failed, 0 could not be run");
    }

    @Test
    void aFileThatCannotBeParsedExitsTwoWithFileAndLine() throws IOException {
        Path broken = Files.writeString(tmp.resolve("broken.test.yaml"), "tests:\n  - name: x\n    trap: { oid: [linkDown }\n");
        Run run = testRules(List.of("--rules", RULES.resolve("snmp").toString(), broken.toString(),
                RULES.resolve("snmp/tests/snmpv2-if-mib.test.yaml").toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("ERROR " + broken).contains(broken + ":3: not valid YAML");
        assertThat(run.out()).contains("PASS " + RULES.resolve("snmp/tests/snmpv2-if-mib.test.yaml"))
                .contains("2 file(s), 9 case(s): 0 file(s) failed, 1 could not be run");
    }
}
