package dev.vbench.core.guest;

/**
 * A program the guest runs inside, such as Valgrind, whose own system calls the supervisor sees
 * too. They are virtualized like the guest's (so the runtime's own decisions are deterministic),
 * but not counted as the guest's and not charged as system calls in virtual time.
 */
public interface GuestRuntime {
    /** Whether the system call {@code thread} is stopped at, entered from {@code rip}, is the guest's own. */
    boolean isGuestSyscall(GuestThread thread, long rip);

    /**
     * Before a process's image ends (execve, exit_group, its last exit): adds the guest system
     * calls the runtime counted for it, by number, to {@code countsByNr}, and tells {@code note}
     * about any limit of the runtime the process met (in words for the result).
     */
    default void imageEnds(GuestThread thread, long[] countsByNr, java.util.function.Consumer<String> note) {}

    /**
     * Whether the runtime counts the guest's system calls itself; then the supervisor stops only
     * on the calls its handlers need, and the others run without a stop.
     */
    default boolean countsGuestSyscalls() {
        return false;
    }

    /**
     * Where the runtime makes the calls of its own that need no answer from the supervisor (its
     * per-time-slice housekeeping), as the kernel reports it: the address after that one
     * {@code syscall} instruction. The filter lets every call from there through without a stop.
     * Only used when {@link #countsGuestSyscalls()}; 0 for none.
     */
    default long privateSyscallSite() {
        return 0;
    }

    /**
     * The supervisor is about to resume {@code thread}. {@code othersCouldRun} says whether a stop
     * of this thread could let another guest thread run (see {@code WaitChecker.othersCouldRun});
     * while it is false, a runtime may skip the stops it makes only to offer a scheduling point.
     */
    default void beforeResume(GuestThread thread, boolean othersCouldRun) {}

    /**
     * Whether the runtime stops at its own time slices whenever another thread could run (Valgrind's
     * big-lock hand-offs), so that a thread that runs long without a stop is doing the runtime's
     * own work (start-up, translation), which is deterministic: the watchdog then leaves CPU time
     * alone and only watches calls blocked in the kernel.
     */
    default boolean preemptsAtTimeSlices() {
        return false;
    }

    /**
     * At a stop of {@code thread}, after its counts were read: whether it has been spinning since its
     * process's previous stop (the runtime saw it run a spin-wait hint), so that it gives up its turn
     * as with sched_yield. Must be decided from deterministic counts only.
     */
    default boolean spinning(GuestThread thread) {
        return false;
    }

    /**
     * Whether the runtime now answers the rdtsc and cpuid instructions of the guest's code itself in
     * {@code thread}'s process image, and runs neither natively from now on (Valgrind, once its
     * start-up is over). The supervisor then stops making them fault in that thread, which saves
     * privileged register writes at every switch to and from it. Decided from deterministic counts.
     */
    default boolean answersCpuInstructions(GuestThread thread) {
        return false;
    }

    /**
     * Whether the guest's threads carry rdtsc and cpuid trapping for most of the run: true without
     * a runtime, false for one that answers those instructions itself once started ({@link
     * #answersCpuInstructions}). Only such a run is worth a tracer thread that carries them too:
     * without the flags to match, its cross-CPU hand-offs cost more than they save (the 22-thread
     * JVM under Valgrind: 4.6 s against 4.1 s).
     */
    default boolean keepsCpuTraps() {
        return true;
    }

    /**
     * Whether the runtime takes part in the supervisor's stops: tells its own calls from the
     * guest's, sees spinning, answers CPU instructions. One that does not (no runtime) lets the
     * tracer answer calls without the supervisor, which takes them afterwards without a look at
     * the thread (see {@code QuickCalls}).
     */
    default boolean takesPartInStops() {
        return true;
    }

    /** No runtime: every system call is the guest's. */
    GuestRuntime NONE = new GuestRuntime() {
        @Override
        public boolean isGuestSyscall(GuestThread thread, long rip) {
            return true;
        }

        @Override
        public boolean takesPartInStops() {
            return false;
        }
    };
}
