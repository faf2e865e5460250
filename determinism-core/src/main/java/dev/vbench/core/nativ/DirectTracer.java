package dev.vbench.core.nativ;

import jnr.ffi.Pointer;

/** The calling thread is the tracer: its requests go straight to libc. */
public final class DirectTracer implements Tracer {
    public static final DirectTracer INSTANCE = new DirectTracer();
    private static final LibC C = Native.libc();

    private DirectTracer() {}

    @Override
    public long ptrace(long request, long pid, long addr, long data) {
        return C.ptrace(request, pid, addr, data);
    }

    @Override
    public int waitpid(int pid, Pointer status, int options) {
        return C.waitpid(pid, status, options);
    }

    @Override
    public int errno() {
        return Native.errno();
    }
}
