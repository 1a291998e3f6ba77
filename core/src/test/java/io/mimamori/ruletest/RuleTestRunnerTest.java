package io.mimamori.ruletest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator sees from a rule test file: passes, one line per mismatch, file:line for what cannot run. */
class RuleTestRunnerTest {
    @TempDir
    Path tmp;

    private final FakeDecoder decoder = new FakeDecoder();
    private Path rules;

    @BeforeEach
    void rulePack() throws IOException {
        rules = Files.createDirectories(tmp.resolve("rules/fake"));
        Files.writeString(rules.resolve("events.txt"), "fan-failure\ndisk-error\nlink-down\n");
    }

    private Path testFile(String name, String text) throws IOException {
        Path file = Files.createDirectories(rules.resolve("tests")).resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private FileResult run(String text) throws IOException {
        return new RuleTestRunner(List.of(decoder), null).run(testFile("t.test.yaml", text));
    }

    @Test
    void singleInputCasesPassWhenTheListedFieldsMatch() throws IOException {
        FileResult result = run("""
                tests:
                  - name: fan failure
                    line: firing fan-failure fan1
                    origin: bmc
                    expect: { status: firing, event: fan-failure, severity: major, layer: hardware, dedupKey: fan-failure/fan1, labels: { origin: bmc }, rule: fan-failure, alerts: 1 }
                  - name: an unknown event makes no alert
                    line: firing cpu-hot cpu0
                    expect: none
                """);
        assertThat(result.failures()).isEmpty();
        assertThat(result.errors()).isEmpty();
        assertThat(result.cases()).isEqualTo(2);
        assertThat(result.exitCode()).isZero();
        assertThat(decoder.loadedFrom).as("the rules are the test file's parent's parent, loaded once")
                .containsExactly(rules.toAbsolutePath().normalize());
    }

    @Test
    void eachMismatchIsOneLineWithFileLineCaseFieldExpectedAndActual() throws IOException {
        FileResult result = run("""
                tests:
                  - name: wrong key
                    line: firing fan-failure fan1
                    expect: { dedupKey: fan/fan1, labels: { origin: bmc }, timeoutSeconds: 60 }
                  - name: should be quiet
                    line: resolved disk-error sda
                    expect: none
                  - name: should alert
                    line: firing cpu-hot cpu0
                    expect: { status: firing, sevrity: major }
                  - name: no input
                    expect: none
                """);
        String file = rules.resolve("tests/t.test.yaml").toString();
        assertThat(result.exitCode()).isEqualTo(FileResult.FAILED);
        assertThat(result.failures()).containsExactly(
                file + ":2: case 'wrong key': dedupKey: expected 'fan/fan1', actual 'fan-failure/fan1'",
                file + ":2: case 'wrong key': labels.origin: expected 'bmc', actual 'test'",
                file + ":2: case 'wrong key': timeoutSeconds: expected '60', actual (none)",
                file + ":5: case 'should be quiet': expected no alert, got resolved disk-error from rule disk-error"
                        + " (dedupKey 'disk-error/sda')",
                file + ":10: unknown key 'sevrity' in expect; known: status, event, severity, sourceSeverity, layer,"
                        + " resource, host, ip, summary, dedupKey, timeoutSeconds, labels, runbook, rule, alerts"
                        + " (did you mean 'severity'?)",
                file + ":8: case 'should alert': expected an alert, got none (no rule matched)",
                file + ":11: case 'no input': needs an input (line) or 'steps:', and 'expect:' (alert fields, or none)");
    }

    @Test
    void aFileThatIsNotYamlOrHasNoTestsCannotBeRunAndSaysWhere() throws IOException {
        RuleTestRunner runner = new RuleTestRunner(List.of(decoder), null);
        FileResult broken = runner.run(testFile("broken.test.yaml", "tests:\n  - name: x\n    line: [firing\n"));
        FileResult empty = runner.run(testFile("empty.test.yaml", "cases: []\n"));
        FileResult missing = runner.run(rules.resolve("tests/missing.test.yaml"));

        assertThat(broken.exitCode()).isEqualTo(FileResult.UNUSABLE);
        assertThat(broken.errors()).singleElement().asString()
                .startsWith(rules.resolve("tests/broken.test.yaml") + ":4: not valid YAML");
        assertThat(empty.errors()).containsExactly(
                rules.resolve("tests/empty.test.yaml") + ":1: a test file holds 'tests:' with a list of cases");
        assertThat(missing.errors()).singleElement().asString()
                .startsWith(rules.resolve("tests/missing.test.yaml") + ": cannot read");
    }

    @Test
    void rulesThatCannotBeLoadedStopTheFileAndAnotherDirectoryCanBeGiven() throws IOException {
        Path other = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(other.resolve("events.txt"), "cpu-hot\n");
        Path file = testFile("t.test.yaml", """
                tests:
                  - line: firing cpu-hot cpu0
                    expect: { event: cpu-hot }
                """);
        FileResult withOwnRules = new RuleTestRunner(List.of(decoder), other).run(file);
        assertThat(withOwnRules.passed()).isTrue();

        FileResult noRules = new RuleTestRunner(List.of(decoder), tmp.resolve("nowhere")).run(file);
        assertThat(noRules.exitCode()).isEqualTo(FileResult.UNUSABLE);
        assertThat(noRules.errors()).containsExactly(file + ": the rules in " + tmp.resolve("nowhere")
                + " for its 'line:' cases cannot be loaded (wrong directory? give --rules DIR):",
                tmp.resolve("nowhere/events.txt") + ": cannot read");
    }

    @Test
    void stepsRunThroughTheLifecycleAndTimeoutsFireWhenDueNotAtTheNextStep() throws IOException {
        FileResult result = run("""
                tests:
                  - name: repeated, then auto-resolved
                    steps:
                      - { at: 0s, line: firing disk-error sda timeout=600 }
                      - { at: 90s, line: firing disk-error sda timeout=600 }
                      - { at: 3m, line: firing disk-error sda timeout=600 }
                      - at: 2h
                    expect:
                      - { at: 0s, status: firing, event: disk-error, occurrences: 1 }
                      - { at: 13m, status: resolved, occurrences: 3, lifecycle: 'auto-resolved: no repeat within 600 s' }
                  - name: a clear resolves and the next problem is news again
                    steps:
                      - { at: 0s, line: firing fan-failure fan1 }
                      - { at: 1m, line: resolved fan-failure fan1 }
                      - { at: 1h, line: firing fan-failure fan1 }
                    expect:
                      - { at: 0s, status: firing }
                      - { at: 1m, status: resolved }
                      - { at: 1h, status: firing, occurrences: 1 }
                """);
        assertThat(result.failures()).isEmpty();
        assertThat(result.cases()).isEqualTo(2);
    }

    @Test
    void aFailedStepCaseShowsBothNotificationListsAndEachDifference() throws IOException {
        FileResult result = run("""
                tests:
                  - name: link flaps
                    steps:
                      - { at: 0s, line: firing link-down eth0 }
                      - { at: 1m, line: resolved link-down eth0 }
                    expect:
                      - { at: 0s, status: firing, occurrences: 1 }
                      - { at: 2m, status: resolved }
                      - { at: 3m, status: firing }
                """);
        assertThat(result.failures()).containsExactly(rules.resolve("tests/t.test.yaml") + ":2: case 'link flaps':"
                + " notifications differ\n"
                + "    expected:\n"
                + "      1. {at: 0s, status: firing, occurrences: 1}\n"
                + "      2. {at: 2m, status: resolved}\n"
                + "      3. {at: 3m, status: firing}\n"
                + "    actual:\n"
                + "      1. {at: 0s, status: firing, event: link-down, occurrences: 1}\n"
                + "      2. {at: 1m, status: resolved, event: link-down, occurrences: 1}\n"
                + "    #2 at: expected '2m', actual '1m'\n"
                + "    #3: expected {at: 3m, status: firing}, got none");
    }

    @Test
    void theFilesLifecycleSettingsReplaceTheHubDefaults() throws IOException {
        String steps = """
                  - name: flapping
                    steps:
                      - { at: 0s, line: firing link-down eth0 }
                      - { at: 1m, line: resolved link-down eth0 }
                      - { at: 2m, line: firing link-down eth0 }
                      - at: 1h
                    expect:
                      - { at: 0s, status: firing }
                      - { at: 12m, status: firing, lifecycle: settled after flapping }
                """;
        FileResult strict = run("lifecycle: { flapChanges: 2, flapWindow: 5m, flapStableFor: 10m }\ntests:\n" + steps);
        FileResult defaults = run("tests:\n" + steps);

        assertThat(strict.failures()).isEmpty();
        assertThat(defaults.failures()).singleElement().asString()
                .contains("      2. {at: 1m, status: resolved, event: link-down, lifecycle: (none)}\n"
                        + "      3. {at: 2m, status: firing, event: link-down, lifecycle: (none)}\n");
    }

    @Test
    void badStepsAndSettingsSayWhatToChange() throws IOException {
        FileResult result = run("""
                tests:
                  - name: backwards
                    steps:
                      - { at: 5m, line: firing fan-failure fan1 }
                      - { at: 1m, line: resolved fan-failure fan1 }
                    expect: []
                  - name: typo
                    steps:
                      - { at: 0s, lne: firing fan-failure fan1 }
                    expect: []
                  - name: bad offset
                    steps:
                      - { at: soon }
                    expect: none
                  - name: bad input
                    steps:
                      - { at: 0s, line: firing }
                    expect: none
                """);
        String file = rules.resolve("tests/t.test.yaml").toString();
        assertThat(result.failures()).containsExactly(
                file + ":2: case 'backwards': step at line 5: at: 1m is before the previous step (5m);"
                        + " list steps in time order",
                file + ":9: unknown key 'lne' in a step; known: at, line (did you mean 'line'?)",
                file + ":11: case 'bad offset': step at line 13: at: 'soon' is not a time offset:"
                        + " use e.g. 0s, 90s, 10m, 1h30m",
                file + ":15: case 'bad input': step at line 17: line: expected 'firing|resolved EVENT RESOURCE'");

        FileResult settings = run("lifecycle: { flapChanges: 1, flapWindw: 5m }\ntests: []\n");
        assertThat(settings.exitCode()).isEqualTo(FileResult.UNUSABLE);
        assertThat(settings.errors()).containsExactly(rules.resolve("tests/t.test.yaml") + ":1: unknown key"
                + " 'flapWindw' in lifecycle; known: renotifyEvery, earlyClearGrace, flapChanges, flapWindow,"
                + " flapStableFor (did you mean 'flapWindow'?)");
    }

    @Test
    void offsetsReadAndPrintTheWayTestFilesWriteThem() {
        assertThat(Offsets.parse("0s")).isZero();
        assertThat(Offsets.parse("1h30m")).isEqualTo(5_400_000);
        assertThat(Offsets.parse("90s")).isEqualTo(90_000);
        assertThat(Offsets.format(90_000)).isEqualTo("1m30s");
        assertThat(Offsets.format(3_720_000)).isEqualTo("1h2m");
        assertThat(Offsets.format(86_400_500)).isEqualTo("1d500ms");
    }
}
