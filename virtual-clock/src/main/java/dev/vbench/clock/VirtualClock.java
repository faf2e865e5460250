package dev.vbench.clock;

import dev.vbench.core.supervisor.GuestClock;
import dev.vbench.core.supervisor.GuestProcess;
import dev.vbench.core.supervisor.GuestThread;
import java.util.ArrayList;
import java.util.List;

/**
 * Global virtual time: the sum of what every thread was charged, plus time slept. A thread is
 * charged at each of its stops for the event that stopped it and for the work its counter backend
 * counted since the previous reading of the same scope, so a clock read sees all work done up to
 * that moment.
 */
public final class VirtualClock implements GuestClock {
    private final CostModel model;
    private final CounterBackend counter;
    private final long[] reading = new long[CounterBackend.COUNTS];
    private final long[] delta = new long[CounterBackend.COUNTS];
    private final long[] totals = new long[CounterBackend.COUNTS];
    private final List<ThreadWork> finished = new ArrayList<>();
    private long elapsed;

    /** What one thread did, for the per-thread part of the result. */
    public record ThreadWork(int vtid, long instructions, long branchesConditional, long branchesIndirect,
                             long syscalls) {}

    /** A thread's counted work, and its last reading for per-thread backends. */
    private static final class Counts {
        final long[] work = new long[CounterBackend.COUNTS];
        final long[] last = new long[CounterBackend.COUNTS];
    }

    public VirtualClock(CostModel model, CounterBackend counter) {
        this.model = model;
        this.counter = counter;
    }

    @Override
    public long elapsedNanos() {
        return elapsed;
    }

    @Override
    public void onSyscall(GuestThread thread) {
        charge(thread, model.nanos(1, 0, 0, 0));
    }

    @Override
    public void onRuntimeSyscall(GuestThread thread) {
        charge(thread, 0);
    }

    @Override
    public void onTrap(GuestThread thread) {
        charge(thread, model.nanos(0, 0, 0, 1));
    }

    @Override
    public void onSleep(GuestThread thread, long nanos) {
        elapsed += nanos;
    }

    @Override
    public void onNewThread(GuestThread parent, GuestThread child) {
        charge(parent, 0); // brings the parent's counts up to the moment of the fork
        if (child.process() != parent.process() && counter.perProcess()) {
            // The child's counter block is a copy of the parent's memory at the fork.
            System.arraycopy(lastReading(parent.process()), 0, lastReading(child.process()), 0, CounterBackend.COUNTS);
        }
        counter.onNewThread(parent, child);
    }

    @Override
    public void onExec(GuestThread thread) {
        java.util.Arrays.fill(lastReading(thread.process()), 0); // a new program image counts from zero
        counter.onExec(thread);
    }

    @Override
    public void onThreadExit(GuestThread thread) {
        long[] w = counts(thread).work;
        // System calls: the supervisor's count, or the backend's where it counts them (Valgrind).
        finished.add(new ThreadWork(thread.vtid(), w[0], w[1], w[2], thread.syscalls + w[CounterBackend.SYSCALLS]));
        counter.onThreadExit(thread);
    }

    /** Totals over the whole run: instructions, conditional and indirect branches, backend-counted system calls. */
    public long[] totals() {
        return totals.clone();
    }

    /** Threads that have exited, in exit order. */
    public List<ThreadWork> threads() {
        return List.copyOf(finished);
    }

    private void charge(GuestThread thread, long eventNanos) {
        long nanos = eventNanos;
        if (counter.read(thread, reading)) {
            long[] last = counter.perProcess() ? lastReading(thread.process()) : counts(thread).last;
            long[] mine = counts(thread).work;
            for (int i = 0; i < CounterBackend.COUNTS; i++) {
                delta[i] = reading[i] - last[i];
                last[i] = reading[i];
                mine[i] += delta[i];
                totals[i] += delta[i];
            }
            nanos += model.nanos(delta[CounterBackend.SYSCALLS], delta[CounterBackend.BRANCHES_CONDITIONAL],
                    delta[CounterBackend.INSTRUCTIONS], 0);
        }
        thread.chargedNanos += nanos;
        elapsed += nanos;
    }

    private static Counts counts(GuestThread thread) {
        if (thread.counterState instanceof Counts c) {
            return c;
        }
        Counts c = new Counts();
        thread.counterState = c;
        return c;
    }

    /** The last reading of a process's counters (per-process backends: one block per process). */
    private static long[] lastReading(GuestProcess process) {
        if (process.counterState instanceof long[] b) {
            return b;
        }
        long[] b = new long[CounterBackend.COUNTS];
        process.counterState = b;
        return b;
    }
}
