package io.mimamori.hub;

import io.mimamori.ruletest.FileResult;
import io.mimamori.ruletest.RuleTestRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mimamori test-rules [--rules DIR] FILE...}: runs rule test files with the decoders of the
 * connectors on the class path and prints one line per file, each failure, and a summary.
 * Exits 0 when every case passed, 1 when one failed, 2 when a file could not be read or run.
 */
@Command(name = "test-rules", mixinStandardHelpOptions = true,
        description = {"Run rule test files (*.test.yaml) against their rule pack and print every difference.",
                "A case gives one input (input: a syslog line, trap: an SNMP trap, cloudwatch: a CloudWatch alarm"
                        + " notification) and the alert fields expected,"
                        + " or steps: inputs at time offsets and the notifications the alert lifecycle must send.",
                "Exit code: 0 all passed, 1 a case failed, 2 a file could not be read or its rules loaded."})
final class TestRulesCommand implements Callable<Integer> {

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Rules directory to test against (default: the test file's parent's parent,"
                    + " e.g. config/rules/syslog for config/rules/syslog/tests/x.test.yaml)")
    Path rulesDir;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Rule test files")
    List<Path> files = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RuleTestRunner runner = RuleTestRunner.withInstalledDecoders(rulesDir);
        int exit = 0;
        int cases = 0;
        int failed = 0;
        int unusable = 0;
        for (Path file : files) {
            FileResult result = runner.run(file);
            cases += result.cases();
            if (!result.errors().isEmpty()) {
                out.flush();
                err.println("ERROR " + file);
                result.errors().forEach(e -> err.println("  " + e));
                err.flush();
            } else if (result.passed()) {
                out.println("PASS " + file + " (" + result.cases() + " cases)");
            } else {
                out.println("FAIL " + file + " (" + result.cases() + " cases, " + result.failures().size() + " failures)");
                result.failures().forEach(f -> out.println("  " + f));
            }
            failed += result.exitCode() == FileResult.FAILED ? 1 : 0;
            unusable += result.exitCode() == FileResult.UNUSABLE ? 1 : 0;
            exit = Math.max(exit, result.exitCode());
        }
        out.println(files.size() + " file(s), " + cases + " case(s): " + (exit == 0 ? "all passed"
                : failed + " file(s) failed, " + unusable + " could not be run"));
        out.flush();
        return exit;
    }
}
