package io.mimamori.connector.snmp.internal.defs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionValidationTest {

    static Path resource(String dir) throws Exception {
        return Path.of(DefinitionValidationTest.class.getResource("/definitions/" + dir).toURI());
    }

    private static String at(ConfigProblem p) {
        return Path.of(p.file()).getFileName() + ":" + p.line();
    }

    @Test
    void everyProblemIsReportedWithFileLineAndWhatToDo() throws Exception {
        List<ConfigProblem> problems = TrapDefinitions.validate(resource("invalid"));

        assertThat(problems).extracting(DefinitionValidationTest::at).containsExactly(
                "10-objects.yaml:3", "10-objects.yaml:4",
                "20-traps.yaml:5", "20-traps.yaml:7", "20-traps.yaml:10", "20-traps.yaml:11", "20-traps.yaml:12",
                "20-traps.yaml:15", "20-traps.yaml:16", "20-traps.yaml:23",
                "30-syntax.yaml:4");
        assertThat(problems.get(0).message()).isEqualTo("object badOid: '1.3.6.one' is not a dotted OID such as 1.3.6.1.2.1.2.2.1.1");
        assertThat(problems.get(1).message()).startsWith("'host' is a built-in variable");
        assertThat(problems).anySatisfy(p -> assertThat(p.message())
                .isEqualTo("severity: unknown severity 'urgent': use one of critical, major, minor, warning, info"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message())
                .startsWith("unknown variable ${ifIndx} in summary").endsWith("(did you mean 'ifIndex'?)"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message())
                .isEqualTo("clear #1 of 'linkDown' cannot compute the dedupKey 'link/${host}/${ifIndex}': ${ifIndex} is "
                        + "neither the agent (host, ip) nor in match; add it to match or leave it out of dedupKey"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message())
                .startsWith("clear #1 of 'linkDown': match 'ifDescr' is not a name under 'objects'"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message())
                .startsWith("trap 'noLayer': layer is missing"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message())
                .startsWith("unknown key 'sumary' in a trap definition").endsWith("(did you mean 'summary'?)"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message())
                .startsWith("trap 'twice': OID 1.3.6.1.6.3.1.1.5.3 is already defined at ").contains("20-traps.yaml:2"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message())
                .isEqualTo("trap 'heldButAlerting' is held back (hold: true), so it makes no alert: remove 'severity'"));
        assertThat(problems.get(problems.size() - 1).message()).startsWith("not valid YAML: ");
        assertThat(problems).allSatisfy(p -> assertThat(p.toString()).startsWith(p.file() + ":" + p.line() + ": "));
    }

    @Test
    void loadRefusesAnInvalidDirectoryWithAllProblems() throws Exception {
        Path dir = resource("invalid");
        assertThatThrownBy(() -> TrapDefinitions.load(dir))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(11));
    }

    @Test
    void aMissingOrEmptyDirectoryIsAProblem(@TempDir Path tmp) throws Exception {
        assertThat(TrapDefinitions.validate(tmp.resolve("nope"))).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("trap definitions directory does not exist"));
        assertThat(TrapDefinitions.validate(tmp)).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("no *.yaml trap definitions here"));
        Files.writeString(tmp.resolve("10-x.yml"), "traps: []\n");
        assertThat(TrapDefinitions.validate(tmp)).extracting(ConfigProblem::message)
                .contains("not loaded: definition files must end in .yaml; rename it");
    }

    @Test
    void aTrapThatClearsCannotAlsoAlert(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("10-a.yaml"), """
                objects:
                  ifIndex: 1.3.6.1.2.1.2.2.1.1
                traps:
                  - name: linkDown
                    oid: 1.3.6.1.6.3.1.1.5.3
                    severity: major
                    layer: network
                    dedupKey: 'link/${host}/${ifIndex}'
                    clears:
                      - { trap: 1.3.6.1.6.3.1.1.5.4, match: [ifIndex] }
                  - name: linkUp
                    oid: 1.3.6.1.6.3.1.1.5.4
                    severity: info
                    layer: network
                """);
        assertThat(TrapDefinitions.validate(tmp)).singleElement().satisfies(p -> {
            assertThat(at(p)).isEqualTo("10-a.yaml:4");
            assertThat(p.message()).startsWith("trap 'linkDown' is cleared by 1.3.6.1.6.3.1.1.5.4, which has its own "
                    + "definition 'linkUp' at ").endsWith("; a trap either clears or alerts: remove one of them, or give the clear a 'when:'"
                            + " saying which of its traps clear");
        });
    }

    @Test
    void aConditionalClearLetsTheClearingTrapAlertOtherwise(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("10-a.yaml"), """
                objects:
                  msgId: 1.3.6.1.4.1.99.1.1
                  fqdd: 1.3.6.1.4.1.99.1.2
                traps:
                  - name: fanFailure
                    oid: 1.3.6.1.4.1.99.0.1
                    severity: critical
                    layer: hardware
                    dedupKey: 'fan/${host}/${fqdd}'
                    clears:
                      - { trap: 1.3.6.1.4.1.99.0.3, when: { msgId: [FAN0005] }, match: [fqdd] }
                  - name: fanInformation
                    oid: 1.3.6.1.4.1.99.0.3
                    severity: info
                    layer: hardware
                    dedupKey: 'fan-info/${host}/${fqdd}/${msgId}'
                """);
        assertThat(TrapDefinitions.validate(tmp)).isEmpty();
    }

    @Test
    void aConditionalClearWithoutADefinitionForTheRestIsAProblem(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("10-a.yaml"), """
                objects:
                  msgId: 1.3.6.1.4.1.99.1.1
                  fqdd: 1.3.6.1.4.1.99.1.2
                traps:
                  - name: fanFailure
                    oid: 1.3.6.1.4.1.99.0.1
                    severity: critical
                    layer: hardware
                    dedupKey: 'fan/${host}/${fqdd}'
                    clears:
                      - { trap: 1.3.6.1.4.1.99.0.3, when: { msgId: [FAN0005] }, match: [fqdd] }
                """);
        assertThat(TrapDefinitions.validate(tmp)).singleElement().satisfies(p -> {
            assertThat(at(p)).isEqualTo("10-a.yaml:5");
            assertThat(p.message()).startsWith("trap 'fanFailure' is cleared by 1.3.6.1.4.1.99.0.3 only 'when:' ")
                    .endsWith("add a definition for 1.3.6.1.4.1.99.0.3 so that they still alert");
        });
    }

    @Test
    void aClearsConditionNamesNoDecodedVariable(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("10-a.yaml"), """
                objects:
                  fqdd: 1.3.6.1.4.1.99.1.2
                traps:
                  - name: fanFailure
                    oid: 1.3.6.1.4.1.99.0.1
                    decode: ipmi-pet
                    severity: critical
                    layer: hardware
                    dedupKey: 'fan/${host}/${fqdd}'
                    clears:
                      - { trap: 1.3.6.1.4.1.99.0.3, when: { pet.state: ok }, match: [fqdd] }
                """);
        assertThat(TrapDefinitions.validate(tmp)).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("unknown variable ${pet.state} in clear #1 of 'fanFailure': when"));
    }

    @Test
    void onePrefixTakesOneUnconditionalDefinitionAndAnyConditionalOnes(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("10-a.yaml"), """
                objects:
                  petEventData: 1.3.6.1.4.1.3183.1.1.1
                traps:
                  - name: petInformation
                    oidPrefix: 1.3.6.1.4.1.3183.1.1.0
                    when: { pet.state: info }
                    decode: ipmi-pet
                    severity: info
                    layer: hardware
                  - name: pet
                    oidPrefix: 1.3.6.1.4.1.3183.1.1.0
                    decode: ipmi-pet
                    severity: major
                    layer: hardware
                  - name: petAgain
                    oidPrefix: 1.3.6.1.4.1.3183.1.1.0
                    severity: major
                    layer: hardware
                """);
        assertThat(TrapDefinitions.validate(tmp)).singleElement().satisfies(p -> {
            assertThat(at(p)).isEqualTo("10-a.yaml:15");
            assertThat(p.message()).startsWith("trap 'petAgain': prefix 1.3.6.1.4.1.3183.1.1.0 is already defined at ")
                    .endsWith("give all but one of them a 'when:' saying which of its traps each takes");
        });
    }

    @Test
    void aMatchNotInTheDedupKeyIsAProblem(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("10-a.yaml"), """
                objects:
                  ifIndex: 1.3.6.1.2.1.2.2.1.1
                  ifDescr: 1.3.6.1.2.1.2.2.1.2
                traps:
                  - name: linkDown
                    oid: 1.3.6.1.6.3.1.1.5.3
                    severity: major
                    layer: network
                    dedupKey: 'link/${host}/${ifIndex}'
                    clears:
                      - { trap: 1.3.6.1.6.3.1.1.5.4, match: [ifIndex, ifDescr] }
                """);
        assertThat(TrapDefinitions.validate(tmp)).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("clear #1 of 'linkDown': match 'ifDescr' is not part of the dedupKey 'link/${host}/${ifIndex}',"
                        + " so it would not decide which condition clears; add ${ifDescr} to dedupKey"));
    }

    @Test
    void theValidFixtureLoads() throws Exception {
        assertThat(TrapDefinitions.validate(resource("valid"))).isEmpty();
        assertThat(TrapDefinitions.load(resource("valid")).size()).isEqualTo(2);
    }
}
