package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Determinism;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The machine's identity, processor and memory counts, the CPU, and every pid the guest sees. */
class IdentityDeterminismTest {
    private static final List<String> CPU_COUNTS = List.of("get_nprocs", "get_nprocs_conf",
            "sysconf_nprocessors_onln", "sysconf_nprocessors_conf", "affinity_count", "cpuinfo.processors");

    @Test
    void identityIsIdenticalAcrossRunsAndVariesNatively() {
        RunResult r = Determinism.check(Vbench.NO_COUNTER, List.of(Guests.path("identity")), true);
        Map<String, String> v = r.values();
        assertThat(v).as(r.describe())
                .containsEntry("uname.sysname", "Linux")
                .containsEntry("uname.nodename", "vbench")
                .containsEntry("uname.release", "6.1.0-vbench")
                .containsEntry("uname.machine", "x86_64")
                .containsEntry("hostname", "vbench")
                .containsEntry("sched_getcpu", "0")
                .containsEntry("sys.cpu.online", "0-3")
                .containsEntry("sysinfo.totalram", String.valueOf(8L << 30))
                .containsEntry("meminfo.memtotal_kb", String.valueOf(8L << 20))
                .containsEntry("pid", "1000")
                .containsEntry("tid", "1000")
                .containsEntry("ppid", "1")
                .containsEntry("fork.child_pid", "1001")
                .containsEntry("waitpid", "1001")
                .containsEntry("child.self_and_parent", "1001 1000")
                .containsEntry("child.exit", "7");
        for (String k : CPU_COUNTS) {
            assertThat(v).as(r.describe()).containsEntry(k, "4");
        }
    }

    @Test
    void cpusAndMemoryOptionsChangeTheMachine() {
        RunResult r = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--cpus", "3", "--memory", "1G"), List.of(Guests.path("identity")));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        Map<String, String> v = r.values();
        for (String k : CPU_COUNTS) {
            assertThat(v).as(r.describe()).containsEntry(k, "3");
        }
        assertThat(v).as(r.describe())
                .containsEntry("sys.cpu.online", "0-2")
                .containsEntry("sysinfo.totalram", String.valueOf(1L << 30))
                .containsEntry("meminfo.memtotal_kb", String.valueOf(1L << 20));
        RunResult again = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--cpus", "3", "--memory", "1G"), List.of(Guests.path("identity")));
        assertThat(again.stdout()).isEqualTo(r.stdout());
    }
}
