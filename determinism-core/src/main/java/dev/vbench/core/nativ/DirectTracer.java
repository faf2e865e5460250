package dev.vbench.core.nativ;

import jnr.ffi.Pointer;

/**
 * The calling thread is the tracer: its requests go straight to libc. One per run, which keeps the
 * guest's CPU-trap flags for the waits that answer calls ({@link #waitpidAnswering}); {@link
 * #INSTANCE} serves threads that run none.
 */
public final class DirectTracer implements Tracer {
    public static final DirectTracer INSTANCE = new DirectTracer();
    private static final LibC C = Native.libc();

    private int flags;

    @Override
    public long ptrace(long request, long pid, long addr, long data) {
        return C.ptrace(request, pid, addr, data);
    }

    @Override
    public int waitpid(int pid, Pointer status, int options) {
        return C.waitpid(pid, status, options);
    }

    @Override
    public void carry(boolean tsc, boolean cpuid) {
        flags = TracerLibrary.trapFlags(tsc, cpuid);
    }

    @Override
    public boolean answersCalls() {
        return TracerLibrary.API != null;
    }

    /** {@inheritDoc} This thread carries the guest's trap flags and blocks every signal while it waits. */
    @Override
    public int waitpidAnswering(int pid, Pointer status, int options, AnswerBlock answers) {
        if (TracerLibrary.API == null) {
            throw new UnsupportedOperationException(TracerLibrary.REASON);
        }
        return (int) TracerLibrary.API.vb_wait_answering_here(pid, status.address(), options, answers.address(), flags);
    }

    @Override
    public int errno() {
        return Native.errno();
    }
}
