package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Counted;
import dev.vbench.e2e.support.CpuLoad;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.Native;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A multithreaded guest under a counter: 4 threads take a mutex 200 times each and log every
 * hand-off of the lock, yielding now and then. The log varies natively; under vbench one thread
 * runs at a time, chosen deterministically, so the log, the counted work and virtual time are the
 * same on every run.
 */
class MultithreadedCounterTest {
    private static final int RUNS = 3;

    private static List<String> guest() {
        return List.of(Guests.path("threads"));
    }

    @Test
    void theHandOffLogVariesNatively() {
        Set<String> logs = new HashSet<>();
        for (int i = 0; i < 5 && logs.size() < 2; i++) {
            RunResult r = Native.run(guest());
            assertThat(r.exitCode()).as(r.describe()).isZero();
            logs.add(r.stdout());
        }
        assertThat(logs).as("the guest must vary natively, else the tests below prove nothing").hasSizeGreaterThan(1);
    }

    @Test
    void identicalLogCountsAndVirtualTimeUnderValgrind() {
        assertIdentical(Vbench.VALGRIND);
    }

    /** The scheduler alone, without a counter: the same log on every run. */
    @Test
    void identicalLogWithoutACounter() {
        List<RunResult> runs = new ArrayList<>();
        try (CpuLoad load = CpuLoad.otherCores()) {
            for (int i = 0; i < RUNS; i++) {
                runs.add(Vbench.runGuest(Vbench.NO_COUNTER, guest()));
            }
        }
        for (RunResult r : runs) {
            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.stdout()).as("run against run 1 (4 threads, --counter none)\n%s", r)
                    .isEqualTo(runs.get(0).stdout());
        }
    }

    private static void assertIdentical(List<String> options) {
        List<Counted> runs = new ArrayList<>();
        try (CpuLoad load = CpuLoad.otherCores()) {
            for (int i = 0; i < RUNS; i++) {
                runs.add(Counted.run(options, guest()));
            }
        }
        Counted first = runs.get(0);
        assertThat(first.run().value("handoffs")).as(first.run().describe()).isNotNull();
        assertThat(first.benchmark().path("threads").asInt()).as("the main thread and 4 others: %s",
                first.benchmark()).isEqualTo(5);
        assertThat(first.benchmark().path("deterministic").asBoolean()).as(first.benchmark().toString()).isTrue();
        for (int i = 1; i < RUNS; i++) {
            Counted r = runs.get(i);
            assertThat(r.run().stdout()).as("hand-off log of run %d against run 1 (%s; run 1: %s)", i + 1,
                    r.work(), first.work()).isEqualTo(first.run().stdout());
            assertThat(r.work()).as("counted work of run %d against run 1", i + 1).isEqualTo(first.work());
            assertThat(r.benchmark().path("per_thread")).as("per-thread counts of run %d", i + 1)
                    .isEqualTo(first.benchmark().path("per_thread"));
        }
    }
}
