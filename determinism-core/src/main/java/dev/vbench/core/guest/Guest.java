package dev.vbench.core.guest;

import dev.vbench.core.syscalls.Syscall;

/**
 * The guest as a syscall handler sees it at one stop: the call, its arguments and result, the
 * calling thread and its memory, and the decisions a handler can make. A handler does not know
 * how the stop was obtained: the supervisor implements this over ptrace; tests use an in-memory fake.
 *
 * <p>At a call's entry a handler returns a {@link Disposition}: {@link Disposition#PASS} (the
 * kernel runs the call, arguments possibly rewritten), {@link #emulate} or {@link #fail} (the
 * handler answers it), {@link Disposition#AT_EXIT} (the kernel runs it and the handler sees the
 * result), or {@link #block} (the thread parks until the call can go on without blocking).
 */
public interface Guest {
    /** The call this stop is for. */
    Syscall syscall();

    /** System call argument {@code index} (0..5), in the kernel's order: rdi rsi rdx r10 r8 r9. */
    long arg(int index);

    default int intArg(int index) {
        return (int) arg(index);
    }

    /** At entry: rewrites argument {@code index} before the kernel sees it. */
    void setArg(int index, long value);

    /** At exit: the value the call returns (negative errno on failure). */
    long result();

    /** At exit: replaces the value the call returns. */
    void setResult(long value);

    GuestThread thread();

    default GuestProcess process() {
        return thread().process();
    }

    /** The calling thread's address space. */
    GuestMemory memory();

    /** At entry: answers the call with {@code value}; the kernel does not run it. */
    Disposition emulate(long value);

    /** At entry: fails the call with {@code errno}. */
    default Disposition fail(int errno) {
        return emulate(-errno);
    }

    /**
     * At entry: parks the thread until {@code wait} is over. When it is released the kernel runs the
     * call (now that it will not block), with the handler's onExit afterwards if {@code exitHook};
     * or the wait is completed with a result (a timeout, a futex wake-up).
     */
    Disposition block(Wait wait, boolean exitHook);

    /**
     * At entry: parks the thread until {@code wait} is over, and then it makes the same call again:
     * its handler sees it anew. Nothing of the call happens in the kernel meanwhile, so a signal
     * handler that runs in between returns to the call, as after a restart.
     */
    Disposition retryAfter(Wait wait);

    /**
     * Tries flock {@code operation} on descriptor {@code fd} of the calling process without
     * blocking, for its open file: 0 if the lock is the guest's now, -EWOULDBLOCK if another open
     * file holds it, another -errno otherwise.
     */
    int tryLock(int fd, int operation);

    /** What {@link #writeWithoutBlocking} answers when the kernel should run the write itself. */
    long KERNEL_DECIDES = Long.MIN_VALUE;

    /**
     * Writes up to {@code count} bytes at {@code buf} into the pipe or stream socket {@code fd} of
     * the calling process for it, as much as it takes now, without blocking. Returns the bytes
     * written, -EAGAIN if it is full, -EPIPE if no reader is left (and, as the kernel does, SIGPIPE
     * is sent to the thread if {@code sigpipe}), or {@link #KERNEL_DECIDES}: another kind of file,
     * another error, or a buffer it cannot read (the kernel then gives the guest its error).
     * With {@code socketOnly} (send, sendmsg) a pipe is another kind of file too: ENOTSOCK.
     */
    long writeWithoutBlocking(int fd, long buf, long count, boolean sigpipe, boolean socketOnly);

    /**
     * Puts a NUL-terminated string where the kernel can read it during this call and returns its
     * address (below the thread's stack red zone, which nothing uses while it is in the kernel).
     */
    long passString(String value);

    /**
     * Whether a call on descriptor {@code fd} of the calling process (a read, a write) would go
     * through now: NON_BLOCKING for a non-blocking descriptor, else whether it is ready for
     * {@code events} (poll bits).
     */
    Readiness probe(int fd, short events);

    /** The calling thread's signal masks, or null if they cannot be read (the thread is gone). */
    SignalMasks signalMasks();

    /** The calling thread gives up the CPU (sched_yield): its scheduling slice ends. */
    void yieldCpu();

    /** The parked threads, for calls that wake or move them (futex). */
    ParkedThreads parked();
}
