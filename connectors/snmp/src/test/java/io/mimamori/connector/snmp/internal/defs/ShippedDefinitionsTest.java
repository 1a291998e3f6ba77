package io.mimamori.connector.snmp.internal.defs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.ruletest.FileResult;
import io.mimamori.ruletest.RuleTestRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** Every shipped test file, time-step cases included, as {@code mimamori test-rules} runs it. */
    @TestFactory
    List<DynamicTest> everyTestFilePasses() {
        Path dir = shippedDefinitions();
        RuleTestRunner runner = RuleTestRunner.withInstalledDecoders(null);
        return TrapDefinitionTests.testFiles(dir.resolve("tests")).stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    FileResult result = runner.run(file);
                    assertThat(result.errors()).as("%s cannot be run", file).isEmpty();
                    assertThat(result.failures()).as("failed cases in %s", file).isEmpty();
                    assertThat(result.cases()).isGreaterThanOrEqualTo(3);
                }))
                .toList();
    }

    /** Coverage of the single-input cases; time-step cases are for the lifecycle and checked above. */
    @Test
    void everyDefinitionAlertsAndEveryClearResolvesInSomeCase() {
        Path dir = shippedDefinitions();
        TrapDefinitionTests.Report report = new TrapDefinitionTests()
                .run(dir, TrapDefinitionTests.testFiles(dir.resolve("tests")));
        assertThat(report.uncovered()).as("definitions and clears without a test trap").isEmpty();
        assertThat(report.cases()).isGreaterThan(60);
    }

    /** {@code # MIB: MODULE, revision or date, URL of the public text} (or {@code # Source:} for a specification). */
    static final Pattern PROVENANCE = Pattern.compile("^# (MIB|Source): ([A-Za-z][A-Za-z0-9 .-]*?),? .*$");
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    @Test
    void everyFileSaysWhereItsOidsComeFromAndEveryDefinitionNamesThatSource() throws Exception {
        Path dir = shippedDefinitions();
        Map<Path, List<String>> sources = new HashMap<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                List<String> lines = Files.readAllLines(file);
                List<String> names = new ArrayList<>();
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = PROVENANCE.matcher(lines.get(i));
                    if (m.matches()) {
                        // the URL may wrap onto the comment's next lines
                        String block = String.join(" ", lines.subList(i, Math.min(lines.size(), i + 8)));
                        assertThat(URL.matcher(block).find()).as("%s:%d: %s names no URL of its text", file, i + 1,
                                m.group(1)).isTrue();
                        names.add(m.group(1).equals("MIB") ? m.group(2).trim() : "PET");
                    }
                }
                assertThat(names).as("%s: '# MIB: NAME, revision, URL' lines", file).isNotEmpty();
                sources.put(file.toAbsolutePath().normalize(), names);
            }
        }
        for (Definition d : TrapDefinitions.load(dir).all()) {
            String[] at = d.where().split(":(?=\\d+$)");
            Path file = Path.of(at[0]).toAbsolutePath().normalize();
            List<String> lines = Files.readAllLines(file);
            int line = Integer.parseInt(at[1]);
            String before = String.join("\n", lines.subList(Math.max(0, line - 4), line - 1));
            List<String> names = sources.get(file);
            assertThat(names).as("%s: definition '%s' should name one of %s in the comment above it", d.where(),
                    d.name(), names).anyMatch(before::contains);
        }
    }
}
