package dev.vbench.e2e.sched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Native;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Waits that set their own signal mask (pselect6, ppoll, epoll_pwait, rt_sigsuspend) are ended by
 * a signal that mask unblocks (sched/signalwait.c). GNU make -j blocks SIGCHLD everywhere but in
 * its pselect6: a child's exit was judged by the thread's own mask and never interrupted the wait,
 * so `make -j2` hung in most runs, and a sigsuspend after a child that had already exited ended as
 * a deadlock report.
 */
class SignalWaitTest {
    @ParameterizedTest(name = "{0}, child exits {1}")
    @CsvSource({
        "pselect, late", "pselect, early",
        "ppoll, late", "ppoll, early",
        "epoll, late", "epoll, early",
        "sigsuspend, late", "sigsuspend, early",
    })
    void aChildsExitInterruptsAWaitThatUnblocksSigchld(String how, String when) {
        RunResult r = Vbench.runGuest(Vbench.NO_COUNTER, List.of(SchedGuests.path("signalwait"), how, when));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).isEqualTo(how + " " + when
                + ": returned -1 (Interrupted system call), handler ran 1 time(s), child exit 3\n");
    }

    @ParameterizedTest(name = "{0}, child exits {1}")
    @CsvSource({"pselect, early", "sigsuspend, late"})
    void theSameUnderValgrind(String how, String when) {
        RunResult r = Vbench.runGuest(Vbench.VALGRIND, List.of(SchedGuests.path("signalwait"), how, when));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).startsWith(how + " " + when + ": returned -1 (Interrupted system call), handler ran 1");
    }

    /**
     * A signal sent to a process goes to one of its threads (sched/procsignal.c). A worker released
     * from its poll for the child's SIGCHLD, which the main thread then took, used to block in the
     * kernel until the 5 s watchdog preempted it (node did so in every run, 51 s for a one-liner).
     * Seeds 1 to 4 give both takers.
     */
    @ParameterizedTest(name = "sched seed {0}")
    @CsvSource({"1", "2", "3", "4"})
    void aSignalTakenByOneThreadLeavesTheOtherWaitingWithoutTheWatchdog(String seed) {
        RunResult r = SchedCheck.runWithoutWatchdog(List.of("--sched-seed", seed),
                List.of(SchedGuests.path("procsignal", "-pthread")));
        assertThat(r.stdout()).matches("worker: poll interrupted [01] time\\(s\\), read 'x'\nSIGCHLD taken 1 time\\(s\\) in all\n");
    }

    /**
     * A flock another open file holds is taken for the guest when it is released (sched/flockorder.c):
     * the child's blocking flock used to sleep in the kernel while the holder waited for its turn,
     * and the run never ended.
     */
    @Test
    void aFlockWaitsForItsHolderInVirtualTime() {
        Path lock = Processes.scratch("flockorder").resolve("lock");
        RunResult r = SchedCheck.runWithoutWatchdog(List.of(), List.of(SchedGuests.path("flockorder"), lock.toString()));
        assertThat(r.stdout()).isEqualTo("parent locked\nparent unlocks\nchild locked\nchild exited 0\n");
    }

    /**
     * A parallel build twice in one command, compared by --verify: it ends, and both runs agree,
     * including on their inputs (the compiler's temporary files are the run's own, not inputs).
     * It is built once natively first, so that both runs start from a built tree (the first
     * run's clean would otherwise find nothing to remove, and the second five files).
     */
    @Test
    void makeMinusJ2BuildsAndRepeats() throws IOException {
        Path dir = Processes.scratch("makej");
        for (int i = 1; i <= 4; i++) {
            Files.writeString(dir.resolve("f" + i + ".c"),
                    "int f" + i + "(int x) { int s = 0; for (int i = 0; i < x; i++) s += i * " + i + "; return s; }\n");
        }
        Files.writeString(dir.resolve("Makefile"), """
                libf.so: f1.o f2.o f3.o f4.o
                \tgcc -shared -o $@ $^
                %.o: %.c
                \tgcc -O2 -fPIC -c $< -o $@
                clean:
                \trm -f *.o libf.so
                """);
        RunResult built = Native.run(List.of("make", "-s"), Map.of(), dir, Vbench.DEFAULT_TIMEOUT);
        assertThat(built.exitCode()).as(built.describe()).isZero();
        RunResult r = Vbench.runGuest(List.of("--counter", "none", "--verify"),
                List.of("sh", "-c", "make -s clean && make -s -j2 && echo built"), Map.of(), dir);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).isEqualTo("built\n");
        assertThat(dir.resolve("libf.so")).isRegularFile();
    }
}
