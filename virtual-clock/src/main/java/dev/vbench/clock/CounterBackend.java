package dev.vbench.clock;

import dev.vbench.core.guest.GuestRuntime;
import dev.vbench.core.guest.GuestThread;
import java.util.List;

/**
 * Where the counts of work a guest did come from: a software PMU (Valgrind), the hardware PMU
 * (perf_event_open), or nothing but system calls. The virtual clock asks a backend for counts at
 * every stop of a guest thread, so the time the guest reads tracks the work it has done.
 */
public interface CounterBackend extends GuestRuntime {
    /** "valgrind", "perf" or "none". */
    String name();

    /**
     * The counts this backend measures, by name ({@link Counts}, or an extra event's own name), in
     * the order {@link #read} fills them. A backend that sees the guest's system calls better than
     * the supervisor (Valgrind) reports them as {@link Counts#SYSCALLS}.
     */
    List<String> countNames();

    /**
     * Handlers for the system calls the backend's own wrapper makes that need an answer of their own
     * (Valgrind's start-up temporary files); each sees its calls before the standard handler.
     * A new list for every run: handlers may keep per-run state.
     */
    default List<dev.vbench.core.handlers.SyscallHandler> handlers() {
        return List.of();
    }

    /** The command that runs {@code guest} under this backend (Valgrind wraps it). */
    default List<String> launchCommand(List<String> guest) {
        return guest;
    }

    /** NAME=VALUE pairs the launched command needs besides the guest's environment. */
    default List<String> launchEnvironment() {
        return List.of();
    }

    /**
     * Reads the counts of {@code thread} since its counting scope began into {@code out}, in the
     * order of {@link #countNames()}; false if nothing is counted for it (yet). The scope is the
     * process for Valgrind (one block per process, copied at fork, fresh at exec) and the thread
     * for perf.
     */
    boolean read(GuestThread thread, long[] out);

    /** A new thread or process appeared (parent stopped at its clone event). */
    default void onNewThread(GuestThread parent, GuestThread child) {}

    /** The thread's process started a new program image. */
    default void onExec(GuestThread thread) {}

    /** The thread exited; release what was kept for it. */
    default void onThreadExit(GuestThread thread) {}

    /**
     * Whether counts are scoped per process (true) or per thread (false). Per-process counts live in
     * the process's memory (Valgrind's block), so a forked child starts with a copy of its parent's.
     */
    default boolean perProcess() {
        return true;
    }

    /**
     * The guest's clock, given once when it is made: a backend that answers clock reads between
     * stops ({@link #virtualizesTsc}) computes them from what it has charged.
     */
    default void useClock(ChargedClock clock) {}

    /** Whether the guest's rdtsc reads are answered from virtual time by the backend itself. */
    default boolean virtualizesTsc() {
        return false;
    }

    /** Where the guest's cpuid answers come from, when the backend decides them; null if the host's. */
    default String cpuidSource() {
        return null;
    }

    @Override
    default boolean isGuestSyscall(GuestThread thread, long rip) {
        return true;
    }

    /** A backend that counts nothing: virtual time comes from system calls alone. */
    CounterBackend NONE = new CounterBackend() {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public List<String> countNames() {
            return List.of();
        }

        @Override
        public boolean read(GuestThread thread, long[] out) {
            return false;
        }

        @Override
        public boolean takesPartInStops() {
            return false;
        }
    };

}
