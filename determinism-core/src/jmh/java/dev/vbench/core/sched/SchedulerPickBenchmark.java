package dev.vbench.core.sched;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.guest.Wait;
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
 * The scheduler's work at one stop, as the supervisor does it: the running thread stops, is made
 * ready again (its call answered), and the next thread is picked. Issue 15 asks that this not grow
 * with the number of threads: {@code threads} is the run's thread count, {@code others} says whether
 * all of them are ready (a compute-bound pool) or all but two are parked on futexes (the common
 * shape of a big JVM: most threads wait).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SchedulerPickBenchmark {
    @Param({"2", "100", "1000"})
    public int threads;

    @Param({"ready", "parked"})
    public String others;

    private Scheduler scheduler;

    @Setup
    public void setUp() {
        TestGuests world = new TestGuests();
        scheduler = Scheduler.forSeed(0, false, world.clock()::threadNanos);
        GuestThread root = world.root();
        for (int i = 0; i < threads; i++) {
            GuestThread t = i == 0 ? root : world.threadIn(root.process());
            scheduler.admit(t);
            if (others.equals("ready") || i < 2) {
                scheduler.makeReady(t);
            } else {
                scheduler.park(t, new Wait.Futex(Wait.Futex.keyOf(root.process().vpid(), 4096L * i), 4096L * i, -1,
                        false, Wait.NEVER));
            }
        }
        scheduler.pickNext();
    }

    @Benchmark
    public GuestThread stopReadyPick() {
        GuestThread t = scheduler.running();
        scheduler.stopped(t);
        scheduler.makeReady(t);
        return scheduler.pickNext();
    }
}
