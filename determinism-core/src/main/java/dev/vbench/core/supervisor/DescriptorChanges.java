package dev.vbench.core.supervisor;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.syscalls.Syscall;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Whether the descriptor waits need looking at, and whether one found not ready may be taken as
 * still not ready without probing it again. Probing costs four system calls per descriptor, and the
 * wait checker looked at every descriptor wait at every dispatch: with 100 threads parked in reads
 * a stop cost the supervisor 0.2 ms more, with 1000 2.2 ms. Yet a guest descriptor's readiness
 * changes only through a system call the kernel runs for a guest thread (a write, a close, an
 * exit...) or from outside the tree. The supervisor reports every moment at which the former may
 * have happened ({@link #mayHaveChanged}); for the latter, every wait is probed anew after a while
 * of wall time, as input from outside comes at moments no run repeats anyway. So the answers, and
 * the schedule, are the ones probing at every dispatch gives.
 */
final class DescriptorChanges {
    /** How long (wall time) a "not ready" stands at least when nothing in the tree could have changed it... */
    static final long OUTSIDE_NANOS = 1_000_000;
    /**
     * ...and how much longer for each wait found not ready: probing one costs about 4 us, so the
     * rounds of probes for input from outside take under 4% of the time however many wait.
     */
    static final long OUTSIDE_NANOS_PER_WAIT = 100_000;

    /**
     * Calls the supervisor answers without the kernel and without touching anything a descriptor's
     * readiness depends on (it reads or writes the caller's memory, or its own state): a thread
     * resumed past one of them runs only its own code until its next stop. The hot ones; any other
     * answered call counts as a change.
     */
    private static final Set<Syscall> QUIET_ANSWERS = EnumSet.of(Syscall.FUTEX, Syscall.CLOCK_GETTIME,
            Syscall.CLOCK_GETRES, Syscall.GETTIMEOFDAY, Syscall.TIME, Syscall.GETPID, Syscall.GETPPID, Syscall.GETTID,
            Syscall.GETUID, Syscall.GETEUID, Syscall.GETGID, Syscall.GETEGID, Syscall.SCHED_YIELD, Syscall.GETCPU,
            Syscall.GETRANDOM, Syscall.GETRUSAGE, Syscall.TIMES, Syscall.UNAME, Syscall.SYSINFO);

    /** A thread's last descriptor wait found not ready, and in which epoch. */
    private static final class NotReady {
        Wait.Descriptors wait;
        long epoch = -1;
    }

    private static final StateKey<NotReady> NOT_READY = StateKey.of("descriptor not ready", NotReady::new);

    private final LongSupplier wallNanos;
    /** Counts the moments at which a readiness may have changed. */
    private long epoch;
    /** Waits found not ready in this epoch, and when (wall time) the first was. */
    private int notReady;
    private long firstNotReadyAt;
    /** The epoch and the count of descriptor waits parked at the last look at all descriptor waits. */
    private long lookedEpoch = -1;
    private long lookedParks = -1;

    DescriptorChanges(LongSupplier wallNanos) {
        this.wallNanos = wallNanos;
    }

    static boolean quietAnswer(int nr) {
        Syscall s = Syscall.of(nr);
        return s != null && QUIET_ANSWERS.contains(s);
    }

    /** Something happened after which any descriptor's readiness may differ. */
    void mayHaveChanged() {
        epoch++;
        notReady = 0;
    }

    /** At each scheduling point: "not ready" answers that stood long enough are probed again. */
    void beforeCheck() {
        if (notReady > 0 && wallNanos.getAsLong() - firstNotReadyAt
                >= Math.max(OUTSIDE_NANOS, notReady * OUTSIDE_NANOS_PER_WAIT)) {
            mayHaveChanged();
        }
    }

    /**
     * Whether the descriptor waits are worth looking at: something may have changed since the last
     * look, or a wait was parked since ({@code descriptorParks} counts them).
     */
    boolean worthLooking(long descriptorParks) {
        return epoch != lookedEpoch || descriptorParks != lookedParks;
    }

    /** Every descriptor wait was looked at. */
    void looked(long descriptorParks) {
        lookedEpoch = epoch;
        lookedParks = descriptorParks;
    }

    /** Whether {@code wait} of {@code thread} was found not ready since the last change. */
    boolean knownNotReady(GuestThread thread, Wait.Descriptors wait) {
        NotReady n = thread.state().peek(NOT_READY);
        return n != null && n.wait == wait && n.epoch == epoch;
    }

    void foundNotReady(GuestThread thread, Wait.Descriptors wait) {
        NotReady n = thread.state().get(NOT_READY);
        n.wait = wait;
        n.epoch = epoch;
        if (notReady++ == 0) {
            firstNotReadyAt = wallNanos.getAsLong();
        }
    }
}
