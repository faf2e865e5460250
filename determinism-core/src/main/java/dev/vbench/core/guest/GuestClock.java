package dev.vbench.core.guest;

/**
 * The virtual time the guest sees. The supervisor tells it what each thread did; it answers how
 * much virtual time has passed. Implementations (virtual-clock) turn counts into time with a
 * cost model; nothing here reads a real clock.
 */
public interface GuestClock {
    /** The guest's time stamp counter runs at 1 GHz on virtual time, from this value at the start. */
    long TSC_ORIGIN = 1L << 40;

    /** Virtual nanoseconds since the guest started, as every guest clock reads it now. */
    long elapsedNanos();

    /** The guest's time stamp counter now (rdtsc, rdtscp). */
    default long tsc() {
        return TSC_ORIGIN + elapsedNanos();
    }

    /** Charges one system call, and the work counted since the thread's last stop, to the thread. */
    void onSyscall(GuestThread thread);

    /**
     * What charging one system call adds to virtual time and to its thread's and process's CPU time
     * when that is the same whenever it is charged, because no counter is read at stops; -1 when a
     * call's charge depends on the counts read with it. Calls answered without the supervisor may
     * then be charged after the fact, one by one, and clocks read between them foreseen.
     */
    default long callChargeNanos() {
        return -1;
    }

    /**
     * The runtime hosting the guest (Valgrind) made a system call: bring the thread's counted work
     * up to date (its clock reads must see it) without charging a system call.
     */
    void onRuntimeSyscall(GuestThread thread);

    /** Charges one trapped rdtsc, rdtscp or cpuid. */
    void onTrap(GuestThread thread);

    /** The thread slept: virtual time moves on by {@code nanos}. */
    void onSleep(GuestThread thread, long nanos);

    /** Virtual CPU time of one thread: what it has been charged so far. */
    long threadNanos(GuestThread thread);

    /** Virtual CPU time of a process: its live threads' and its exited threads'. */
    long processNanos(GuestProcess process);

    /** A thread or process was created; the parent is stopped at its clone event. */
    default void onNewThread(GuestThread parent, GuestThread child) {}

    /** The thread's process started a new program image. */
    default void onExec(GuestThread thread) {}

    /** Called once when the thread has exited, before it is forgotten. */
    default void onThreadExit(GuestThread thread) {}
}
