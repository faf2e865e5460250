package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Determinism;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The /proc files that count what the host did (CPU ticks, interrupts, forks, page faults,
 * context switches, resident memory) change between any two native runs; under vbench they are
 * the virtual machine's. A JVM reads /proc/stat at every start: the length of its host version
 * once made two runs of a JMH guest differ by one byte read.
 */
class ProcCountersTest {
    @Test
    void procStatAndAProcesssCountersAreTheSameEveryRun() {
        // The shell reads its own files (a loop with a redirection runs in the shell itself): a child
        // it starts would have the shell's PWD in its environment, and with it another stack layout
        // in the longer working directory Determinism.check also tries.
        String own = "while read -r l; do case \"$l\" in Sig*) ;; *) echo \"$l\";; esac; done < ";
        RunResult r = Determinism.check(Vbench.NO_COUNTER, List.of("sh", "-c",
                "cat /proc/stat; " + own + "/proc/self/stat; " + own + "/proc/self/statm; " + own + "/proc/self/status"),
                true);
        assertThat(r.stdout()).as("the virtual machine's 4 CPUs")
                .contains("\ncpu3 ").doesNotContain("\ncpu4 ")
                .contains("\nctxt 0\n")
                .contains("\nvoluntary_ctxt_switches:\t0\n");
    }
}
