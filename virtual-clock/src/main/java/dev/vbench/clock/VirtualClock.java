package dev.vbench.clock;

import dev.vbench.clock.region.RegionMarkers;
import dev.vbench.clock.region.RegionRecorder;
import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.StateKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Global virtual time: the sum of what every thread was charged, plus time slept. A thread is
 * charged at each of its stops for the event that stopped it (a system call, a trap) and for the
 * work its counter backend counted since the previous reading of the same scope, each count priced
 * by name by the cost model; so a clock read sees all work done up to that moment.
 */
public final class VirtualClock implements ChargedClock {
    private final CounterBackend counter;
    private final List<String> names;
    /** The price of each of the backend's counts, in its order. */
    private final double[] prices;
    private final double nanosPerSyscall;
    private final double nanosPerTrap;
    private final int width;
    private final long[] reading;
    private final long[] totals;
    private final List<ThreadWork> finished = new ArrayList<>();
    private long elapsed;
    private long traps;
    /** The regions the guest marked; counts in {@link #regionCountNames} order. */
    private final RegionRecorder regions;
    /** Where the backend's own system call count is in its names, or -1. */
    private final int backendSyscalls;
    private long slept;

    /** What one thread did, by count name, for the per-thread part of the result. */
    public record ThreadWork(int vtid, Map<String, Long> counts) {
        public ThreadWork {
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        }
    }

    /** A thread's work so far, its last reading (per-thread backends), what it was charged, and its process's clock. */
    private static final class ThreadClock {
        long[] work;
        long[] last;
        long syscalls;
        long charged;
        ProcessClock process;
    }

    /**
     * A process's last reading (per-process backends) and what its threads, live or exited, were
     * charged: kept as they are charged, so that reading a process's CPU time (clock(), getrusage)
     * does not walk its threads.
     */
    private static final class ProcessClock {
        long[] last;
        long charged;
    }

    private static final StateKey<ThreadClock> THREAD = StateKey.of("virtual clock thread", ThreadClock::new);
    private static final StateKey<ProcessClock> PROCESS = StateKey.of("virtual clock process", ProcessClock::new);

    public VirtualClock(CostModel model, CounterBackend counter) {
        this.counter = counter;
        this.names = List.copyOf(counter.countNames());
        this.width = names.size();
        this.prices = new double[width];
        for (int i = 0; i < width; i++) {
            prices[i] = model.nanosPer(names.get(i));
        }
        this.nanosPerSyscall = model.nanosPer(Counts.SYSCALLS);
        this.nanosPerTrap = model.nanosPer(Counts.TRAPS);
        this.reading = new long[width];
        this.totals = new long[width];
        this.backendSyscalls = names.indexOf(Counts.SYSCALLS);
        List<String> regionNames = new ArrayList<>(names);
        regionNames.remove(Counts.SYSCALLS);
        regionNames.add(Counts.SYSCALLS);
        this.regions = new RegionRecorder(regionNames);
        counter.useClock(this);
    }

    /** The regions the guest marked in this run (and its start-up instructions). */
    public RegionRecorder regions() {
        return regions;
    }

    /** The supervisor's handler of region marker system calls, recording into {@link #regions()}. */
    public RegionMarkers regionMarkers() {
        return new RegionMarkers(regions, this::threadCounts);
    }

    /**
     * The thread's counts so far, in the order of {@code regions().countNames()}: the backend's
     * counts (as of the thread's last stop) and its system calls last, however counted.
     */
    public long[] threadCounts(GuestThread thread) {
        ThreadClock t = thread(thread);
        long[] out = new long[regions.countNames().size()];
        int k = 0;
        for (int i = 0; i < width; i++) {
            if (i != backendSyscalls) {
                out[k++] = t.work[i];
            }
        }
        out[k] = t.syscalls + (backendSyscalls >= 0 ? t.work[backendSyscalls] : 0);
        return out;
    }

    @Override
    public long elapsedNanos() {
        return elapsed;
    }

    @Override
    public long charged(GuestProcess process, int index) {
        return process(process).last[index];
    }

    @Override
    public double price(int index) {
        return prices[index];
    }

    @Override
    public void onSyscall(GuestThread thread) {
        thread(thread).syscalls++;
        charge(thread, nanosPerSyscall);
    }

    /** {@inheritDoc} Without counts to read, every call costs the model's price of one, whole nanoseconds as in {@link #charge}. */
    @Override
    public long callChargeNanos() {
        return width == 0 ? (long) nanosPerSyscall : -1;
    }

    @Override
    public void onRuntimeSyscall(GuestThread thread) {
        charge(thread, 0);
    }

    @Override
    public void onTrap(GuestThread thread) {
        traps++;
        charge(thread, nanosPerTrap);
    }

    @Override
    public void onSleep(GuestThread thread, long nanos) {
        elapsed += nanos;
        slept += nanos;
    }

    @Override
    public long threadNanos(GuestThread thread) {
        return thread(thread).charged;
    }

    @Override
    public long processNanos(GuestProcess process) {
        return process(process).charged;
    }

    @Override
    public void onNewThread(GuestThread parent, GuestThread child) {
        charge(parent, 0); // brings the parent's counts up to the moment of the fork
        if (child.process() != parent.process() && counter.perProcess()) {
            // The child's counter block is a copy of the parent's memory at the fork.
            System.arraycopy(process(parent.process()).last, 0, process(child.process()).last, 0, width);
        }
        counter.onNewThread(parent, child);
    }

    @Override
    public void onExec(GuestThread thread) {
        regions.drain(thread.process()); // what the old image's vbcount table held
        java.util.Arrays.fill(process(thread.process()).last, 0); // a new program image counts from zero
        counter.onExec(thread);
    }

    @Override
    public void onThreadExit(GuestThread thread) {
        ThreadClock t = thread(thread);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < width; i++) {
            counts.put(names.get(i), t.work[i]);
        }
        // System calls: the supervisor's count, plus the backend's where it counts them (Valgrind).
        counts.merge(Counts.SYSCALLS, t.syscalls, Long::sum);
        finished.add(new ThreadWork(thread.vtid(), counts));
        regions.threadExited(thread, threadCounts(thread));
        regions.drain(thread.process());
        counter.onThreadExit(thread);
    }

    /** The backend's counts over the whole run, by name, in the backend's order. */
    public Map<String, Long> totals() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < width; i++) {
            out.put(names.get(i), totals[i]);
        }
        return out;
    }

    /**
     * Virtual nanoseconds that passed while the guest slept or every thread waited for a deadline
     * (a sleep, a timeout, a timer): time a native run waits out, not work.
     */
    public long sleptNanos() {
        return slept;
    }

    /** Trapped rdtsc/rdtscp/cpuid instructions charged so far. */
    public long traps() {
        return traps;
    }

    /** Threads that have exited, in exit order. */
    public List<ThreadWork> threads() {
        return List.copyOf(finished);
    }

    private void charge(GuestThread thread, double eventNanos) {
        double nanos = eventNanos;
        ThreadClock mine = thread(thread);
        if (width > 0 && counter.read(thread, reading)) {
            long[] last = counter.perProcess() ? process(thread.process()).last : mine.last;
            for (int i = 0; i < width; i++) {
                long delta = reading[i] - last[i];
                last[i] = reading[i];
                mine.work[i] += delta;
                totals[i] += delta;
                nanos += delta * prices[i];
            }
        }
        long whole = (long) nanos; // rounded down to whole nanoseconds
        mine.charged += whole;
        mine.process.charged += whole;
        elapsed += whole;
    }

    private ThreadClock thread(GuestThread thread) {
        ThreadClock t = thread.state().get(THREAD);
        if (t.work == null) {
            t.work = new long[width];
            t.last = new long[width];
            t.process = process(thread.process()); // a thread never changes process (an exec keeps it)
        }
        return t;
    }

    private ProcessClock process(GuestProcess process) {
        ProcessClock p = process.state().get(PROCESS);
        if (p.last == null) {
            p.last = new long[width];
        }
        return p;
    }
}
