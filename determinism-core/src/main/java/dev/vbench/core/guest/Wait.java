package dev.vbench.core.guest;

/**
 * What a parked guest thread waits for. The thread is stopped at the entry of the system call
 * that would have blocked; the scheduler looks at its wait at deterministic points and either
 * leaves it parked, completes the call (timeouts, futex wake-ups) or lets the kernel run it now
 * that it will not block.
 */
public sealed interface Wait {
    /** Virtual time (ns since the guest started) at which the wait times out, or {@link #NEVER}. */
    long deadline();

    /** For the deadlock report: what the thread is waiting on, in a user's words. */
    String describe();

    long NEVER = Long.MAX_VALUE;

    /**
     * Whether the wait can end, before its deadline and with no system call of another guest thread,
     * by something the supervisor must look at at every scheduling point (a child's exit). It looks
     * at a wait with a deadline once that has come, and at a descriptor wait when readiness may have
     * changed; any other wait ends only by a call, a thread's exit or a signal.
     */
    default boolean needsPolling() {
        return false;
    }

    /**
     * The signal mask in force while the thread waits, when its call sets one (rt_sigsuspend,
     * pselect6, ppoll, epoll_pwait), or -1 for the thread's own: a signal it unblocks interrupts the
     * wait. GNU make -j blocks SIGCHLD everywhere but in its pselect6.
     */
    default long maskDuringWait() {
        return -1;
    }

    /** futex(FUTEX_WAIT..., FUTEX_LOCK_PI): woken by another thread's FUTEX_WAKE/UNLOCK_PI on the same word. */
    record Futex(long key, long address, int bitset, boolean pi, long deadline) implements Wait {
        /** The bitset of FUTEX_WAIT and FUTEX_WAKE (the _BITSET forms choose their own): every bit. */
        public static final int BITSET_ALL = -1;

        /** Futexes are keyed by the process (its virtual pid) and the address in it. */
        public static long keyOf(int vpid, long address) {
            return ((long) vpid << 48) ^ address;
        }

        @Override
        public String describe() {
            return (pi ? "a PI futex (locked mutex) at 0x" : "a futex at 0x") + Long.toHexString(address);
        }
    }

    /**
     * read/write/accept/poll/select/epoll_wait on descriptors. {@code polls} is true for poll, select
     * and epoll_wait, which wait until one descriptor is ready whether or not it is non-blocking;
     * false for a call on the descriptor itself (read, write, accept...), which a non-blocking
     * descriptor lets through at once. {@code callMask} is the mask pselect6, ppoll and epoll_pwait
     * set for the wait, or -1.
     */
    record Descriptors(int[] fds, short[] events, long deadline, boolean polls, long callMask) implements Wait {
        /** read, write, accept...: {@code fd} ready for {@code events}, or non-blocking. */
        public static Descriptors call(int fd, short events) {
            return new Descriptors(new int[] {fd}, new short[] {events}, NEVER, false, -1);
        }

        /** poll, select, epoll_wait: one of {@code fds} ready for its events, or the deadline. */
        public static Descriptors poll(int[] fds, short[] events, long deadline) {
            return poll(fds, events, deadline, -1);
        }

        /** pselect6, ppoll, epoll_pwait: the same, with the signal mask {@code callMask} while waiting. */
        public static Descriptors poll(int[] fds, short[] events, long deadline, long callMask) {
            return new Descriptors(fds, events, deadline, true, callMask);
        }

        @Override
        public long maskDuringWait() {
            return callMask;
        }

        @Override
        public String describe() {
            return "descriptor(s) " + java.util.Arrays.toString(fds) + " to become ready";
        }
    }

    /**
     * flock(LOCK_SH or LOCK_EX) on a file another open file holds locked: looked at (tried again
     * without blocking) at every scheduling point, as the holder may unlock at any call, or from
     * outside the tree.
     */
    record FileLock(int fd, int operation) implements Wait {
        @Override
        public long deadline() {
            return NEVER;
        }

        @Override
        public boolean needsPolling() {
            return true;
        }

        @Override
        public String describe() {
            return "a file lock (flock) on descriptor " + fd;
        }
    }

    /** wait4/waitid for a child that has not exited yet. */
    record Child(int realPidSpec, long deadline) implements Wait {
        @Override
        public boolean needsPolling() {
            return true;
        }

        @Override
        public String describe() {
            return "a child process to exit";
        }
    }

    /** nanosleep/clock_nanosleep: only time passes. */
    record Sleep(long deadline) implements Wait {
        @Override
        public String describe() {
            return "virtual time " + deadline + " ns";
        }
    }

    /**
     * pause/rt_sigsuspend/rt_sigtimedwait: a signal.
     *
     * @param suspendMask the signal mask in force while waiting (rt_sigsuspend), or -1 for the thread's
     * @param waitSet     the signals rt_sigtimedwait takes (normally blocked), or 0
     */
    record Signal(long suspendMask, long waitSet, long deadline) implements Wait {
        @Override
        public long maskDuringWait() {
            return suspendMask;
        }

        @Override
        public String describe() {
            return "a signal";
        }
    }

    /** The parent of a vfork: the kernel holds it until the child execs or exits. */
    record VforkChild(int childTid) implements Wait {
        @Override
        public long deadline() {
            return NEVER;
        }

        @Override
        public String describe() {
            return "its vfork child to exec or exit";
        }
    }
}
