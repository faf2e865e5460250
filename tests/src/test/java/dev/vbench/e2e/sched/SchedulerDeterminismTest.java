package dev.vbench.e2e.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vbench.e2e.support.Counted;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The deterministic scheduler (one guest thread of the whole tree runs at a time): programs whose
 * output depends on the interleaving of threads and processes vary natively and are identical
 * over three vbench runs with the other cores loaded.
 */
class SchedulerDeterminismTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    /**
     * dash vforks, and the child's exec releases the shell: the shell runs on to its wait4 first,
     * so the compute-bound program (about 0.4 s of CPU, past the watchdog's 200 ms) then runs with
     * no thread that could replace it, and nothing preempts it.
     */
    @Test
    void aComputeBoundChildOfAWaitingShellRunsUnpreempted() {
        List<String> guest = List.of("/bin/sh", "-c", Guests.path("qsort") + " 2000000; echo done");
        Counted run = Counted.run(SchedCheck.FAST, guest);
        assertThat(run.run().stdout()).as(run.run().describe()).endsWith("done\n");
        assertThat(run.benchmark().path("deterministic").asBoolean())
                .as("deterministic: %s", run.benchmark()).isTrue();
    }

    @Test
    void unsynchronisedCounterOfFourThreadsHasOneFinalValue() {
        List<String> guest = List.of(SchedGuests.path("racecounter"), "4", "3000000");
        RunResult r = SchedCheck.check(guest);
        assertThat(r.value("expected")).isEqualTo("12000000");
        // no scheduling point inside the increment loop (it makes no system call), and only one
        // thread runs at a time: no increment is lost
        assertThat(r.value("final")).as(r.describe()).isEqualTo("12000000");
    }

    @Test
    void producerConsumerHandOffLogIsIdentical() {
        List<String> guest = List.of(SchedGuests.path("prodcons"), "3", "3", "300");
        RunResult r = SchedCheck.check(guest);
        assertThat(r.value("handoffs")).as(r.describe()).isEqualTo("900");
        assertThat(r.value("log_hash")).as(r.describe()).matches("[0-9a-f]{16}");
        int sum = Arrays.stream(r.value("per_consumer").split(",")).mapToInt(Integer::parseInt).sum();
        assertThat(sum).isEqualTo(900);
    }

    @Test
    void barrierRoundsHaveOneArrivalOrder() {
        List<String> guest = List.of(SchedGuests.path("barrier"), "6", "12");
        RunResult r = SchedCheck.check(guest);
        List<String> rounds = r.stdoutLines();
        assertThat(rounds).as(r.describe()).hasSize(12);
        for (String round : rounds) {
            String ids = round.substring(round.indexOf(':') + 1).trim();
            assertThat(Arrays.stream(ids.split(" ")).sorted().toList()).as("every thread arrives once: %s", round)
                    .containsExactly("0", "1", "2", "3", "4", "5");
        }
    }

    @Test
    void forkTreeWritingToOnePipeArrivesInOneOrder() {
        List<String> guest = List.of(SchedGuests.path("forkpipe"), "4", "25");
        RunResult r = SchedCheck.check(guest);
        List<String> lines = r.stdoutLines();
        assertThat(lines).as(r.describe()).hasSize(4 * 25 + 4);
        for (int k = 0; k < 4; k++) {
            assertThat(lines).contains("child " + k + " status " + (10 + k), "child " + k + " line 24");
        }
    }

    @Test
    void waitpidMinusOneReturnsTheChildrenInOneOrder() {
        List<String> guest = List.of(SchedGuests.path("waitorder"), "5", "3000000");
        RunResult r = SchedCheck.check(guest);
        String order = r.stdout().trim();
        assertThat(order).as(r.describe()).startsWith("order:");
        assertThat(Arrays.stream(order.substring(6).trim().split(" ")).sorted().toList())
                .containsExactly("0", "1", "2", "3", "4");
    }

    @Test
    void twoHundredFiftySixThreadsAppendUnderAMutexInOneOrder() {
        List<String> guest = List.of(SchedGuests.path("manythreads"), "256");
        SchedCheck.assertVariesNatively(guest);
        List<String> options = List.of("--counter", "none", "--summary");
        RunResult r = SchedCheck.assertIdenticalUnderVbench(options, guest);
        assertThat(r.value("count")).as(r.describe()).isEqualTo("256");
        List<Integer> order = Arrays.stream(r.value("order").split(",")).map(Integer::parseInt).toList();
        assertThat(order.stream().sorted().toList()).isEqualTo(IntStream.range(0, 256).boxed().toList());
        // the summary reports the scheduler's work
        assertThat(r.stderr()).as(r.describe()).containsPattern("threads 257")
                .containsPattern("scheduler: +[1-9][0-9]* turns, [0-9]+ context switches, [0-9]+ preemptions");
    }

    @Test
    void pythonThreadsAppendingToAListAreIdentical() {
        assumeTrue(Files.isExecutable(PYTHON), "python3 is not installed");
        List<String> guest = List.of(PYTHON.toString(), SchedGuests.script("pythreads.py").toString(), "4", "300000");
        // warm-up: the first run under vbench may rewrite the stdlib's __pycache__ (files older
        // than the run look as old as --epoch); later runs read what it wrote
        RunResult warm = Vbench.runGuest(SchedCheck.FAST, guest);
        assertThat(warm.exitCode()).as(warm.describe()).isZero();
        RunResult r = SchedCheck.check(guest);
        assertThat(r.value("length")).as(r.describe()).isEqualTo("1200000");
        String runs = r.value("runs");
        assertThat(Arrays.stream(runs.split(" ")).map(s -> s.substring(0, s.indexOf('x')))
                .collect(Collectors.toSet())).as(r.describe()).containsExactlyInAnyOrder("0", "1", "2", "3");
    }
}
