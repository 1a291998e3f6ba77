package io.mimamori.connector.syslog.internal.rules;

import static io.mimamori.connector.syslog.internal.rules.RuleFixtures.AUTHPRIV;
import static io.mimamori.connector.syslog.internal.rules.RuleFixtures.CRIT;
import static io.mimamori.connector.syslog.internal.rules.RuleFixtures.DAEMON;
import static io.mimamori.connector.syslog.internal.rules.RuleFixtures.ERR;
import static io.mimamori.connector.syslog.internal.rules.RuleFixtures.INFO;
import static io.mimamori.connector.syslog.internal.rules.RuleFixtures.KERN;
import static io.mimamori.connector.syslog.internal.rules.RuleFixtures.LOCAL0;
import static io.mimamori.connector.syslog.internal.rules.RuleFixtures.NOTICE;
import static io.mimamori.connector.syslog.internal.rules.RuleFixtures.WARNING;
import static io.mimamori.connector.syslog.internal.rules.RuleFixtures.bsd;
import static io.mimamori.connector.syslog.internal.rules.RuleFixtures.classifier;
import static io.mimamori.connector.syslog.internal.rules.RuleFixtures.event;
import static io.mimamori.connector.syslog.internal.rules.RuleFixtures.rfc5424;
import static io.mimamori.connector.syslog.internal.rules.RuleFixtures.ruleDir;
import static io.mimamori.connector.syslog.internal.rules.RuleFixtures.rules;
import static io.mimamori.connector.syslog.internal.rules.RuleFixtures.unparsed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertSource;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Link;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.connector.syslog.SyslogMessage;
import io.mimamori.connector.syslog.SyslogMessage.SdElement;
import io.mimamori.connector.syslog.SyslogMessage.SdParam;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyslogClassifierTest {

    @TempDir
    Path tmp;

    private Alert classify(String yaml, SyslogMessage m) {
        return classifier(rules(tmp, yaml)).classify(event(m));
    }

    private static String oneRule(String match) {
        return """
                rules:
                  - id: probe
                    match: %s
                    alert: { layer: os }
                """.formatted(match);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> syslogDetails(Alert a) {
        return (Map<String, Object>) a.details().get("syslog");
    }

    private boolean matches(String match, SyslogMessage m) {
        return classify(oneRule(match), m) != null;
    }

    @Nested
    class Conditions {
        @Test
        void facilityByNameOrNumberAnyOfAList() {
            String match = "{ facility: [kern, 16] }";
            assertThat(matches(match, bsd(KERN, INFO, "h", "kernel", null, "x"))).isTrue();
            assertThat(matches(match, bsd(LOCAL0, INFO, "h", "app", null, "x"))).isTrue();
            assertThat(matches(match, bsd(DAEMON, INFO, "h", "app", null, "x"))).isFalse();
        }

        @Test
        void severityMatchesThatSeverityAndEveryMoreUrgentOne() {
            String match = "{ severity: warning }";
            assertThat(matches(match, bsd(DAEMON, 0, "h", "a", null, "x"))).isTrue();
            assertThat(matches(match, bsd(DAEMON, WARNING, "h", "a", null, "x"))).isTrue();
            assertThat(matches(match, bsd(DAEMON, NOTICE, "h", "a", null, "x"))).isFalse();
            assertThat(matches("{ severity: 3 }", bsd(DAEMON, ERR, "h", "a", null, "x"))).isTrue();
            assertThat(matches("{ severity: error }", bsd(DAEMON, WARNING, "h", "a", null, "x"))).isFalse();
        }

        @Test
        void hostRegexMustMatchTheWholeHostname() {
            String match = "{ host: 'db[0-9]+' }";
            assertThat(matches(match, bsd(DAEMON, INFO, "db12", "a", null, "x"))).isTrue();
            assertThat(matches(match, bsd(DAEMON, INFO, "db12-old", "a", null, "x"))).isFalse();
        }

        @Test
        void hostFallsBackToThePeerAddressWhenTheFrameHasNoHostname() {
            assertThat(matches("{ host: '192\\.0\\.2\\.10' }", bsd(DAEMON, INFO, null, "a", null, "x"))).isTrue();
        }

        @Test
        void appNameIsAWholeMatchRegexOrALiteral() {
            assertThat(matches("{ appName: 'post(gres|master)' }", bsd(LOCAL0, ERR, "h", "postmaster", null, "x")))
                    .isTrue();
            assertThat(matches("{ appName: postgres }", bsd(LOCAL0, ERR, "h", "postgres-exporter", null, "x")))
                    .isFalse();
            assertThat(matches("{ appName: [sshd, su] }", bsd(AUTHPRIV, NOTICE, "h", "su", null, "x"))).isTrue();
            assertThat(matches("{ appName: '.*' }", bsd(DAEMON, INFO, "h", null, null, "x")))
                    .as("a message without APP-NAME never meets an appName condition").isFalse();
        }

        @Test
        void msgIdIsAWholeMatchRegex() {
            SyslogMessage m = rfc5424(LOCAL0, ERR, "h", "app", "ID47", List.of(), "x");
            assertThat(matches("{ msgId: 'ID\\d+' }", m)).isTrue();
            assertThat(matches("{ msgId: 'ID' }", m)).isFalse();
        }

        @Test
        void sdConditionTestsOneParameterOfOneElement() {
            SyslogMessage m = rfc5424(LOCAL0, ERR, "h", "app", null, List.of(
                    new SdElement("origin", List.of(new SdParam("software", "rsyslogd"))),
                    new SdElement("exampleSDID@32473.1", List.of(new SdParam("tier", "gold")))), "x");
            assertThat(matches("{ sd: { origin.software: 'rsys.*' } }", m)).isTrue();
            assertThat(matches("{ sd: { origin.software: 'rsys' } }", m)).isFalse();
            assertThat(matches("{ sd: { 'exampleSDID@32473.1.tier': [silver, gold] } }", m)).isTrue();
            assertThat(matches("{ sd: { origin.ip: '.*' } }", m)).as("absent parameter").isFalse();
        }

        @Test
        void messageRegexIsFoundAnywhere() {
            SyslogMessage m = bsd(KERN, CRIT, "h", "kernel", null, "[ 12.3] md: md0: recovery done.");
            assertThat(matches("{ message: 'recovery done' }", m)).isTrue();
            assertThat(matches("{ message: '^recovery done' }", m)).isFalse();
        }

        @Test
        void everyGivenConditionMustHold() {
            String match = "{ facility: kern, appName: kernel, message: 'Link is Down' }";
            assertThat(matches(match, bsd(KERN, INFO, "h", "kernel", null, "eth0: NIC Link is Down"))).isTrue();
            assertThat(matches(match, bsd(DAEMON, INFO, "h", "kernel", null, "eth0: NIC Link is Down"))).isFalse();
            assertThat(matches(match, bsd(KERN, INFO, "h", "kernel", null, "eth0: NIC Link is Up"))).isFalse();
        }

        @Test
        void unparsedMessagesMatchRulesThatDoNotConstrainPriority() {
            SyslogMessage m = unparsed("backup failed: No space left on device");
            assertThat(matches("{ message: 'No space left' }", m)).isTrue();
            assertThat(matches("{ severity: debug, message: 'No space left' }", m)).isFalse();
            assertThat(matches("{ facility: [user], message: 'No space left' }", m)).isFalse();
        }
    }

    @Nested
    class Order {
        @Test
        void firstMatchingRuleWinsWithinAFile() {
            Alert a = classify("""
                    rules:
                      - id: specific
                        match: { message: 'PANIC: .*No space left' }
                        alert: { layer: middleware }
                      - id: generic
                        match: { message: 'No space left' }
                        alert: { layer: os }
                    """, bsd(LOCAL0, CRIT, "db1", "postgres", "1", "PANIC:  could not write: No space left on device"));
            assertThat(a.event()).isEqualTo("specific");
        }

        @Test
        void filesAreEvaluatedInNameOrder() {
            Path dir = ruleDir(tmp,
                    "90-late.yaml", "rules:\n  - id: late\n    match: { message: oops }\n    alert: { layer: os }\n",
                    "10-early.yaml", "rules:\n  - id: early\n    match: { message: oops }\n    alert: { layer: os }\n",
                    "notes.txt", "not a rule file");
            Alert a = classifier(SyslogRules.load(dir)).classify(event(bsd(KERN, ERR, "h", "kernel", null, "oops")));
            assertThat(a.event()).isEqualTo("early");
        }

        @Test
        void aRulesClearIsTestedBeforeTheNextRule() {
            Alert a = classify("""
                    rules:
                      - id: link
                        match: { appName: kernel, message: '(?<iface>\\w+): Link is Down' }
                        alert: { layer: network, dedupKey: 'link/${host}/${iface}' }
                        clears:
                          - match: { appName: kernel, message: '(?<iface>\\w+): Link is Up' }
                      - id: any-link-message
                        match: { message: 'Link is' }
                        alert: { layer: network }
                    """, bsd(KERN, INFO, "sw1", "kernel", null, "eth0: Link is Up"));
            assertThat(a.status()).isEqualTo(Status.RESOLVED);
            assertThat(a.event()).isEqualTo("link");
        }

        @Test
        void indexedAndUnindexedRulesKeepTheirFileOrder() {
            String yaml = """
                    rules:
                      - id: any-app-first
                        match: { message: 'I/O error' }
                        alert: { layer: os }
                      - id: kernel-second
                        match: { appName: kernel, message: 'I/O error' }
                        alert: { layer: hardware }
                    """;
            assertThat(classify(yaml, bsd(KERN, ERR, "h", "kernel", null, "I/O error, dev sda")).event())
                    .isEqualTo("any-app-first");
        }
    }

    @Nested
    class AppNameIndex {
        private final String yaml = """
                rules:
                  - id: kernel-oom
                    match: { appName: kernel, message: 'Out of memory' }
                    alert: { layer: os }
                  - id: sshd-failures
                    match: { appName: [sshd], message: 'Failed password' }
                    alert: { layer: os }
                  - id: any-app
                    match: { message: 'No space left on device' }
                    alert: { layer: os }
                  - id: regex-app
                    match: { appName: 'postgres|postmaster', message: 'PANIC' }
                    alert: { layer: middleware }
                """;

        @Test
        void aKernelRuleIsNotTestedAgainstAnSshdLine() {
            SyslogRules rules = rules(tmp, yaml);
            assertThat(ids(rules.candidates("sshd"))).containsExactly("sshd-failures", "any-app", "regex-app");
            assertThat(ids(rules.candidates("kernel"))).containsExactly("kernel-oom", "any-app", "regex-app");
            assertThat(ids(rules.candidates("cron"))).containsExactly("any-app", "regex-app");
            assertThat(ids(rules.candidates(null))).containsExactly("any-app", "regex-app");
        }

        @Test
        void theIndexChangesNoOutcome() {
            SyslogClassifier c = classifier(rules(tmp, yaml));
            assertThat(c.classify(event(bsd(AUTHPRIV, NOTICE, "h", "sshd", "1", "Out of memory")))).isNull();
            assertThat(c.classify(event(bsd(KERN, ERR, "h", "kernel", null, "Out of memory: Killed process 1")))
                    .event()).isEqualTo("kernel-oom");
            assertThat(c.classify(event(bsd(DAEMON, ERR, "h", "sshd", "1", "No space left on device"))).event())
                    .isEqualTo("any-app");
            assertThat(c.classify(event(bsd(LOCAL0, CRIT, "h", "postmaster", "1", "PANIC:  x"))).event())
                    .isEqualTo("regex-app");
        }

        private List<String> ids(Entry[] entries) {
            return Arrays.stream(entries).map(e -> e.rule().id()).toList();
        }
    }

    @Nested
    class AlertDraft {
        private static final String MD_RAID = """
                rules:
                  - id: md-raid-degraded
                    description: md lost a member
                    match:
                      appName: kernel
                      message: 'md/raid\\d*:(?<array>md\\d+): Disk failure on (?<disk>[^,\\s]+)'
                    alert:
                      severity: major
                      layer: hardware
                      summary: 'RAID ${array} on ${host} degraded: ${disk} failed'
                      resource: '${host}/${array}'
                      dedupKey: 'md-raid/${host}/${array}'
                      labels: { array: '${array}', tier: '${sd.meta.tier}', origin: '${sd.origin.software}' }
                      runbook: 'https://runbooks.example/linux/${array}'
                      timeoutSeconds: 3600
                    clears:
                      - match: { appName: kernel, message: 'md: (?<array>md\\d+): recovery done' }
                        summary: 'RAID ${array} on ${host} recovered'
                """;

        @Test
        void aMatchBecomesAFiringAlertWithEveryFieldRendered() {
            SyslogMessage m = bsd(KERN, CRIT, "db1", "kernel", null,
                    "[12345.678901] md/raid1:md0: Disk failure on sdb1, disabling device.");
            Alert a = classify(MD_RAID, m);
            assertThat(a.status()).isEqualTo(Status.FIRING);
            assertThat(a.severity()).isEqualTo(Severity.MAJOR);
            assertThat(a.sourceSeverity()).isEqualTo("crit");
            assertThat(a.layer()).isEqualTo(Layer.HARDWARE);
            assertThat(a.event()).isEqualTo("md-raid-degraded");
            assertThat(a.resource()).isEqualTo("db1/md0");
            assertThat(a.host()).isEqualTo("db1");
            assertThat(a.ip()).isEqualTo("192.0.2.10");
            assertThat(a.summary()).isEqualTo("RAID md0 on db1 degraded: sdb1 failed");
            assertThat(a.dedupKey()).isEqualTo("md-raid/db1/md0");
            assertThat(a.labels()).as("empty label values are dropped").isEqualTo(Map.of("array", "md0"));
            assertThat(a.links()).containsExactly(new Link("https://runbooks.example/linux/md0", "runbook"));
            assertThat(a.timeoutSeconds()).isEqualTo(3600);
            assertThat(a.tenant()).isNull();
            assertThat(a.fingerprint()).isNull();
            assertThat(a.id()).isNull();
        }

        @Test
        void aClearResolvesWithTheSameDedupKey() {
            SyslogClassifier c = classifier(rules(tmp, MD_RAID));
            Alert firing = c.classify(event(bsd(KERN, CRIT, "db1", "kernel", null,
                    "md/raid1:md0: Disk failure on sdb1, disabling device.")));
            Alert resolved = c.classify(event(bsd(KERN, INFO, "db1", "kernel", null,
                    "[13000.000001] md: md0: recovery done.")));
            assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
            assertThat(resolved.dedupKey()).isEqualTo(firing.dedupKey());
            assertThat(resolved.resource()).isEqualTo(firing.resource());
            assertThat(resolved.event()).isEqualTo(firing.event());
            assertThat(resolved.severity()).as("the rule's fixed severity").isEqualTo(Severity.MAJOR);
            assertThat(resolved.summary()).isEqualTo("RAID md0 on db1 recovered");
            assertThat(resolved.timeoutSeconds()).isNull();
            assertThat(c.classify(event(bsd(KERN, INFO, "db1", "kernel", null, "md: md1: recovery done.")))
                    .dedupKey()).isEqualTo("md-raid/db1/md1");
        }

        @Test
        void sourceRawAndDetailsDescribeTheFrame() {
            SyslogMessage m = rfc5424(LOCAL0, ERR, "db1", "kernel", "RAID", List.of(
                    new SdElement("origin", List.of(new SdParam("software", "rsyslogd"))),
                    new SdElement("meta", List.of(new SdParam("tag", "a"), new SdParam("tag", "b")))),
                    "md/raid1:md0: Disk failure on sdb1, disabling device.");
            Alert a = classifier(rules(tmp, MD_RAID)).classify(event(m));
            assertThat(a.source()).isEqualTo(new AlertSource("syslog-source", "syslog-in", "192.0.2.10:40514",
                    RuleFixtures.RECEIVED_AT, RuleFixtures.SENT_AT.toInstant()));
            assertThat(a.raw().data()).isEqualTo("<raw>" + m.message());
            assertThat(a.raw().contentType()).isEqualTo("text/plain");
            assertThat(a.labels()).containsEntry("origin", "rsyslogd");
            assertThat(a.details()).containsOnlyKeys("syslog");
            assertThat(a.details().get("syslog")).isEqualTo(Map.of(
                    "facility", "local0",
                    "severity", "err",
                    "appName", "kernel",
                    "procId", "77",
                    "msgId", "RAID",
                    "format", "rfc5424",
                    "structuredData", Map.of(
                            "origin", Map.of("software", "rsyslogd"),
                            "meta", Map.of("tag", List.of("a", "b"))),
                    "rule", "md-raid-degraded"));
        }

        @Test
        void rawTextIsCappedAndPeerlessEventsHaveNoAddress() {
            SyslogMessage m = bsd(KERN, CRIT, "db1", "kernel", null, "md/raid1:md0: Disk failure on sdb1,");
            SyslogClassifier c = new SyslogClassifier(rules(tmp, MD_RAID), -1, "syslog", null, 16);
            Alert a = c.classify(new SyslogEvent(m, "x".repeat(100), null, RuleFixtures.RECEIVED_AT));
            assertThat(a.raw().data()).hasSize(16);
            assertThat(a.raw().truncated()).isTrue();
            assertThat(a.ip()).isNull();
            assertThat(a.source().peer()).isNull();
            assertThat(a.host()).isEqualTo("db1");
        }

        @Test
        void ipv6PeersAreBracketedInTheSourcePeer() {
            SyslogMessage m = bsd(KERN, CRIT, null, "kernel", null, "md/raid1:md0: Disk failure on sdb1,");
            Alert a = classifier(rules(tmp, MD_RAID)).classify(new SyslogEvent(m, null,
                    new InetSocketAddress("2001:db8::7", 514), RuleFixtures.RECEIVED_AT));
            assertThat(a.ip()).isEqualTo("2001:db8:0:0:0:0:0:7");
            assertThat(a.host()).isEqualTo("2001:db8:0:0:0:0:0:7");
            assertThat(a.source().peer()).isEqualTo("[2001:db8:0:0:0:0:0:7]:514");
            assertThat(a.raw()).isNull();
        }

        @Test
        void defaultsMapSeverityAndBuildSummaryResourceAndKey() {
            String yaml = oneRule("{ appName: sshd, message: 'Failed password' }");
            Alert err = classify(yaml, bsd(AUTHPRIV, ERR, "bastion", "sshd", "4242", "Failed password for root"));
            assertThat(err.event()).isEqualTo("probe");
            assertThat(err.severity()).isEqualTo(Severity.MAJOR);
            assertThat(err.summary()).isEqualTo("bastion sshd: Failed password for root");
            assertThat(err.resource()).isEqualTo("bastion");
            assertThat(err.dedupKey()).isEqualTo("probe/bastion");
            assertThat(err.links()).isEmpty();
            assertThat(err.timeoutSeconds()).isNull();
            assertThat(classify(yaml, bsd(AUTHPRIV, 1, "b", "sshd", null, "Failed password")).severity())
                    .isEqualTo(Severity.CRITICAL);
            assertThat(classify(yaml, bsd(AUTHPRIV, WARNING, "b", "sshd", null, "Failed password")).severity())
                    .isEqualTo(Severity.WARNING);
            assertThat(classify(yaml, bsd(AUTHPRIV, 7, "b", "sshd", null, "Failed password")).severity())
                    .isEqualTo(Severity.INFO);
        }

        @Test
        void everyBuiltInVariableRenders() {
            String yaml = """
                    rules:
                      - id: all-variables
                        match: { message: 'ready (?<what>\\w+)' }
                        alert:
                          layer: application
                          event: app.ready
                          summary: '${host}|${ip}|${appName}|${procId}|${msgId}|${facility}|${severity}|${format}|${what}|${sd.origin.software}|${sd.none.x:-n/a}|$${host}|${message}'
                    """;
            SyslogMessage m = rfc5424(LOCAL0, NOTICE, "app7", "shop", "CHK", List.of(
                    new SdElement("origin", List.of(new SdParam("software", "shopd")))), "ready steady");
            assertThat(classify(yaml, m).summary())
                    .isEqualTo("app7|192.0.2.10|shop|77|CHK|local0|notice|rfc5424|steady|shopd|n/a|${host}|ready steady");
            assertThat(classify(yaml, m).event()).isEqualTo("app.ready");
        }

        @Test
        void aNamedGroupOverridesTheBuiltInVariableOfTheSameName() {
            String yaml = """
                    rules:
                      - id: relayed
                        match: { message: 'from (?<host>[\\w.-]+):' }
                        alert: { layer: network }
                    """;
            Alert a = classify(yaml, bsd(LOCAL0, ERR, "relay1", "relay", null, "from sw7.example.net: port down"));
            assertThat(a.host()).isEqualTo("sw7.example.net");
            assertThat(a.dedupKey()).isEqualTo("relayed/sw7.example.net");
        }

        @Test
        void groupsComeFromWhicheverMessageRegexMatched() {
            String yaml = """
                    rules:
                      - id: link
                        match:
                          message:
                            - '(?<iface>\\w+): NIC Link is Down'
                            - 'bond\\d+: \\(slave (?<iface>\\w+)\\): link status definitely down'
                        alert: { layer: network, dedupKey: 'link/${iface}' }
                    """;
            assertThat(classify(yaml, bsd(KERN, INFO, "h", "kernel", null, "eth0: NIC Link is Down")).dedupKey())
                    .isEqualTo("link/eth0");
            assertThat(classify(yaml, bsd(KERN, WARNING, "h", "kernel", null,
                    "bond0: (slave eno2): link status definitely down, disabling slave")).dedupKey())
                    .isEqualTo("link/eno2");
        }
    }

    @Nested
    class Threshold {
        private final String yaml = oneRule("{ appName: sshd, message: 'Failed password' }");

        @Test
        void unmatchedMessagesAtOrAboveTheThresholdBecomeAlerts() {
            SyslogClassifier c = new SyslogClassifier(rules(tmp, yaml), CRIT, "syslog-source", "syslog-in", 8192);
            Alert a = c.classify(event(bsd(KERN, CRIT, "db1", "kernel", null,
                    "[ 1234.567890] sd 0:0:0:0: [sda] 976773168 512-byte logical blocks")));
            assertThat(a.status()).isEqualTo(Status.FIRING);
            assertThat(a.event()).isEqualTo("syslog-crit");
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.sourceSeverity()).isEqualTo("crit");
            assertThat(a.layer()).isEqualTo(Layer.OS);
            assertThat(a.resource()).isEqualTo("db1");
            assertThat(a.summary()).isEqualTo("db1 kernel: [ 1234.567890] sd 0:0:0:0: [sda] 976773168 512-byte logical blocks");
            assertThat(a.dedupKey()).isEqualTo("syslog/db1/kernel/[ #.#] sd #:#:#:#: [sda] # #-byte logical blocks");
            assertThat(a.labels()).isEqualTo(Map.of("rule", SyslogClassifier.THRESHOLD_RULE));
            assertThat(syslogDetails(a)).doesNotContainKey("rule");

            Alert other = c.classify(event(bsd(DAEMON, 1, "db1", null, null, "disk on fire")));
            assertThat(other.event()).isEqualTo("syslog-alert");
            assertThat(other.layer()).isEqualTo(Layer.UNKNOWN);
            assertThat(other.dedupKey()).isEqualTo("syslog/db1/-/disk on fire");
        }

        @Test
        void repeatsOfOneLineShareADedupKeyCutTo120Characters() {
            SyslogClassifier c = new SyslogClassifier(rules(tmp, yaml), ERR, "syslog", "in", 8192);
            String tail = "y".repeat(200);
            Alert first = c.classify(event(bsd(DAEMON, ERR, "h", "app", "1", "job 17 failed after 3 tries " + tail)));
            Alert second = c.classify(event(bsd(DAEMON, ERR, "h", "app", "2", "job 18 failed after 25 tries " + tail)));
            assertThat(first.dedupKey()).isEqualTo(second.dedupKey());
            assertThat(first.dedupKey()).isEqualTo("syslog/h/app/" + ("job # failed after # tries " + tail).substring(0, 120));
        }

        @Test
        void lessUrgentOrDisabledOrUnparsedGivesNothing() {
            SyslogRules rules = rules(tmp, yaml);
            SyslogClassifier on = new SyslogClassifier(rules, CRIT, "syslog", "in", 8192);
            assertThat(on.classify(event(bsd(DAEMON, ERR, "h", "app", null, "just an error")))).isNull();
            assertThat(on.classify(event(unparsed("garbage")))).isNull();
            SyslogClassifier off = new SyslogClassifier(rules, -1, "syslog", "in", 8192);
            assertThat(off.classify(event(bsd(KERN, 0, "h", "kernel", null, "emergency")))).isNull();
        }

        @Test
        void aMatchingRuleTakesPrecedenceOverTheThreshold() {
            SyslogClassifier c = new SyslogClassifier(rules(tmp, yaml), 7, "syslog", "in", 8192);
            assertThat(c.classify(event(bsd(AUTHPRIV, CRIT, "h", "sshd", "1", "Failed password for x"))).event())
                    .isEqualTo("probe");
        }

        @Test
        void theThresholdMustBeASyslogSeverityOrOff() {
            SyslogRules rules = rules(tmp, yaml);
            assertThatThrownBy(() -> new SyslogClassifier(rules, 8, "syslog", "in", 8192))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..7 or -1");
            assertThatThrownBy(() -> new SyslogClassifier(rules, -2, "syslog", "in", 8192))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void unparsedFramesKeepTheirParseErrorInTheDetails() {
        Alert a = classify(oneRule("{ message: 'No space left' }"), unparsed("tar: No space left on device"));
        assertThat(a.host()).isEqualTo("192.0.2.10");
        assertThat(a.sourceSeverity()).isNull();
        assertThat(a.severity()).as("unknown urgency shows without paging").isEqualTo(Severity.WARNING);
        assertThat(a.source().sourceTime()).isNull();
        assertThat(syslogDetails(a))
                .containsEntry("format", "unparsed")
                .containsEntry("parseError", "frame does not start with '<' (no PRI), found 'x' at offset 0")
                .doesNotContainKeys("facility", "severity", "appName");
    }

    @Test
    void sizeCountsRulesNotClears() {
        SyslogRules rules = rules(tmp, """
                rules:
                  - id: a
                    match: { message: down }
                    alert: { layer: network }
                    clears:
                      - match: { message: up }
                      - match: { message: restored }
                  - id: b
                    match: { message: broken }
                    alert: { layer: os }
                """);
        assertThat(rules.size()).isEqualTo(2);
        assertThat(rules.entries()).extracting(Entry::describe)
                .containsExactly("rule a", "rule a clear #1", "rule a clear #2", "rule b");
    }

    @Test
    void oneInstanceServesManyThreads() {
        SyslogClassifier c = classifier(rules(tmp, AlertDraft.MD_RAID));
        List<String> keys = IntStream.range(0, 20_000).parallel()
                .mapToObj(i -> c.classify(event(bsd(KERN, CRIT, "db" + (i % 7), "kernel", null,
                        "md/raid1:md" + (i % 3) + ": Disk failure on sdb1, disabling device."))).dedupKey())
                .toList();
        for (int i = 0; i < keys.size(); i++) {
            assertThat(keys.get(i)).isEqualTo("md-raid/db" + (i % 7) + "/md" + (i % 3));
        }
    }
}
