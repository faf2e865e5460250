package dev.vbench.core.guest;

/** What a handler decided at the entry of a system call. */
public enum Disposition {
    /** Let the kernel run the call as it is (arguments possibly rewritten). */
    PASS,
    /** The handler answered the call itself; the kernel does not run it. */
    EMULATED,
    /** Let the kernel run it and call the handler's onExit with its result. */
    AT_EXIT,
    /**
     * The call would block: the thread is parked on the wait given to
     * {@link Guest#block} and the scheduler runs another thread.
     */
    BLOCK
}
