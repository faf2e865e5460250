package dev.vbench.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The determinism check every class of nondeterminism goes through: the guest's output differs
 * between two native runs (where it varies natively), is identical over three vbench runs while
 * the other core is busy, and stays identical when vbench itself gets a 20 KB bigger environment
 * and a different, much longer working directory (the guest gets the canonical environment).
 */
public final class Determinism {
    public static final int VBENCH_RUNS = 3;

    private Determinism() {
    }

    /** A fresh, empty working directory per run. */
    public static Function<Path, Path> emptyDirs() {
        return dir -> dir;
    }

    public static RunResult check(List<String> vbenchOptions, List<String> guest, boolean variesNatively) {
        return check(vbenchOptions, guest, variesNatively, emptyDirs());
    }

    /**
     * @param prepare fills a fresh directory (given) that becomes the run's working directory and
     *                returns it (it may return a subdirectory)
     */
    public static RunResult check(List<String> vbenchOptions, List<String> guest, boolean variesNatively,
            Function<Path, Path> prepare) {
        if (variesNatively) {
            RunResult n1 = Native.run(guest, Map.of(), prepare.apply(Processes.scratch("native")), Vbench.DEFAULT_TIMEOUT);
            RunResult n2 = Native.run(guest, Map.of(), prepare.apply(Processes.scratch("native")), Vbench.DEFAULT_TIMEOUT);
            assertThat(n1.exitCode()).as("native run 1\n%s", n1).isZero();
            assertThat(n2.exitCode()).as("native run 2\n%s", n2).isZero();
            assertThat(n2.stdout()).as("the guest must vary natively, else this test proves nothing\n%s", n1)
                    .isNotEqualTo(n1.stdout());
        }
        List<RunResult> runs = new ArrayList<>();
        try (CpuLoad load = CpuLoad.otherCores()) {
            for (int i = 0; i < VBENCH_RUNS; i++) {
                runs.add(Vbench.runGuest(vbenchOptions, guest, Map.of(), prepare.apply(Processes.scratch("cwd"))));
            }
            assertThat(load.running()).as("the CPU load was running all along").isTrue();
        }
        RunResult first = assertAllIdentical(runs, vbenchOptions);
        Path longCwd = prepare.apply(longDirectory());
        RunResult moved = Vbench.runGuest(vbenchOptions, guest, Map.of("VBENCH_E2E_BIG", "x".repeat(20 * 1024),
                "VBENCH_E2E_OTHER", "host-only"), longCwd);
        assertThat(moved.exitCode()).as("vbench with a 20 KB bigger environment from %s\n%s", longCwd, moved).isZero();
        assertThat(moved.stdout())
                .as("guest output with a 20 KB bigger host environment and the working directory %s", longCwd)
                .isEqualTo(first.stdout());
        return first;
    }

    /** A fresh directory whose path is some 300 characters longer than a scratch directory's. */
    public static Path longDirectory() {
        Path base = Processes.scratch("long");
        Path dir = base;
        for (int i = 0; i < 5; i++) {
            dir = dir.resolve("a-much-longer-working-directory-name-to-move-the-stack-" + i);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * Every run exited 0 with a non-blank stdout equal to the first run's; returns the first.
     *
     * @param options the vbench options, for the failure message
     */
    public static RunResult assertAllIdentical(List<RunResult> runs, List<String> options) {
        RunResult first = runs.get(0);
        assertThat(first.exitCode()).as("vbench run 1\n%s", first).isZero();
        assertThat(first.stdout()).as("guest output\n%s", first).isNotBlank();
        for (int i = 1; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            assertThat(r.exitCode()).as("vbench run %d\n%s", i + 1, r).isZero();
            assertThat(r.stdout()).as("vbench run %d against run 1 (options %s; stderr: %s)", i + 1, options,
                    r.stderr()).isEqualTo(first.stdout());
        }
        return first;
    }
}
