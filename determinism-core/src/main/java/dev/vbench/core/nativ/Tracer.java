package dev.vbench.core.nativ;

/**
 * Makes a thread's ptrace and waitpid requests. The kernel serves a tracee's ptrace requests only
 * from its tracer thread, so the supervisor sends all of them through the tracer of its run:
 * {@link DirectTracer} (the calling thread is the tracer) or {@link RemoteTracer} (a native thread
 * that carries the guest's CPU-trap flags is). Each thread has one, {@link #current}; the
 * supervisor thread installs its run's with {@link #use}.
 */
public interface Tracer {
    /** ptrace(2): a negative result is a failure, whose errno {@link #errno} then gives. */
    long ptrace(long request, long pid, long addr, long data);

    /** waitpid(2) into the 4-byte {@code status}. */
    int waitpid(int pid, jnr.ffi.Pointer status, int options);

    /** Whether {@link #waitpidAnswering} works here (the tracer's library is loaded). */
    default boolean answersCalls() {
        return false;
    }

    /**
     * waitpid for one thread, answering by itself (after those in its log already) the thread's
     * seccomp stops for calls in {@code answers}: each is skipped, given its result, resumed and
     * logged, up to the block's limit. Returns at the first other event, as {@link #waitpid} would.
     * Only where {@link #answersCalls}.
     */
    default int waitpidAnswering(int pid, jnr.ffi.Pointer status, int options, AnswerBlock answers) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " answers no calls");
    }

    /** The errno of this tracer's last call (0 if it succeeded). */
    int errno();

    /**
     * The rdtsc and cpuid trapping the guest's threads carry now: a tracer that can carries the same,
     * so that the kernel need not rewrite them at every switch between tracer and guest (speed only).
     */
    default void carry(boolean tsc, boolean cpuid) {}

    /** The tracer of the calling thread's requests: {@link DirectTracer} unless {@link #use} said otherwise. */
    static Tracer current() {
        return Tracers.CURRENT.get();
    }

    /** Makes {@code tracer} the calling thread's until the returned handle is closed. */
    static Tracers.Installed use(Tracer tracer) {
        return Tracers.install(tracer);
    }
}
