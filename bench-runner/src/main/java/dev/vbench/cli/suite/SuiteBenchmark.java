package dev.vbench.cli.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One benchmark of a suite, with the suite's {@code defaults} applied (a benchmark's own value wins;
 * {@code env} maps are merged, the benchmark's variables over the defaults').
 *
 * @param index        0-based position in the suite file's {@code benchmarks}
 * @param name         unique within the suite
 * @param command      the program and its arguments as written; a relative program path with a
 *                     slash is relative to {@code cwd}, a bare name is looked up in the PATH
 * @param cwd          absolute directory the benchmark (and its setup) runs in: {@code cwd} of the
 *                     suite resolved against the suite file's directory, which is the default
 * @param env          variables added to the guest's environment, in file order
 * @param setup        a command run natively before the benchmark (not measured), or null; a string
 *                     in the file becomes {@code /bin/sh -c STRING}
 * @param repeat       how many determinized runs must agree (at least 2)
 * @param timeout      wall-time limit of each run, or null for none
 * @param timeoutText  {@code timeout} as written (for the command line of the run)
 * @param thresholdPct the regression threshold in percent, or null for the comparison's default
 * @param counter      auto, valgrind, perf or none; null when the suite does not say
 */
public record SuiteBenchmark(int index, String name, List<String> command, Path cwd, Map<String, String> env,
                             List<String> setup, int repeat, Duration timeout, String timeoutText,
                             Double thresholdPct, String counter) {
    public SuiteBenchmark {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        Objects.requireNonNull(cwd, "cwd");
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        setup = setup == null ? null : List.copyOf(setup);
    }

    /** The environment additions as NAME=VALUE, in order. */
    public List<String> envPairs() {
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
