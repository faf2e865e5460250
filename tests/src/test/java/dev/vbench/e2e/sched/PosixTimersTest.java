package dev.vbench.e2e.sched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Native;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * POSIX timers run on virtual time (sched/posixtimer.c, and coreutils' timeout, which arms one).
 * In the kernel they ran on wall time: `timeout 0.2 sleep 5` exited 0 under vbench (the sleep took
 * no wall time), and a timer that did fire came at a point the wall clock chose.
 */
class PosixTimersTest {
    @Test
    void timersTellWhatTheyTellNativelyUnderBothCounters() {
        List<String> guest = List.of(SchedGuests.path("posixtimer", "-pthread"));
        RunResult nat = Native.run(guest, Map.of(), Processes.scratch("posixtimer"), Vbench.DEFAULT_TIMEOUT);
        assertThat(nat.exitCode()).as(nat.describe()).isZero();
        for (List<String> counter : List.of(Vbench.NO_COUNTER, Vbench.VALGRIND)) {
            RunResult r = Vbench.runGuest(Vbench.options(counter, "--verify"), guest);
            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.stdout()).as("under %s", counter).isEqualTo(nat.stdout());
        }
    }

    @ParameterizedTest(name = "timeout {0} sleep {1}: {2}")
    @CsvSource({"0.2, 5, 124", "5, 0.3, 0", "-s INT 1, 3, 124"})
    void coreutilsTimeoutTimesOutOnVirtualTime(String timeout, String sleep, String status) {
        RunResult r = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--verify"),
                List.of("sh", "-c", "timeout " + timeout + " sleep " + sleep + "; echo $?"));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).isEqualTo(status + "\n");
    }
}
