package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.ProcScan;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever ends a run (timeout, Ctrl-C, SIGTERM, SIGKILL of vbench, an internal failure, the root
 * guest exiting first), no guest process survives it. The guest tree is 7 processes (root, 3
 * children, 3 grandchildren) that carry a unique marker in argv[1].
 */
class NoOrphansTest {
    private static final int TREE = 7;
    /** Time allowed for the kernel to reap the tree once vbench is gone. */
    private static final long REAP_MILLIS = 3000;

    private String marker;

    @BeforeEach
    void newMarker() {
        marker = "vbench-e2e-orphan-" + UUID.randomUUID();
    }

    @AfterEach
    void killLeftovers() {
        ProcScan.killAll(marker);
    }

    private List<String> tree(String mode) {
        return List.of(Guests.path("tree"), marker, mode);
    }

    /** Starts vbench with SIGINT/SIGTERM at their default action (a background caller may ignore them). */
    private Processes.Started start(List<String> jvmOptions, List<String> runOptions, List<String> guest) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Guests.path("sigdfl"));
        List<String> options = new ArrayList<>(Vbench.NO_COUNTER);
        options.addAll(runOptions);
        cmd.addAll(Vbench.command(jvmOptions, Vbench.runArgs(options, guest)));
        return Processes.start(Processes.builder(cmd, Map.of(), Processes.scratch("orphans")));
    }

    private void assertNoSurvivors(RunResult r) {
        List<ProcScan.Proc> left = ProcScan.awaitNone(marker, REAP_MILLIS);
        assertThat(left).as("guest processes left %d ms after vbench exited\n%s", REAP_MILLIS, r).isEmpty();
    }

    private static void signal(long pid, String sig) {
        RunResult k = Processes.run(List.of("kill", "-" + sig, Long.toString(pid)), Map.of(), null,
                Duration.ofSeconds(10));
        assertThat(k.exitCode()).as(k.describe()).isZero();
    }

    @Test
    void timeoutKillsTheWholeTree() {
        Processes.Started s = start(List.of(), List.of("--timeout", "2s"), tree("spin"));
        RunResult r = s.await(Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(124);
        assertThat(r.wall()).as(r.describe()).isLessThan(Duration.ofSeconds(8)).isGreaterThan(Duration.ofMillis(1900));
        assertNoSurvivors(r);
    }

    // A tree that only waits in pause() is a deadlock to the deterministic scheduler (every thread
    // waits for a signal no guest thread can send): the run ends at once with exit 3. Trees that
    // must stay alive until the test signals vbench therefore loop on getppid and 1 us sleeps.

    @Test
    void deadlockedTreeExits3AndLeavesNoGuest() {
        Processes.Started s = start(List.of(), List.of("--timeout", "60s"), tree("pause"));
        RunResult r = s.await(Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
        assertThat(r.stderr()).as(r.describe()).contains("deadlock").contains("waits for a signal");
        assertThat(r.wall()).as("the deadlock is found at once, not at the timeout\n%s", r)
                .isLessThan(Duration.ofSeconds(20));
        assertNoSurvivors(r);
    }

    @Test
    void ctrlCKillsTheWholeTreeAndExits130() {
        Processes.Started s = start(List.of(), List.of(), tree("syscalls"));
        ProcScan.awaitAtLeast(marker, s.pid(), TREE, 20_000);
        signal(s.pid(), "INT");
        RunResult r = s.await(Duration.ofSeconds(20));
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(130);
        assertNoSurvivors(r);
    }

    @Test
    void sigtermKillsTheWholeTree() {
        Processes.Started s = start(List.of(), List.of(), tree("spin"));
        ProcScan.awaitAtLeast(marker, s.pid(), TREE, 20_000);
        signal(s.pid(), "TERM");
        RunResult r = s.await(Duration.ofSeconds(20));
        assertThat(r.exitCode()).as(r.describe()).isNotZero();
        assertNoSurvivors(r);
    }

    @Test
    void sigkillOfVbenchLeavesNoGuest() {
        Processes.Started s = start(List.of(), List.of(), tree("syscalls"));
        ProcScan.awaitAtLeast(marker, s.pid(), TREE, 20_000);
        signal(s.pid(), "KILL");
        RunResult r = s.await(Duration.ofSeconds(20));
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(137);
        assertNoSurvivors(r);
    }

    @Test
    void internalFailureKillsTheTreeAndExits125() {
        Processes.Started s = start(List.of("-Dvbench.fault.afterSyscalls=200"), List.of("--timeout", "30s"),
                tree("syscalls"));
        RunResult r = s.await(Duration.ofSeconds(40));
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(125);
        assertThat(r.stderr()).as(r.describe()).contains("fault injected");
        assertNoSurvivors(r);
    }

    @Test
    void backgroundChildDoesNotOutliveTheRootGuest() {
        List<String> guest = List.of("/bin/sh", "-c", "\"$0\" \"$1\" & exit 0", Guests.path("pause"), marker);
        Processes.Started s = start(List.of(), List.of("--timeout", "60s"), guest);
        RunResult r = s.await(Duration.ofSeconds(30));
        assertThat(r.wall()).as("vbench exits promptly when the root guest exits\n%s", r)
                .isLessThan(Duration.ofSeconds(10));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertNoSurvivors(r);
    }
}
