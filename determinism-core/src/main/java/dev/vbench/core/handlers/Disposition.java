package dev.vbench.core.handlers;

/** What a handler decided at the entry of a system call. */
public enum Disposition {
    /** Let the kernel run the call as it is (arguments possibly rewritten). */
    PASS,
    /** The handler answered the call itself; the kernel does not run it. */
    EMULATED,
    /** Let the kernel run it and call {@link SyscallHandler#onExit} with its result. */
    AT_EXIT,
    /**
     * The call would block: the thread is parked on the wait given to
     * {@link dev.vbench.core.supervisor.SyscallStop#block} and the scheduler runs another thread.
     */
    BLOCK
}
