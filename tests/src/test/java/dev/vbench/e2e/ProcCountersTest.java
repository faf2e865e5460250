package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Determinism;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The /proc files that count what the host did (CPU ticks, interrupts, forks, page faults,
 * context switches, resident memory, paging, disk and network traffic) change between any two
 * native runs; under vbench they are the virtual machine's. A JVM reads /proc/stat at every start:
 * the length of its host version once made two runs of a JMH guest differ by one byte read.
 */
class ProcCountersTest {
    // The shell reads its own files (a loop with a redirection runs in the shell itself): a child
    // it starts would have the shell's PWD in its environment, and with it another stack layout
    // in the longer working directory Determinism.check also tries.
    private static final String OWN = "while read -r l; do case \"$l\" in Sig*) ;; *) echo \"$l\";; esac; done < ";

    @Test
    void procStatAndAProcesssCountersAreTheSameEveryRun() {
        RunResult r = Determinism.check(Vbench.NO_COUNTER, List.of("sh", "-c",
                "cat /proc/stat; " + OWN + "/proc/self/stat; " + OWN + "/proc/self/statm; " + OWN + "/proc/self/status"),
                true);
        assertThat(r.stdout()).as("the virtual machine's 4 CPUs")
                .contains("\ncpu3 ").doesNotContain("\ncpu4 ")
                .contains("\nctxt 0\n")
                .contains("\nvoluntary_ctxt_switches:\t0\n");
    }

    /** Paging, interrupts, disk and network traffic, stalls, the kernel's objects: the whole host's doing. */
    @Test
    void theMachinesActivityCountersAreTheSameEveryRun() {
        // natively some may be missing (pressure needs PSI): what is there varies anyway
        RunResult r = Determinism.check(Vbench.NO_COUNTER, List.of("sh", "-c",
                "cat /proc/vmstat /proc/zoneinfo /proc/buddyinfo /proc/interrupts /proc/softirqs /proc/diskstats"
                        + " /proc/pressure/cpu /proc/pressure/io /proc/pressure/memory /proc/net/dev /proc/self/net/snmp"
                        + " /proc/sys/fs/file-nr /proc/sys/fs/inode-nr /proc/sys/fs/dentry-state 2>/dev/null; "
                        + OWN + "/proc/self/io; " + OWN + "/proc/self/schedstat; " + OWN + "/proc/self/smaps_rollup; "
                        + "test -e /proc/self/sched && echo the host scheduler; exit 0"),
                true);
        assertThat(r.stdout()).as("the virtual machine's 4 CPUs, nothing paged, read or written")
                .contains("CPU3 ", "\npgpgin 0\n", "\nrchar: 0\n", "\nRss:                   0 kB\n")
                .doesNotContain("CPU4", "the host scheduler");
    }
}
