package dev.vbench.core.nativ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vbench.core.run.Redirects;
import dev.vbench.core.spawn.GuestLauncher;
import java.util.List;
import jnr.ffi.Pointer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The remote tracer against real child processes: it traces them as the calling thread would. */
class RemoteTracerTest {
    private final Pointer status = Native.allocate(4);

    @BeforeEach
    void needsTheLibrary() {
        assumeTrue(RemoteTracer.unavailableReason() == null, RemoteTracer.unavailableReason());
    }

    @Test
    @Timeout(20)
    void itSeizesWaitsReadsRegistersAndReapsAsTheTracerThread() {
        int pid = stoppedChild();
        try (RemoteTracer tracer = RemoteTracer.start(lastCpu()); Tracers.Installed used = Tracer.use(tracer)) {
            Ptrace.seize(pid, Ptrace.O_EXITKILL);
            Native.libc().kill(pid, Signals.SIGCONT);
            assertThat(tracer.waitpid(pid, status, WaitStatus.WALL)).isEqualTo(pid);
            assertThat(WaitStatus.stopped(status.getInt(0))).isTrue();

            Registers regs = new Registers();
            regs.load(pid); // through Tracer.current(): the kernel refuses GETREGS from any thread but the tracer
            assertThat(regs.rip()).isNotZero();

            assertThat(tracer.ptrace(Ptrace.GETREGS, 1, 0, 0)).isEqualTo(-1); // init is no tracee of ours
            assertThat(tracer.errno()).isEqualTo(Errno.ESRCH);

            Native.libc().kill(pid, Signals.SIGKILL);
            Ptrace.resume(Ptrace.CONT, pid, 0);
            int r;
            do {
                r = tracer.waitpid(pid, status, WaitStatus.WALL);
            } while (r == pid && WaitStatus.stopped(status.getInt(0)));
            assertThat(WaitStatus.signaled(status.getInt(0))).isTrue();
            assertThat(tracer.waitpid(pid, status, WaitStatus.WALL)).isEqualTo(-1);
            assertThat(tracer.errno()).isEqualTo(Errno.ECHILD);
        }
    }

    @Test
    @Timeout(20)
    void aTraceeStillAliveWhenItClosesIsKilled() {
        int pid = stoppedChild();
        RemoteTracer tracer = RemoteTracer.start(-1);
        tracer.ptrace(Ptrace.SEIZE, pid, 0, Ptrace.O_EXITKILL);
        tracer.close(); // its thread ends just after: PTRACE_O_EXITKILL
        do { // until the end: the parent may see the tracee's stop first, while the thread is still ending
            assertThat(Native.libc().waitpid(pid, status, WaitStatus.WALL)).isEqualTo(pid);
        } while (WaitStatus.stopped(status.getInt(0)));
        assertThat(WaitStatus.signaled(status.getInt(0))).isTrue();
        assertThat(WaitStatus.termSignal(status.getInt(0))).isEqualTo(Signals.SIGKILL);
        assertThatThrownBy(() -> tracer.ptrace(Ptrace.CONT, pid, 0, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @Timeout(20) // a lost wake-up would hang here: fail instead
    void aGuestThatRunsLongerThanTheSpinSleepsTheCallerAndStillWakesIt() {
        int pid = stoppedChild();
        try (RemoteTracer tracer = RemoteTracer.start(lastCpu())) {
            tracer.ptrace(Ptrace.SEIZE, pid, 0, Ptrace.O_EXITKILL);
            Native.libc().kill(pid, Signals.SIGCONT);
            tracer.waitpid(pid, status, WaitStatus.WALL); // the SIGCONT stop
            tracer.ptrace(Ptrace.CONT, pid, 0, 0);
            long start = System.nanoTime();
            int r; // sleep 0.3 runs 300 ms, far beyond the spin: both sides must sleep and be woken
            do {
                r = tracer.waitpid(pid, status, WaitStatus.WALL);
                if (r == pid && WaitStatus.stopped(status.getInt(0))) {
                    tracer.ptrace(Ptrace.CONT, pid, 0, 0);
                }
            } while (r == pid && WaitStatus.stopped(status.getInt(0)));
            assertThat(WaitStatus.exited(status.getInt(0))).isTrue();
            assertThat(System.nanoTime() - start).isGreaterThan(200_000_000L);
        }
    }

    /** /bin/sleep 0.3 behind the launcher shell, stopped before its exec (as vbench starts a guest). */
    private static int stoppedChild() {
        return new GuestLauncher().spawnStopped(List.of("/bin/sleep", "0.3"), List.of("PATH=/usr/bin:/bin"), Redirects.NONE);
    }

    private static int lastCpu() {
        CpuAffinity cpus = CpuAffinity.ofThisThread();
        return cpus == null ? -1 : cpus.last();
    }
}
