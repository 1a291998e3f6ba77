package io.mimamori.connector.syslog.internal.rules;

import static io.mimamori.connector.syslog.internal.rules.RuleFixtures.ruleDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyslogRulesValidationTest {

    @TempDir
    Path tmp;

    private static Path invalidRules() throws URISyntaxException {
        return Path.of(SyslogRulesValidationTest.class.getResource("/rules/invalid").toURI());
    }

    private static String file(ConfigProblem p) {
        return Path.of(p.file()).getFileName().toString();
    }

    @Test
    void everyProblemOfADirectoryIsReportedWithFileLineAndRemedy() throws Exception {
        List<ConfigProblem> problems = SyslogRules.validate(invalidRules());

        assertThat(problems).extracting(p -> file(p) + ":" + p.line()).containsExactly(
                "10-bad-regex.yaml:5",
                "20-unknown-variable.yaml:7",
                "30-unknown-key.yaml:5",
                "40-duplicate-id.yaml:2",
                "50-missing-layer.yaml:4",
                "60-bad-severity.yaml:4",
                "60-bad-severity.yaml:8",
                "70-yaml-syntax.yaml:5",
                "80-clear-without-key-variable.yaml:8");
        assertThat(problems.get(0).message()).isEqualTo("invalid regex in match.message: Unclosed group at column 22"
                + " of 'md/raid(?<array>md\\d+'; fix the pattern (single-quote regexes in YAML so backslashes stay"
                + " as written)");
        assertThat(problems.get(1).message())
                .startsWith("unknown variable ${dsk} in alert.summary; known: host, ip, appName,")
                .contains("sd.<SD-ID>.<param>, and the named groups of match.message: disk")
                .endsWith("(did you mean ${disk}?)");
        assertThat(problems.get(2).message()).isEqualTo("unknown key 'mesage' in match; known: facility, severity,"
                + " host, appName, msgId, sd, message (did you mean 'message'?)");
        assertThat(problems.get(3).message())
                .startsWith("duplicate rule id 'bad-regex': already defined at ")
                .contains("10-bad-regex.yaml:2");
        assertThat(problems.get(4).message()).isEqualTo("alert.layer is missing: set where the fault sits, one of"
                + " hardware, network, os, middleware, application, cloud, unknown");
        assertThat(problems.get(5).message()).startsWith("unknown syslog severity 'warn1ng' in match.severity;"
                + " use one of emerg, alert, crit, err, warning, notice, info, debug or 0..7");
        assertThat(problems.get(6).message()).isEqualTo("alert.severity: unknown severity 'urgent': use one of"
                + " critical, major, minor, warning, info");
        assertThat(problems.get(7).message()).startsWith("not valid YAML: ").endsWith("fix the syntax at this line");
        assertThat(problems.get(8).message()).isEqualTo("clear #1 cannot compute the rule's alert.dedupKey"
                + " 'md/${host}/${array}': ${array} is not set by its match; capture it in clear #1 match.message"
                + " with (?<array>...)");
        assertThat(problems).allSatisfy(p -> assertThat(p.toString()).startsWith(p.file() + ":" + p.line() + ": "));
    }

    @Test
    void loadThrowsAllProblemsAtOnce() throws Exception {
        Path dir = invalidRules();
        assertThatThrownBy(() -> SyslogRules.load(dir))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.problems()).isEqualTo(SyslogRules.validate(dir)))
                .hasMessageContaining("10-bad-regex.yaml:5: invalid regex")
                .hasMessageContaining("80-clear-without-key-variable.yaml:8: clear #1");
    }

    @Test
    void aMissingOrEmptyDirectoryIsAProblem() {
        Path missing = tmp.resolve("nope");
        assertThat(SyslogRules.validate(missing)).containsExactly(new ConfigProblem(missing.toString(), 0,
                "rules directory does not exist: create it or correct the path"));
        Path empty = ruleDir(tmp, "README.md", "rules live in *.yaml");
        assertThat(SyslogRules.validate(empty)).extracting(ConfigProblem::message)
                .containsExactly("no *.yaml rule files here: add one (a file with 'rules: []' runs without rules)");
    }

    @Test
    void emptyRuleFilesAreValidAndYmlFilesAreFlagged() {
        Path dir = ruleDir(tmp, "00-empty.yaml", "rules: []\n", "01-blank.yaml", "# nothing yet\n",
                "10-typo.yml", "rules: []\n");
        List<ConfigProblem> problems = SyslogRules.validate(dir);
        assertThat(problems).extracting(ConfigProblem::message)
                .containsExactly("not loaded: rule files must end in .yaml; rename it");
        assertThat(SyslogRules.load(ruleDir(tmp, "00-empty.yaml", "rules: []\n")).size()).isZero();
    }

    @Test
    void subdirectoriesAreNotLoaded() {
        Path dir = ruleDir(tmp, "a.yaml", "rules: []\n");
        ruleDir(dir, "b.yaml", "rules:\n  - id: [broken\n");
        assertThat(SyslogRules.validate(dir)).isEmpty();
    }

    private List<String> problemsOf(String yaml) {
        return SyslogRules.validate(ruleDir(tmp, "r.yaml", yaml)).stream().map(p -> p.line() + ": " + p.message())
                .toList();
    }

    @Test
    void structuralMistakesAreNamed() {
        assertThat(problemsOf("""
                rules:
                  - id: Bad_Id
                    descripton: typo
                    match: {}
                    alert: { layer: os, timeoutSeconds: soon, labels: { 'bad label': x } }
                  - match: { message: x }
                    alert: { layer: os }
                  - just a string
                """)).containsExactly(
                "2: invalid rule id 'Bad_Id': use lower-case letters, digits and '-', starting with a letter or digit",
                "3: unknown key 'descripton' in a rule; known: id, description, match, alert, clears"
                        + " (did you mean 'description'?)",
                "4: match has no condition: give at least one (facility, severity, host, appName, msgId, sd, message)",
                "5: invalid label name 'bad label': use letters, digits, '_', '.' and '-', starting with a letter or '_'",
                "5: alert.timeoutSeconds must be a whole number of seconds above 0, not 'soon'",
                "6: rule without id: add 'id: some-name' (lower-case letters, digits and '-')",
                "8: a rule must be a map with id, match and alert");
    }

    @Test
    void conditionValuesAreChecked() {
        assertThat(problemsOf("""
                rules:
                  - id: values
                    match:
                      facility: [kern, kernel, 24]
                      severity: [err, crit]
                      appName: ''
                      sd: { origin: x }
                    alert: { layer: os }
                """)).containsExactly(
                "4: unknown facility 'kernel' in match.facility; use a name (kern, user, mail, daemon, auth, syslog,"
                        + " lpr, news, uucp, cron, authpriv, ftp, ntp, security, console, solaris-cron, local0,"
                        + " local1, local2, local3, local4, local5, local6, local7) or a number 0..23",
                "4: unknown facility '24' in match.facility; use a name (kern, user, mail, daemon, auth, syslog,"
                        + " lpr, news, uucp, cron, authpriv, ftp, ntp, security, console, solaris-cron, local0,"
                        + " local1, local2, local3, local4, local5, local6, local7) or a number 0..23",
                "5: match.severity must be a single value, not a list or map",
                "6: empty regex in match.appName: give a pattern or remove the condition",
                "7: key 'origin' in match.sd must be 'SD-ID.param-name', e.g. 'origin.software' or 'meta@32473.tier'");
    }

    @Test
    void keysMustBeComputedTheSameWayWhicheverRegexMatched() {
        assertThat(problemsOf("""
                rules:
                  - id: partial-key
                    match:
                      message: ['(?<dev>sd\\w+): error', 'disk error']
                    alert:
                      layer: hardware
                      summary: 'error on ${dev:-some disk}'
                      dedupKey: 'disk/${host}/${dev}'
                """)).containsExactly("8: ${dev} in alert.dedupKey is not captured by every regex of match.message,"
                + " so repeats of one condition could get different keys; capture it in each regex or leave it out"
                + " of alert.dedupKey");
    }

    @Test
    void clearsMustComputeTheResourceToo() {
        assertThat(problemsOf("""
                rules:
                  - id: unit
                    match: { message: '(?<unit>\\S+\\.service): Failed' }
                    alert: { layer: os, resource: '${host}/${unit}', dedupKey: 'unit/${host}/${unit}' }
                    clears:
                      - match: { message: ['Started (?<unit>\\S+\\.service)', 'Started'] }
                        summary: '${unit:-a unit} started ${when}'
                """)).containsExactly(
                "6: clear #1 cannot compute the rule's alert.dedupKey 'unit/${host}/${unit}': ${unit} is not set by"
                        + " its match; capture it in every regex of clear #1 match.message",
                "6: clear #1 cannot compute the rule's alert.resource '${host}/${unit}': ${unit} is not set by its"
                        + " match; capture it in every regex of clear #1 match.message",
                "7: unknown variable ${when} in clear #1 summary; known: host, ip, appName, procId, msgId, facility,"
                        + " severity, message, format, sd.<SD-ID>.<param>, and the named groups of clear #1"
                        + " match.message: unit");
    }

    @Test
    void templateMistakesAreNamed() {
        assertThat(problemsOf("""
                rules:
                  - id: templates
                    match: { message: '(?<a>x)' }
                    alert:
                      layer: nowhere
                      event: 'has space'
                      summary: '${a:-${host}}'
                      resource: '${unclosed'
                """)).containsExactly(
                "5: alert.layer: unknown layer 'nowhere': use one of hardware, network, os, middleware, application,"
                        + " cloud, unknown",
                "6: invalid alert.event 'has space': use letters, digits, '.', '_', ':' and '-', starting with a"
                        + " letter or digit",
                "7: alert.summary: a fallback is plain text, so '${name:-${other}}' does not expand ${other}; write"
                        + " the fallback as text",
                "8: alert.resource: unclosed placeholder at column 1 of '${unclosed': close it with '}'");
    }
}
