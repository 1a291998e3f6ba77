package io.mimamori.connector.snmp.internal.defs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The shipped trap definitions ({@code config/rules/snmp}) against their test traps. */
class ShippedDefinitionsTest {

    /** {@code config/rules/snmp} of the repository, found upwards from the working directory. */
    static Path shippedDefinitions() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("config/rules/snmp");
            if (Files.isDirectory(candidate.resolve("tests"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("config/rules/snmp not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void packIsValid() {
        Path dir = shippedDefinitions();
        assertThat(TrapDefinitions.validate(dir)).isEmpty();
        assertThat(TrapDefinitions.load(dir).size()).isGreaterThanOrEqualTo(30);
    }

    @TestFactory
    List<DynamicTest> everyTestFilePasses() {
        Path dir = shippedDefinitions();
        return TrapDefinitionTests.testFiles(dir.resolve("tests")).stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    TrapDefinitionTests.Report report = new TrapDefinitionTests().run(dir, List.of(file));
                    assertThat(report.failures()).as("failed cases in %s", file).isEmpty();
                    assertThat(report.cases()).isGreaterThanOrEqualTo(8);
                }))
                .toList();
    }

    @Test
    void everyDefinitionAlertsAndEveryClearResolvesInSomeCase() {
        Path dir = shippedDefinitions();
        TrapDefinitionTests.Report report = new TrapDefinitionTests()
                .run(dir, TrapDefinitionTests.testFiles(dir.resolve("tests")));
        assertThat(report.failures()).isEmpty();
        assertThat(report.uncovered()).as("definitions and clears without a test trap").isEmpty();
        assertThat(report.cases()).isGreaterThan(60);
    }

    @Test
    void everyDefinitionCitesItsMibInAComment() throws Exception {
        Path dir = shippedDefinitions();
        for (Definition d : TrapDefinitions.load(dir).all()) {
            String[] at = d.where().split(":(?=\\d+$)");
            List<String> lines = Files.readAllLines(Path.of(at[0]));
            int line = Integer.parseInt(at[1]);
            String before = String.join("\n", lines.subList(Math.max(0, line - 4), line - 1));
            assertThat(before).as("comment above %s naming its MIB", d.where())
                    .containsPattern("(MIB|PET|IPMI)");
        }
    }
}
