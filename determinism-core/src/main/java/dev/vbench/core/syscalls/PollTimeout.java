package dev.vbench.core.syscalls;

/**
 * Where a poll-type call (poll, ppoll, select, pselect6, epoll_wait, epoll_pwait, epoll_pwait2)
 * takes its timeout: the argument, its form, and whether the kernel writes the time left back into
 * it. The handler reads the timeout from here; the supervisor zeroes it here when the timeout has
 * passed on virtual time and the kernel is to run the call without waiting.
 */
public enum PollTimeout {
    POLL(Syscall.POLL, 2, Form.MILLIS, false),
    PPOLL(Syscall.PPOLL, 2, Form.TIMESPEC, true),
    SELECT(Syscall.SELECT, 4, Form.TIMEVAL, true),
    PSELECT6(Syscall.PSELECT6, 4, Form.TIMESPEC, true),
    EPOLL_WAIT(Syscall.EPOLL_WAIT, 3, Form.MILLIS, false),
    EPOLL_PWAIT(Syscall.EPOLL_PWAIT, 3, Form.MILLIS, false),
    EPOLL_PWAIT2(Syscall.EPOLL_PWAIT2, 3, Form.TIMESPEC, false);

    /** An int of milliseconds (negative: none), or a pointer to a struct timeval or timespec (NULL: none). */
    public enum Form { MILLIS, TIMEVAL, TIMESPEC }

    private final Syscall call;
    private final int arg;
    private final Form form;
    private final boolean writtenBack;

    PollTimeout(Syscall call, int arg, Form form, boolean writtenBack) {
        this.call = call;
        this.arg = arg;
        this.form = form;
        this.writtenBack = writtenBack;
    }

    /** The timeout of {@code call}; null if it is not a poll-type call. */
    public static PollTimeout of(Syscall call) {
        for (PollTimeout t : values()) {
            if (t.call == call) {
                return t;
            }
        }
        return null;
    }

    /** The argument that holds the timeout (or points at it). */
    public int arg() {
        return arg;
    }

    public Form form() {
        return form;
    }

    /** Whether the kernel writes the time left into the caller's struct (select, pselect6, ppoll). */
    public boolean writtenBack() {
        return writtenBack;
    }
}
