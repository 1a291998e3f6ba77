package io.mimamori.connector.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mimamori.connector.snmp.internal.defs.ShippedDefinitionsTestAccess;
import io.mimamori.connector.snmp.internal.defs.TrapDefinitionsAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every OID of the shipped trap definitions against the MIB module its file names ({@code # MIB: NAME, ...}),
 * compiled by libsmi's smidump (through {@code mib import}): each object and each trap the MIB defines under
 * the same name must have the same OID. A module whose file is not installed is skipped with a message
 * saying where it was looked for (net-snmp's {@code /usr/share/snmp/mibs} carries none of them; Debian's
 * snmp-mibs-downloader puts the IETF ones in {@code /usr/share/snmp/mibs/ietf}); {@code -Dmimamori.mibs=DIR}
 * adds a directory, e.g. one holding vendor MIB files.
 */
class ShippedOidsMatchMibsIT {

    private static final Pattern MIB_LINE = Pattern.compile("^# MIB: ([A-Za-z][A-Za-z0-9-]*),");
    /** {@code  name: OID} or {@code  name: { oid: OID, ...}} under objects:, and {@code - name: N / oid: O} under traps:. */
    private static final Pattern SKELETON_OBJECT = Pattern.compile("^  ([A-Za-z][A-Za-z0-9_-]*): (?:\\{ oid: )?([0-9.]+)");
    private static final Pattern SKELETON_TRAP = Pattern.compile("^  - name: ([A-Za-z][A-Za-z0-9_-]*)\\n    oid: ([0-9.]+)",
            Pattern.MULTILINE);
    private static final List<String> SUFFIXES = List.of("", ".txt", ".mib", ".my", ".MIB");

    static List<Path> mibDirectories() {
        Set<String> dirs = new LinkedHashSet<>();
        String extra = System.getProperty("mimamori.mibs");
        if (extra != null && !extra.isBlank()) {
            dirs.addAll(List.of(extra.split(":")));
        }
        String smiPath = System.getenv("SMIPATH");
        if (smiPath != null && !smiPath.isBlank()) {
            dirs.addAll(List.of(smiPath.split(":")));
        }
        dirs.addAll(List.of("/usr/share/snmp/mibs", "/usr/share/snmp/mibs/ietf", "/usr/share/snmp/mibs/iana",
                "/usr/share/mibs/ietf", "/usr/share/mibs/iana", "/usr/share/mibs/site", "/usr/share/mibs/netsnmp"));
        return dirs.stream().map(Path::of).toList();
    }

    static Optional<Path> find(String module, List<Path> dirs) {
        for (Path dir : dirs) {
            for (String suffix : SUFFIXES) {
                Path f = dir.resolve(module + suffix);
                if (Files.isRegularFile(f)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** The MIB modules each shipped file names, in file order. */
    static Map<Path, List<String>> modulesByFile(Path definitions) throws IOException {
        Map<Path, List<String>> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(definitions)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                List<String> modules = new ArrayList<>();
                for (String line : Files.readAllLines(f)) {
                    Matcher m = MIB_LINE.matcher(line);
                    if (m.find()) {
                        modules.add(m.group(1));
                    }
                }
                out.put(f, modules);
            }
        }
        return out;
    }

    /** Name to OID of every object and notification in the {@code mib import} skeleton of {@code mib}. */
    static Map<String, String> compiled(Path mib, List<Path> dirs) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int code = MibImport.run(List.of(mib), dirs.stream().filter(Files::isDirectory).toList(), out, err);
        assertThat(code).as("smidump on %s: %s", mib, err).isZero();
        Map<String, String> oids = new LinkedHashMap<>();
        boolean inObjects = false;
        for (String line : out.toString().split("\n")) {
            if (line.equals("objects:") || line.equals("traps:")) {
                inObjects = line.equals("objects:");
                continue;
            }
            Matcher m = SKELETON_OBJECT.matcher(line);
            if (inObjects && m.find()) {
                oids.put(m.group(1), m.group(2));
            }
        }
        Matcher t = SKELETON_TRAP.matcher(out);
        while (t.find()) {
            oids.put(t.group(1), t.group(2));
        }
        return oids;
    }

    /** Differences between the shipped names of {@code file} and the compiled MIB, and how many names matched. */
    static List<String> compare(String file, Map<String, String[]> shipped, Map<String, String> mib, int[] matched) {
        List<String> wrong = new ArrayList<>();
        shipped.forEach((name, oidAndFile) -> {
            String expected = mib.get(name);
            if (expected != null && oidAndFile[1].equals(file)) {
                matched[0]++;
                if (!expected.equals(oidAndFile[0])) {
                    wrong.add(file + ": " + name + " is " + oidAndFile[0] + " here but " + expected + " in the MIB");
                }
            }
        });
        return wrong;
    }

    @TestFactory
    List<DynamicTest> everyShippedOidIsTheOneItsMibDefines() throws IOException {
        Path definitions = ShippedDefinitionsTestAccess.shippedDefinitions();
        List<Path> dirs = mibDirectories();
        Map<String, String[]> shipped = new LinkedHashMap<>(TrapDefinitionsAccess.objectOids(definitions));
        TrapDefinitionsAccess.namedOids(definitions).forEach(shipped::putIfAbsent);
        List<DynamicTest> tests = new ArrayList<>();
        modulesByFile(definitions).forEach((file, modules) -> modules.forEach(module -> tests.add(
                DynamicTest.dynamicTest(file.getFileName() + " against " + module, () -> {
                    Optional<Path> mib = find(module, dirs);
                    assumeTrue(mib.isPresent(), () -> module + " is not installed (looked for " + module
                            + "[.txt|.mib|.my] in " + dirs + "): the OIDs " + file.getFileName()
                            + " takes from it are not compared here; put the MIB file in one of those directories"
                            + " or give -Dmimamori.mibs=DIR");
                    Map<String, String> compiled = compiled(mib.get(), dirs);
                    int[] matched = {0};
                    List<String> wrong = compare(file.getFileName().toString(), shipped, compiled, matched);
                    assertThat(wrong).as("OIDs that differ from %s", mib.get()).isEmpty();
                    assertThat(matched[0]).as("names of %s found in %s (does the file name the right MIB?)",
                            file.getFileName(), mib.get()).isPositive();
                }))));
        return tests;
    }

    /** The comparison itself, on a small MIB that is always there: a right OID passes, a wrong one is named. */
    @Test
    void aWrongOidIsReportedWithBothValues(@TempDir Path tmp) throws Exception {
        Path mib = Path.of(ShippedOidsMatchMibsIT.class.getResource("/mibs/ACME-FAN-MIB").toURI());
        Map<String, String> compiled = compiled(mib, List.of());
        assertThat(compiled).containsEntry("acmeFanFailed", "1.3.6.1.4.1.99999.2.0.1")
                .containsEntry("acmeFanStatus", "1.3.6.1.4.1.99999.1.2");
        Map<String, String[]> shipped = Map.of(
                "acmeFanFailed", new String[] {"1.3.6.1.4.1.99999.2.0.1", "60-acme.yaml"},
                "acmeFanStatus", new String[] {"1.3.6.1.4.1.99999.1.3", "60-acme.yaml"},
                "unrelated", new String[] {"1.3.6.1.4.1.1", "60-acme.yaml"});
        int[] matched = {0};
        assertThat(compare("60-acme.yaml", shipped, compiled, matched))
                .containsExactly("60-acme.yaml: acmeFanStatus is 1.3.6.1.4.1.99999.1.3 here but 1.3.6.1.4.1.99999.1.2 in the MIB");
        assertThat(matched[0]).isEqualTo(2);
    }
}
