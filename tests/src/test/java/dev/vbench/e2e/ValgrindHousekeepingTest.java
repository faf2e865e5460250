package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vbench.e2e.support.Counted;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Valgrind's own per-time-slice calls (four gettid, the big lock's pipe read and write, a signal
 * poll) go through vbcount's private system call instruction, which the filter lets through: they
 * cost no supervisor stop while no other guest thread could run (vb_housekeeping.c). While one
 * could, the lock's hand-offs still stop, as the scheduler's preemption points; forked children
 * get their own thread ids.
 */
class ValgrindHousekeepingTest {
    private static final Pattern RUNTIME_CALLS = Pattern.compile("the supervisor saw (\\d+) system calls of the Valgrind process");

    @Test
    void eightTimesTheWorkMakesNoMoreStops() {
        Counted small = Counted.run(Vbench.VALGRIND, List.of(Guests.path("qsort"), "100000"));
        Counted large = Counted.run(Vbench.VALGRIND, List.of(Guests.path("qsort"), "800000"));
        assertThat(large.counter("instructions")).as("the larger sort is at least 8x the work: %s against %s",
                large.work(), small.work()).isGreaterThan(8 * small.counter("instructions"));
        // 800000 elements are about 400M instructions, some 1500 of Valgrind's 100k-block time
        // slices: at 7 calls per slice, 10000 stops more than the small sort before this change.
        assertThat(runtimeCalls(large) - runtimeCalls(small))
                .as("stops of the Valgrind process: %d for the small sort, %d for the large one",
                        runtimeCalls(small), runtimeCalls(large))
                .isBetween(-5L, 5L);
        long smallTurns = small.benchmark().path("scheduler").path("turns").asLong();
        long largeTurns = large.benchmark().path("scheduler").path("turns").asLong();
        assertThat(largeTurns - smallTurns).as("scheduler turns: %d and %d", smallTurns, largeTurns)
                .isBetween(-5L, 5L);
    }

    /**
     * Forked children run several time slices each. Valgrind's scheduler checks at every slice
     * that the thread id it holds is its own (a stale cached id would abort the child), and each
     * child's lock and signal housekeeping is then private to it.
     */
    @Test
    void forkedChildrenRunManySlicesAndTheTreeIsIdenticalOverTwoRuns() {
        List<String> guest = List.of(Guests.path("sched/forkpipe"), "4", "25");
        Counted first = Counted.run(Vbench.VALGRIND, guest, Processes.scratch("forkpipe"));
        Counted second = Counted.run(Vbench.VALGRIND, guest, Processes.scratch("forkpipe"));
        assertThat(first.run().stdout().lines().filter(l -> l.matches("child \\d+ line \\d+")).count())
                .as(first.run().describe()).isEqualTo(100);
        assertThat(first.benchmark().path("processes").asInt()).as(first.work()).isEqualTo(5);
        assertThat(second.run().stdout()).isEqualTo(first.run().stdout());
        assertThat(second.work()).isEqualTo(first.work());
    }

    /**
     * Two single-threaded sorts side by side: while the other could run, each one's big-lock
     * hand-offs stop again, so the scheduler switches between them at Valgrind's time slices.
     */
    @Test
    void twoProcessesComputingSideBySideArePreemptedAtTimeSlices() {
        String sort = Guests.path("qsort") + " 300000";
        List<String> guest = List.of("/bin/sh", "-c", sort + " & " + sort + "; wait");
        Counted first = Counted.run(Vbench.VALGRIND, guest, Processes.scratch("pair"));
        Counted second = Counted.run(Vbench.VALGRIND, guest, Processes.scratch("pair"));
        JsonNode scheduler = first.benchmark().path("scheduler");
        assertThat(scheduler.path("preemptions").asLong()).as("%s", scheduler).isGreaterThan(10);
        assertThat(first.benchmark().path("deterministic").asBoolean()).as("%s", first.benchmark()).isTrue();
        assertThat(second.benchmark().path("scheduler")).isEqualTo(scheduler);
        assertThat(second.run().stdout()).isEqualTo(first.run().stdout());
        assertThat(second.work()).isEqualTo(first.work());
    }

    /** Four threads racing on a counter: the lock's hand-offs are preemption points again. */
    @Test
    void threadsArePreemptedAtTheLockAndIdenticalOverTwoRuns() {
        List<String> guest = List.of(Guests.path("sched/racecounter"));
        Counted first = Counted.run(Vbench.VALGRIND, guest, Processes.scratch("race"));
        Counted second = Counted.run(Vbench.VALGRIND, guest, Processes.scratch("race"));
        JsonNode scheduler = first.benchmark().path("scheduler");
        assertThat(scheduler.path("preemptions").asLong()).as("%s", scheduler).isPositive();
        assertThat(second.benchmark().path("scheduler")).isEqualTo(scheduler);
        assertThat(second.run().stdout()).isEqualTo(first.run().stdout());
        assertThat(second.work()).isEqualTo(first.work());
    }

    /**
     * vbcount answers rdtsc from the virtual clock, which the counts drive: a loop far shorter
     * than a time slice moves the virtual TSC by its own work, and twice the loop twice as far.
     */
    @Test
    void theTscMovesWithTheWorkOfALoopShorterThanATimeSlice() {
        List<String> guest = List.of(Guests.path("tsc"), "1000");
        Counted first = Counted.run(Vbench.VALGRIND, guest);
        Counted second = Counted.run(Vbench.VALGRIND, guest);
        long once = Long.parseLong(first.run().value("once"));
        long twice = Long.parseLong(first.run().value("twice"));
        // 1000 iterations are 1000 conditional branches, 10 ns each in the default model: 1 GHz ticks.
        assertThat(once).as(first.run().describe()).isBetween(10_000L, 11_000L);
        assertThat(twice - 2 * once).as("twice=%d once=%d", twice, once).isBetween(-200L, 200L);
        assertThat(second.run().stdout()).isEqualTo(first.run().stdout());
    }

    /**
     * A spin-wait on the TSC (OpenBLAS's idle workers poll it so) costs no stop per read: vbcount
     * prices the counts since the base the supervisor wrote at the last resume, as the clock will
     * at the next stop. Each read made a clock_gettime stop before (200,174 stops for this run).
     */
    @Test
    void aSpinOnTheTscMakesNoStopsAndAgreesWithTheClock() {
        List<String> guest = List.of(Guests.path("tscspin"), "2000000");
        Counted first = Counted.run(Vbench.VALGRIND, guest);
        Counted second = Counted.run(Vbench.VALGRIND, guest);
        RunResult r = first.run();
        // Two conditional branches a turn, 10 ns each in the guest's model: 2 ms are 100,000 turns.
        assertThat(Long.parseLong(r.value("reads"))).as(r.describe()).isBetween(90_000L, 210_000L);
        assertThat(runtimeCalls(first)).as("stops of the Valgrind process").isLessThan(1_000L);
        assertThat(r.value("backwards")).isEqualTo("0");
        // The TSC is GuestClock.TSC_ORIGIN + elapsed and CLOCK_MONOTONIC 60 s + elapsed: the clock read lies
        // between the TSC reads around it.
        long monoAsTsc = Long.parseLong(r.value("mono")) + (1L << 40) - 60_000_000_000L;
        assertThat(monoAsTsc).as(r.stdout()).isBetween(Long.parseLong(r.value("before")), Long.parseLong(r.value("after")));
        assertThat(second.run().stdout()).isEqualTo(r.stdout());
        assertThat(second.work()).isEqualTo(first.work());
    }

    private static long runtimeCalls(Counted run) {
        for (JsonNode note : run.benchmark().path("notes")) {
            Matcher m = RUNTIME_CALLS.matcher(note.asText());
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("no note on the Valgrind process's system calls: " + run.benchmark().path("notes"));
    }
}
