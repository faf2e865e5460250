package dev.vbench.e2e.sched;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vbench.e2e.support.CpuLoad;
import dev.vbench.e2e.support.Native;
import dev.vbench.e2e.support.Determinism;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scheduler's determinism check: the guest's output varies natively (it is run natively until
 * two different outputs appeared, at most {@link #NATIVE_TRIES} times, since a race need not show
 * on every run) and is identical over three vbench runs while the other cores are busy.
 */
final class SchedCheck {
    static final int NATIVE_TRIES = 8;
    static final int VBENCH_RUNS = 3;
    static final List<String> FAST = List.of("--counter", "none");

    private SchedCheck() {
    }

    /** Runs the guest natively until two runs differ; fails if all {@link #NATIVE_TRIES} agree. */
    static Set<String> assertVariesNatively(List<String> guest) {
        Set<String> seen = new LinkedHashSet<>();
        RunResult last = null;
        for (int i = 0; i < NATIVE_TRIES && seen.size() < 2; i++) {
            last = Native.run(guest, Map.of(), Processes.scratch("native"), Vbench.DEFAULT_TIMEOUT);
            assertThat(last.exitCode()).as("native run %d\n%s", i + 1, last).isZero();
            seen.add(last.stdout());
        }
        assertThat(seen).as("the guest must vary natively (%d runs), else this test proves nothing\n%s",
                NATIVE_TRIES, last).hasSizeGreaterThanOrEqualTo(2);
        return seen;
    }

    /** {@link #VBENCH_RUNS} runs under vbench with the other cores loaded; all exit 0 with one stdout. */
    static RunResult assertIdenticalUnderVbench(List<String> options, List<String> guest) {
        return Determinism.assertAllIdentical(runs(options, guest, VBENCH_RUNS), options);
    }

    /**
     * One run under {@code --counter none} with {@code options}: it exits 0, the watchdog never
     * preempted a thread, and the result says it is deterministic. For guests whose threads used to
     * block in the kernel while the one that would unblock them waited for its turn.
     */
    static RunResult runWithoutWatchdog(List<String> options, List<String> guest) {
        Path json = Processes.scratch("nowatchdog").resolve("result.json");
        List<String> all = new ArrayList<>(FAST);
        all.addAll(options);
        all.addAll(List.of("--json", json.toString()));
        RunResult r = Vbench.runGuest(all, guest);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        try {
            JsonNode benchmark = new ObjectMapper().readTree(json.toFile()).get("benchmarks").get(0);
            assertThat(benchmark.get("scheduler").path("watchdog_preemptions").asLong()).as(benchmark.toString()).isZero();
            assertThat(benchmark.get("deterministic").asBoolean()).as(benchmark.toString()).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return r;
    }

    /** n vbench runs with the other cores loaded. */
    static List<RunResult> runs(List<String> options, List<String> guest, int n) {
        List<RunResult> runs = new ArrayList<>();
        try (CpuLoad load = CpuLoad.otherCores()) {
            for (int i = 0; i < n; i++) {
                runs.add(Vbench.runGuest(options, guest, Map.of(), Processes.scratch("cwd")));
            }
            assertThat(load.running()).as("the CPU load was running all along").isTrue();
        }
        return runs;
    }

    /** Both checks. */
    static RunResult check(List<String> guest) {
        assertVariesNatively(guest);
        return assertIdenticalUnderVbench(FAST, guest);
    }
}
