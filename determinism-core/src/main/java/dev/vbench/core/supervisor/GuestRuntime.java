package dev.vbench.core.supervisor;

/**
 * A program the guest runs inside, such as Valgrind, whose own system calls the supervisor sees
 * too. They are virtualized like the guest's (so the runtime's own decisions are deterministic),
 * but not counted as the guest's and not charged as system calls in virtual time.
 */
public interface GuestRuntime {
    /** Whether the system call {@code thread} is stopped at, entered from {@code rip}, is the guest's own. */
    boolean isGuestSyscall(GuestThread thread, long rip);

    /**
     * Before a process's image ends (execve, exit_group, its last exit), adds the guest system
     * calls the runtime counted for it, by number, to {@code countsByNr}.
     */
    default void harvestSyscalls(GuestThread thread, long[] countsByNr) {}

    /**
     * Whether the runtime counts the guest's system calls itself; then the supervisor stops only
     * on the calls its handlers need, and the others run without a stop.
     */
    default boolean countsGuestSyscalls() {
        return false;
    }

    /** No runtime: every system call is the guest's. */
    GuestRuntime NONE = new GuestRuntime() {
        @Override
        public boolean isGuestSyscall(GuestThread thread, long rip) {
            return true;
        }
    };
}
