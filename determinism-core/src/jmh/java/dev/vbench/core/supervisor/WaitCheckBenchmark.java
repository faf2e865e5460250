package dev.vbench.core.supervisor;

import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.Readiness;
import dev.vbench.core.guest.SignalMasks;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.nativ.Native;
import dev.vbench.core.sched.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What every dispatch asks of the parked threads when none of their waits is over: the wait
 * checker's pass ({@code wakeReady}) and whether another thread could take the CPU
 * ({@code othersCouldRun}). {@code parked} threads wait on futexes, with no deadline (the idle
 * threads of a big process: {@code waits=futex}) or with a far one (pthread_cond_timedwait, a pool's
 * idle workers that time out: {@code waits=timed}), or read an empty eventfd ({@code waits=read}:
 * threads blocked on descriptors, probed as the supervisor probes them, through pidfd_getfd of this
 * JVM's own eventfds), and one sleeps until a far deadline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = "-Djnr.ffi.x86asm.enabled=false")
public class WaitCheckBenchmark {
    private static final int SYS_EVENTFD2 = 290, EFD_CLOEXEC = 02000000;
    private static final short POLLIN = 1;

    @Param({"0", "100", "1000"})
    public int parked;

    @Param({"futex", "timed", "read"})
    public String waits;

    private WaitChecker checker;
    private final List<Integer> eventfds = new ArrayList<>();

    @Setup
    public void setUp() {
        TestGuests world = new TestGuests();
        GuestThread root = world.tree().createRoot((int) ProcessHandle.current().pid()); // the "guest" is this JVM
        FakeGuest guest = new FakeGuest(world);
        Scheduler scheduler = guest.scheduler();
        scheduler.admit(root);
        scheduler.park(root, new Wait.Sleep(Long.MAX_VALUE / 2));
        long deadline = waits.equals("timed") ? Long.MAX_VALUE / 4 : Wait.NEVER;
        for (int i = 0; i < parked; i++) {
            GuestThread t = world.threadIn(root.process());
            scheduler.admit(t);
            if (waits.equals("read")) {
                int fd = (int) Native.libc().syscall(SYS_EVENTFD2, 0, EFD_CLOEXEC, 0);
                eventfds.add(fd);
                scheduler.park(t, Wait.Descriptors.call(fd, POLLIN));
            } else {
                scheduler.park(t, new Wait.Futex(Wait.Futex.keyOf(root.process().vpid(), 4096L * i), 4096L * i,
                        Wait.Futex.BITSET_ALL, false, deadline));
            }
        }
        checker = new WaitChecker(world.tree(), scheduler, guest.parked(), new ProbingHost(),
                new DescriptorChanges(System::nanoTime));
    }

    @TearDown
    public void tearDown() {
        eventfds.forEach(fd -> Native.libc().close(fd));
    }

    @Benchmark
    public boolean wakeReadyThenOthersCouldRun() {
        checker.wakeReady();
        return checker.othersCouldRun();
    }

    /** Readiness as the supervisor probes it; nobody is signalled, so masks and signals are never asked for. */
    private static final class ProbingHost implements WaitChecker.Host {
        private final DescriptorProbe probe = new DescriptorProbe();

        @Override
        public Readiness readiness(GuestThread thread, int fd, short events, boolean polls) {
            return probe.probe(thread, fd, events, polls);
        }

        @Override
        public SignalMasks signalMasks(GuestThread thread) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int tryLock(GuestThread thread, int fd, int operation) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendTimerSignal(GuestProcess process, GuestThread thread, int timerId,
                dev.vbench.core.handlers.IntervalTimers.Delivery delivery) {
            throw new UnsupportedOperationException();
        }
    }
}
