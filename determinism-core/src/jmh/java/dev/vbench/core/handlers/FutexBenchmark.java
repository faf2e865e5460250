package dev.vbench.core.handlers;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.FakeMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.syscalls.Syscall;
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
 * The futex model, one wait and the wake that ends it per operation (a mutex hand-off between two
 * threads), through the in-memory guest: no kernel. {@code otherWaiters} threads stay parked on
 * other futexes meanwhile, as the idle threads of a big process do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FutexBenchmark {
    private static final int FUTEX_WAIT_PRIVATE = 128, FUTEX_WAKE_PRIVATE = 1 | 128;

    @Param({"0", "100", "1000"})
    public int otherWaiters;

    private FakeGuest guest;
    private FutexHandler futex;
    private GuestThread waiter, waker;
    /** The calls' arguments, made once: the in-memory guest copies them. */
    private long[] waitArgs, wakeArgs;

    @Setup
    public void setUp() {
        TestGuests world = new TestGuests();
        guest = new FakeGuest(world);
        futex = new FutexHandler(new TimeBase(world.tree()), new SharedFutexKeys() { @Override long keyOf(int pid, long address) { return 0; } });
        waiter = world.root();
        waker = world.threadIn(waiter.process());
        FakeMemory memory = guest.memoryOf(waiter.process());
        long word = memory.allocate(4);
        waitArgs = new long[] {word, FUTEX_WAIT_PRIVATE, 0};
        wakeArgs = new long[] {word, FUTEX_WAKE_PRIVATE, 1};
        for (int i = 0; i < otherWaiters; i++) {
            Disposition d = guest.call(world.threadIn(waiter.process()), Syscall.FUTEX, memory.allocate(4),
                    FUTEX_WAIT_PRIVATE, 0).enter(futex);
            if (d != Disposition.BLOCK) {
                throw new IllegalStateException("an idle waiter did not park: " + d);
            }
        }
    }

    @Benchmark
    public Disposition waitThenWake() {
        Disposition parked = guest.call(waiter, Syscall.FUTEX, waitArgs).enter(futex);
        if (parked != Disposition.BLOCK) {
            throw new IllegalStateException("the waiter did not park: " + parked);
        }
        Disposition woke = guest.call(waker, Syscall.FUTEX, wakeArgs).enter(futex);
        if (guest.returned() != 1) {
            throw new IllegalStateException("the wake woke " + guest.returned());
        }
        return woke;
    }
}
