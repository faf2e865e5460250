package dev.vbench.core.supervisor;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.handlers.SyscallHandler;

/** What the supervisor owes one traced thread at its next stop or resume; kept in the thread's state. */
final class TraceeState {
    private static final StateKey<TraceeState> KEY = StateKey.of("tracee", TraceeState::new);

    /** The handler to call at this thread's next syscall-exit stop, or null. */
    SyscallHandler pendingExit;
    /** When released from parking, resume with PTRACE_SYSCALL so the handler sees the call's exit. */
    boolean exitHookOnRelease;
    /** The signal to deliver when the scheduler next resumes this thread. */
    int resumeSignal;
    /** A signal that arrived while the supervisor was injecting; delivered at the next resume. */
    int deferredSignal;
    /** The thread's first stop (a new tracee's PTRACE_EVENT_STOP) has been seen. */
    boolean firstStopSeen;
    /** The last system call it entered (what it is blocked in, if it is blocked in the kernel). */
    int lastSyscall;
    /** It called exit or exit_group and its end will be reported soon. */
    boolean leaving;
    /** CLONE_CHILD_SETTID: where the thread wrote its real tid before its first stop; 0 for none. */
    long childTidAddress;
    /**
     * At a stop: the call it is stopped at was answered by the supervisor, not the kernel, and the
     * answer touched nothing a descriptor's readiness depends on ({@link DescriptorChanges}): a
     * quiet emulated call, or a parked call completed with its registers only. Read and cleared
     * when the thread is resumed, where {@link #ranOwnCodeOnly} takes over.
     */
    boolean callAnswered;
    /**
     * From a resume to the next stop: it was resumed past such an answer with no signal, so it runs
     * only its own code, and its next stop, if it is its next call's, follows no change to any
     * descriptor. Read and cleared at that stop. Not the same state as {@link #callAnswered}: that
     * one is of the stop, this one of the run after it, which a signal delivered at the resume (a
     * handler runs) spoils whatever the answer was.
     */
    boolean ranOwnCodeOnly;

    static TraceeState of(GuestThread thread) {
        return thread.state().get(KEY);
    }
}
