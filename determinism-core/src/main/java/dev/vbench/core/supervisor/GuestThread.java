package dev.vbench.core.supervisor;

import dev.vbench.core.handlers.SyscallHandler;
import dev.vbench.core.util.SplitMix64;

/** Per-thread state: identity, counts, and what the supervisor owes this thread at its next stop. */
public final class GuestThread {
    private int tid;
    private final int vtid;
    private GuestProcess process;
    private final SplitMix64 random;

    /** System calls this thread made; read by the clock. */
    public long syscalls;
    /** rdtsc/rdtscp/cpuid instructions trapped and emulated for this thread. */
    public long traps;
    /** Virtual nanoseconds charged to this thread so far (kept by the clock). */
    public long chargedNanos;
    /** A slot the counter backend may use for its own per-thread data. */
    public Object counterState;

    /** What the thread is parked on, or null if it is not parked (kept by the scheduler). */
    public dev.vbench.core.sched.Wait waitingOn;
    /** Scheduling priority in chaos mode (kept by the scheduler). */
    public long priority;
    /** Signals (bit N-1 for signal N) sent to this thread by the guest since it was parked. */
    public long incomingSignals;

    /** Notes that {@code signal} was sent to this thread, so a parked call of its can react. */
    public void signalSent(int signal) {
        if (signal > 0 && signal <= 64) {
            incomingSignals |= SignalMasks.bit(signal);
        }
    }
    /** When released from parking, resume with PTRACE_SYSCALL so the handler sees the call's exit. */
    boolean exitHookOnRelease;
    /** The descriptor wait this thread was released from, to check again when it is chosen. */
    dev.vbench.core.sched.Wait.Descriptors releasedFrom;
    /** The signal to deliver when the scheduler next resumes this thread. */
    int resumeSignal;

    /** What a handler keeps between a call's entry and its exit (one call at a time per thread). */
    public Object exitState;

    /** The handler to call at this thread's next syscall-exit stop, or null. */
    SyscallHandler pendingExit;
    /** A signal that arrived while the supervisor was injecting; delivered at the next resume. */
    int deferredSignal;
    /** The thread's first stop (a new tracee's PTRACE_EVENT_STOP) has been seen. */
    boolean firstStopSeen;
    /**
     * The address the kernel clears and futex-wakes when this thread exits (CLONE_CHILD_CLEARTID,
     * set_tid_address): pthread_join waits there, so the supervisor must wake it too.
     */
    public long clearChildTid;

    GuestThread(int tid, int vtid, GuestProcess process, long seed) {
        this.tid = tid;
        this.vtid = vtid;
        this.process = process;
        this.random = SplitMix64.stream(seed, vtid);
    }

    public int tid() {
        return tid;
    }

    void retid(int newTid) {
        this.tid = newTid;
    }

    /** The thread id the guest sees: the same on every run. */
    public int vtid() {
        return vtid;
    }

    public GuestProcess process() {
        return process;
    }

    void moveTo(GuestProcess newProcess) {
        this.process = newProcess;
    }

    /** This thread's stream of deterministic random bytes, independent of other threads' use. */
    public SplitMix64 random() {
        return random;
    }

    @Override
    public String toString() {
        return "thread " + vtid + " (real " + tid + ")";
    }
}
