package dev.vbench.core.guest;

import dev.vbench.core.run.RunConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Guest threads and processes for unit tests, without a tracee: a real process table with made-up
 * real ids (virtual id + 1) and a clock the test moves by hand.
 */
public final class TestGuests {
    private final GuestTree tree;
    private final ManualClock clock = new ManualClock();

    public TestGuests() {
        this(RunConfig.of(List.of("/bin/true"), List.of()));
    }

    public TestGuests(RunConfig config) {
        this.tree = new GuestTree(config, clock);
    }

    public GuestTree tree() {
        return tree;
    }

    public ManualClock clock() {
        return clock;
    }

    /** The root guest's thread (created on first call), real id 1001. */
    public GuestThread root() {
        return tree.root() != null ? tree.root() : tree.createRoot(GuestTree.ROOT_VPID + 1);
    }

    /** A new thread of {@code process}'s first thread's process. */
    public GuestThread threadIn(GuestProcess process) {
        return tree.createChild(process.threads().get(0), nextReal(), true);
    }

    /** A new single-threaded child process of {@code parent}'s process. */
    public GuestThread childProcess(GuestThread parent) {
        return tree.createChild(parent, nextReal(), false);
    }

    private int nextReal() {
        int max = GuestTree.ROOT_VPID;
        for (GuestThread t : tree.liveThreads()) {
            max = Math.max(max, t.tid());
        }
        return max + 1;
    }

    /** A clock whose time and per-thread CPU times the test sets. */
    public static final class ManualClock implements GuestClock {
        private long elapsed;
        private final Map<GuestThread, Long> cpu = new HashMap<>();

        public void advance(long nanos) {
            elapsed += nanos;
        }

        /** Charges {@code nanos} of CPU time to {@code thread} (and to elapsed time). */
        public void charge(GuestThread thread, long nanos) {
            cpu.merge(thread, nanos, Long::sum);
            elapsed += nanos;
        }

        @Override
        public long elapsedNanos() {
            return elapsed;
        }

        @Override
        public void onSyscall(GuestThread thread) {}

        @Override
        public void onRuntimeSyscall(GuestThread thread) {}

        @Override
        public void onTrap(GuestThread thread) {}

        @Override
        public void onSleep(GuestThread thread, long nanos) {
            elapsed += nanos;
        }

        @Override
        public long threadNanos(GuestThread thread) {
            return cpu.getOrDefault(thread, 0L);
        }

        @Override
        public long processNanos(GuestProcess process) {
            long total = 0;
            for (GuestThread t : process.threads()) {
                total += threadNanos(t);
            }
            return total;
        }
    }
}
