package dev.vbench.e2e.sched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.ProcScan;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real deadlock (AB/BA mutexes) ends the run with exit 3 and a report naming the waiting threads. */
class DeadlockTest {
    private final String marker = "vbench-e2e-deadlock-" + UUID.randomUUID();

    @AfterEach
    void killLeftovers() {
        ProcScan.killAll(marker);
    }

    @Test
    void abBaDeadlockExitsThreeWithAReportAndLeavesNoGuest() {
        List<String> guest = List.of(SchedGuests.path("deadlock"), marker);
        RunResult r = Vbench.run(Vbench.runArgs(SchedCheck.FAST, guest), Map.of(), null, Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
        assertThat(r.wall()).as("the deadlock is found at once\n%s", r).isLessThan(Duration.ofSeconds(8));
        assertThat(r.stdout()).as(r.describe()).contains("both threads started");
        assertThat(r.stderr().toLowerCase()).as(r.describe()).contains("deadlock");
        // the main thread is 1000, the two lockers 1001 and 1002 (threads are numbered in creation order)
        assertThat(r.stderr()).as("the report names every waiting thread\n%s", r)
                .contains("thread 1000", "thread 1001", "thread 1002");
        List<ProcScan.Proc> left = ProcScan.awaitNone(marker, 3000);
        assertThat(left).as("guest processes left after the deadlock\n%s", r).isEmpty();
    }

    @Test
    void theDeadlockReportIsDeterministic() {
        List<String> guest = List.of(SchedGuests.path("deadlock"), marker);
        RunResult a = Vbench.run(Vbench.runArgs(SchedCheck.FAST, guest), Map.of(), null, Duration.ofSeconds(30));
        RunResult b = Vbench.run(Vbench.runArgs(SchedCheck.FAST, guest), Map.of(), null, Duration.ofSeconds(30));
        assertThat(a.exitCode()).as(a.describe()).isEqualTo(3);
        assertThat(b.stderr()).as("deadlock reports of two runs").isEqualTo(a.stderr());
        assertThat(ProcScan.awaitNone(marker, 3000)).isEmpty();
    }
}
