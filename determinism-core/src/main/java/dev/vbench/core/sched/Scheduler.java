package dev.vbench.core.sched;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.util.SplitMix64;
import java.util.function.ToLongFunction;

/**
 * Decides which guest thread runs. Exactly one thread of the whole tree runs at a time; all others
 * are stopped in the supervisor, either ready (with a resume pending) or parked on a {@link Wait}.
 * The scheduler only orders threads; the supervisor resumes and parks them. Its work per stop does
 * not grow with the number of threads: see {@link ReadyQueue} and {@link ParkedIndex}.
 */
public final class Scheduler {
    /** A thread keeps the CPU for this much of its own virtual time before others get a turn... */
    public static final long SLICE_NANOS = 1_000_000;
    /**
     * ...or for this many turns in a row: work the cost model prices at nothing (a spin loop with no
     * conditional branch, under Hermit's model) must not keep the CPU forever.
     */
    public static final int SLICE_TURNS = 64;
    /** In chaos mode, each scheduling point ends the slice with this probability (1 in N). */
    private static final int CHAOS_SWITCH_ODDS = 8;
    /** In chaos mode, the running thread's priority drops at a point with this probability (1 in N). */
    private static final int CHAOS_PRIORITY_CHANGE_ODDS = 64;

    /** What the scheduler keeps per thread: its chaos-mode priority. */
    private static final class Entry {
        long priority;
    }

    private static final StateKey<Entry> ENTRY = StateKey.of("scheduler entry", Entry::new);

    private final SchedulingPolicy policy;
    private final SplitMix64 random;
    private final ToLongFunction<GuestThread> cpuNanos;
    private final ReadyQueue ready = new ReadyQueue();
    private final ParkedIndex parked = new ParkedIndex();
    private GuestThread running;
    private GuestThread lastRan;
    /** The thread whose slice ended at the last pick, until the thread chosen instead runs. */
    private GuestThread preempted;
    private long sliceStart;
    private int turnsInSlice;
    private long sliceLength = SLICE_NANOS;
    private long lowestPriority;

    private long turns;
    private long contextSwitches;
    private long preemptions;
    private long spinYields;

    /**
     * @param cpuNanos the virtual CPU time a thread has been charged so far (its slice is measured in it)
     */
    public Scheduler(SchedulingPolicy policy, long seed, ToLongFunction<GuestThread> cpuNanos) {
        this.policy = policy;
        this.random = new SplitMix64(seed ^ 0x5CED_5CED_5CED_5CEDL);
        this.cpuNanos = cpuNanos;
    }

    public static Scheduler forSeed(long seed, boolean chaos, ToLongFunction<GuestThread> cpuNanos) {
        return new Scheduler(chaos ? SchedulingPolicy.CHAOS : seed == 0 ? SchedulingPolicy.ROUND_ROBIN
                : SchedulingPolicy.SEEDED, seed, cpuNanos);
    }

    private static Entry entry(GuestThread thread) {
        return thread.state().get(ENTRY);
    }

    /** A thread appeared: in chaos mode it gets its random priority now. */
    public void admit(GuestThread thread) {
        setPriority(thread, policy == SchedulingPolicy.CHAOS ? random.nextLong() >>> 1 : 0);
    }

    private void setPriority(GuestThread thread, long priority) {
        entry(thread).priority = priority;
        ready.reprioritize(thread, priority);
    }

    public GuestThread running() {
        return running;
    }

    /** The running thread stopped in the supervisor: it is no longer running. */
    public void stopped(GuestThread thread) {
        if (thread == running) {
            running = null;
        }
    }

    /** The thread can run again (its pending resume will be applied when it is chosen). */
    public void makeReady(GuestThread thread) {
        parked.remove(thread);
        ready.add(thread, entry(thread).priority);
    }

    /** The thread waits for {@code wait}; it stays stopped until woken. */
    public void park(GuestThread thread, Wait wait) {
        ready.remove(thread);
        // Signals sent before it parked were delivered while it ran, or are still blocked in the
        // wait (one its call unblocks does not park: PtraceGuest.block).
        thread.clearIncomingSignals();
        parked.park(thread, wait);
    }

    /** The thread is gone. */
    public void forget(GuestThread thread) {
        ready.remove(thread);
        parked.remove(thread);
        if (running == thread) {
            running = null;
        }
        if (lastRan == thread) {
            lastRan = null;
        }
        if (preempted == thread) {
            preempted = null;
        }
    }

    /** The thread asked to give up the CPU (sched_yield): its slice ends. */
    public void yielded(GuestThread thread) {
        if (thread == lastRan) {
            expireSlice();
        }
    }

    /** The thread was seen spinning (a spin-wait hint): it gives up the CPU as with sched_yield. */
    public void spun(GuestThread thread) {
        spinYields++;
        yielded(thread);
    }

    /**
     * The thread {@link #pickNext} just chose cannot run after all: what it waited for was taken
     * before it ran (Valgrind's lock, taken back by the thread that released it). The thread whose
     * slice ended keeps running, but its slice stays over, so that the next stop (where the lock is
     * free again) hands the CPU over instead of starting a new slice at a stop where none could take it.
     */
    public void couldNotRun(GuestThread thread) {
        stopped(thread);
        if (preempted != null && thread == lastRan) {
            lastRan = preempted;
            expireSlice();
        }
    }

    private void expireSlice() {
        sliceStart = Long.MIN_VALUE / 2;
        turnsInSlice = SLICE_TURNS;
    }

    /** The thread's chaos-mode priority (0 under the other policies); for tests. */
    long priorityOf(GuestThread thread) {
        return entry(thread).priority;
    }

    /** What a parked thread waits for, or null if it is not parked. */
    public Wait waitOf(GuestThread thread) {
        return parked.waitOf(thread);
    }

    /** A parked thread now waits for {@code wait} instead (a futex requeue); its place in line is kept. */
    public void rewait(GuestThread thread, Wait wait) {
        if (parked.waitOf(thread) == null) {
            throw new IllegalStateException(thread + " is not parked");
        }
        parked.park(thread, wait);
    }

    /** The parked threads in the order they parked, and what they wait for. */
    public ParkedIndex parked() {
        return parked;
    }

    public boolean hasReady() {
        return !ready.isEmpty();
    }

    /**
     * Chooses the next thread to run and marks it running; null if none is ready. The thread that
     * ran last keeps the CPU while its slice lasts.
     */
    public GuestThread pickNext() {
        if (ready.isEmpty()) {
            return null;
        }
        GuestThread next;
        boolean lastReady = lastRan != null && ready.contains(lastRan);
        boolean newSlice = true;
        preempted = null;
        if (lastReady && !sliceOver(lastRan)) {
            next = lastRan;
            newSlice = false;
        } else if (lastReady && ready.size() == 1) {
            // No one else can run: the slice stays over, so the first thread to become ready (a
            // waiter for Valgrind's lock once it is free) gets the CPU at the next stop.
            next = lastRan;
            newSlice = false;
        } else {
            next = choose();
            if (lastReady && next != lastRan) {
                preemptions++;
                preempted = lastRan;
            }
        }
        ready.remove(next);
        if (next != lastRan) {
            contextSwitches++;
        }
        if (newSlice) {
            turnsInSlice = 0;
            sliceStart = cpuNanos.applyAsLong(next);
            sliceLength = policy == SchedulingPolicy.ROUND_ROBIN ? SLICE_NANOS
                    : SLICE_NANOS / 2 + (random.nextLong() >>> 1) % SLICE_NANOS;
        }
        turnsInSlice++;
        turns++;
        lastRan = next;
        running = next;
        return next;
    }

    private boolean sliceOver(GuestThread thread) {
        if (policy == SchedulingPolicy.CHAOS) {
            if ((random.nextLong() >>> 1) % CHAOS_PRIORITY_CHANGE_ODDS == 0) {
                setPriority(thread, --lowestPriority); // PCT: a change point demotes the running thread
                return true;
            }
            if ((random.nextLong() >>> 1) % CHAOS_SWITCH_ODDS == 0) {
                return true;
            }
        }
        return cpuNanos.applyAsLong(thread) - sliceStart >= sliceLength || turnsInSlice >= SLICE_TURNS;
    }

    private GuestThread choose() {
        return switch (policy) {
            case ROUND_ROBIN -> firstOtherThan(lastRan);
            case SEEDED -> ready.get((int) ((random.nextLong() >>> 1) % ready.size()));
            case CHAOS -> ready.highestPriority();
        };
    }

    /** The longest-waiting ready thread, passing over {@code previous} if another is ready. */
    private GuestThread firstOtherThan(GuestThread previous) {
        GuestThread first = ready.get(0);
        return first == previous && ready.size() > 1 ? ready.get(1) : first;
    }

    public long turns() {
        return turns;
    }

    public long contextSwitches() {
        return contextSwitches;
    }

    public long preemptions() {
        return preemptions;
    }

    /** Slices ended because their thread was seen spinning ({@link #spun}). */
    public long spinYields() {
        return spinYields;
    }
}
