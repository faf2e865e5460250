package dev.vbench.core.supervisor;

import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.Readiness;
import dev.vbench.core.guest.SignalMasks;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.sched.Scheduler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What every dispatch asks of the parked threads when none of their waits is over: the wait
 * checker's pass ({@code wakeReady}) and whether another thread could take the CPU
 * ({@code othersCouldRun}). {@code parked} threads wait on futexes, with no deadline (the idle
 * threads of a big process: {@code waits=futex}) or with a far one (pthread_cond_timedwait, a pool's
 * idle workers that time out: {@code waits=timed}), and one sleeps until a far deadline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WaitCheckBenchmark {
    @Param({"0", "100", "1000"})
    public int parked;

    @Param({"futex", "timed"})
    public String waits;

    private WaitChecker checker;

    @Setup
    public void setUp() {
        TestGuests world = new TestGuests();
        FakeGuest guest = new FakeGuest(world);
        Scheduler scheduler = guest.scheduler();
        GuestThread root = world.root();
        scheduler.admit(root);
        scheduler.park(root, new Wait.Sleep(Long.MAX_VALUE / 2));
        long deadline = waits.equals("timed") ? Long.MAX_VALUE / 4 : Wait.NEVER;
        for (int i = 0; i < parked; i++) {
            GuestThread t = world.threadIn(root.process());
            scheduler.admit(t);
            scheduler.park(t, new Wait.Futex(Wait.Futex.keyOf(root.process().vpid(), 4096L * i), 4096L * i,
                    Wait.Futex.BITSET_ALL, false, deadline));
        }
        checker = new WaitChecker(world.tree(), scheduler, guest.parked(), new NoHost());
    }

    @Benchmark
    public boolean wakeReadyThenOthersCouldRun() {
        checker.wakeReady();
        return checker.othersCouldRun();
    }

    /** Nothing is ready and nobody is signalled: the checker never needs the host here. */
    private static final class NoHost implements WaitChecker.Host {
        @Override
        public Readiness readiness(GuestThread thread, int fd, short events, boolean polls) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SignalMasks signalMasks(GuestThread thread) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendSignal(GuestProcess process, int signal) {
            throw new UnsupportedOperationException();
        }
    }
}
