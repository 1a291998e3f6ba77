package io.mimamori.ruletest;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of one rule test file.
 *
 * @param file     the test file as given
 * @param cases    how many cases ran
 * @param failures one entry per failed check, starting with {@code file:line: case 'name':}; a
 *                 step case's entry spans several lines (expected and actual notifications)
 * @param errors   why the file could not be run at all (unreadable, not YAML, invalid rules),
 *                 each starting with {@code file:line:}; empty when it ran
 */
public record FileResult(Path file, int cases, List<String> failures, List<String> errors) {
    /** Exit code for a file that cannot be read or parsed, or whose rules cannot be loaded. */
    public static final int UNUSABLE = 2;
    /** Exit code for a file with a failed case. */
    public static final int FAILED = 1;

    public FileResult {
        failures = List.copyOf(failures);
        errors = List.copyOf(errors);
    }

    public boolean passed() {
        return failures.isEmpty() && errors.isEmpty();
    }

    /** 0 when every case passed, {@link #FAILED}, or {@link #UNUSABLE}. */
    public int exitCode() {
        return !errors.isEmpty() ? UNUSABLE : failures.isEmpty() ? 0 : FAILED;
    }
}
