package dev.vbench.e2e.support;

import java.time.Duration;
import java.util.List;

/** What one process run produced: its exit code, its whole stdout and stderr, and its wall time. */
public record RunResult(List<String> command, int exitCode, String stdout, String stderr, Duration wall) {

    public List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    /** The value of the first stdout line "key=value", or null. */
    public String value(String key) {
        for (String line : stdoutLines()) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1);
            }
        }
        return null;
    }

    /** Every stdout line "key=value" as a map (first occurrence wins). */
    public java.util.Map<String, String> values() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String line : stdoutLines()) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.putIfAbsent(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    /** A description for assertion messages. */
    public String describe() {
        return "command " + command + "\nexit " + exitCode + " after " + wall.toMillis() + " ms\n--- stdout ---\n"
                + abbreviate(stdout) + "\n--- stderr ---\n" + abbreviate(stderr);
    }

    private static String abbreviate(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 2000) + "\n[...]\n" + s.substring(s.length() - 2000);
    }

    @Override
    public String toString() {
        return describe();
    }
}
