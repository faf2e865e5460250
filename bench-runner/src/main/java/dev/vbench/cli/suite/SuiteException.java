package dev.vbench.cli.suite;

/**
 * A suite file that cannot be used. The message is complete and meant for the user: it names the
 * file, the benchmark (or {@code defaults}) and the key, e.g.
 * {@code suite.json: benchmark "qsort": unknown key "repaet" (did you mean "repeat"?)}.
 */
public final class SuiteException extends Exception {
    public SuiteException(String message) {
        super(message);
    }
}
