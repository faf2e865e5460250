package dev.vbench.core.nativ;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.Pointer;

/**
 * A tracer thread of native code ({@code src/main/c/tracer/vb_tracer.c}) that shares a CPU with the
 * guest and carries the guest's CPU-trap flags, so that a stop costs no rewrite of CR4 and the
 * CPUID-faulting MSR (each a VM exit on a VM: 25 of 35 us per stop here). It makes the ptrace and
 * waitpid requests that the supervisor thread, on another CPU, posts in a mailbox, one at a time;
 * each side spins briefly for the other and then sleeps on a futex. Addresses in requests (the
 * register block, the status word) are the supervisor's own: the thread is in the same process.
 *
 * <p>Only the thread that started it may use it (it is that thread's {@link Tracer}); {@link #close}
 * ends the native thread, and with it, through PTRACE_O_EXITKILL, any tracee still alive.
 */
public final class RemoteTracer implements Tracer, AutoCloseable {
    /** Why there is no remote tracer in this JVM, or null if the library loaded. */
    public static String unavailableReason() {
        return TracerLibrary.REASON;
    }

    /**
     * Starts the tracer thread on {@code cpu}.
     *
     * @throws IllegalStateException if the library is missing ({@link #unavailableReason}) or the thread cannot start
     */
    public static RemoteTracer start(int cpu) {
        if (TracerLibrary.API == null) {
            throw new IllegalStateException(TracerLibrary.REASON);
        }
        return new RemoteTracer(cpu);
    }

    // The mailbox, laid out as struct vb_box in vb_tracer.c.
    private static final int REQUEST = 0, TRACER_SLEEPING = 4, OP = 8, FLAGS = 12, ARG = 16;
    private static final int DONE = 64, CALLER_SLEEPING = 68, ERROR = 72, RESULT = 80, SIZE = 128;
    private static final int OP_PTRACE = 1, OP_WAITPID = 2, OP_QUIT = 3, OP_WAIT_ANSWERING = 4;
    private static final int SYS_FUTEX = 202, FUTEX_WAIT_PRIVATE = 128, FUTEX_WAKE_PRIVATE = 129;
    /**
     * Spins before sleeping, about 50 us: the tracer answers a request in 1-10 us, but a guest may
     * run for seconds, and every vbench on this machine puts its guest and tracer on the same CPU.
     */
    private static final int SPINS = 1_500;
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final LibC C = Native.libc();

    private final ByteBuffer box = ByteBuffer.allocateDirect(SIZE).order(ByteOrder.nativeOrder());
    private final long address = Pointer.wrap(jnr.ffi.Runtime.getRuntime(C), box).address();
    /** The number of the last request posted (request 1 started the thread). */
    private int request = 1;
    private int flags;
    private int errno;
    private boolean closed;

    private RemoteTracer(int cpu) {
        int e = TracerLibrary.API.vb_tracer_start(address, cpu);
        if (e != 0) {
            throw new IllegalStateException("the remote tracer thread did not start: " + Errno.name(e));
        }
    }

    @Override
    public long ptrace(long request, long pid, long addr, long data) {
        return call(OP_PTRACE, request, pid, addr, data);
    }

    @Override
    public int waitpid(int pid, Pointer status, int options) {
        return (int) call(OP_WAITPID, pid, status.address(), options, 0);
    }

    @Override
    public boolean answersCalls() {
        return true;
    }

    @Override
    public int waitpidAnswering(int pid, Pointer status, int options, AnswerBlock answers) {
        return (int) call(OP_WAIT_ANSWERING, pid, status.address(), options, answers.address());
    }

    @Override
    public int errno() {
        return errno;
    }

    @Override
    public void carry(boolean tsc, boolean cpuid) {
        flags = TracerLibrary.trapFlags(tsc, cpuid);
    }

    /**
     * Ends the tracer thread; a tracee still alive is killed as the thread exits (PTRACE_O_EXITKILL),
     * which may be just after this returns.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            call(OP_QUIT, 0, 0, 0, 0);
        }
    }

    private long call(int op, long a0, long a1, long a2, long a3) {
        if (closed && op != OP_QUIT) {
            throw new IllegalStateException("the remote tracer was closed");
        }
        box.putInt(OP, op);
        box.putInt(FLAGS, flags);
        box.putLong(ARG, a0);
        box.putLong(ARG + 8, a1);
        box.putLong(ARG + 16, a2);
        box.putLong(ARG + 24, a3);
        int n = ++request;
        INT.setVolatile(box, REQUEST, n); // publishes the plain writes above with it
        if ((int) INT.getVolatile(box, TRACER_SLEEPING) != 0) {
            futex(REQUEST, FUTEX_WAKE_PRIVATE, 1);
        }
        awaitDone(n);
        errno = box.getInt(ERROR);
        return box.getLong(RESULT);
    }

    private void awaitDone(int n) {
        for (int i = 0; i < SPINS; i++) {
            if ((int) INT.getVolatile(box, DONE) == n) {
                return;
            }
            Thread.onSpinWait();
        }
        while (true) {
            INT.setVolatile(box, CALLER_SLEEPING, 1);
            int done = (int) INT.getVolatile(box, DONE);
            if (done == n) {
                INT.setVolatile(box, CALLER_SLEEPING, 0);
                return;
            }
            futex(DONE, FUTEX_WAIT_PRIVATE, done); // returns at once if DONE is no longer `done`
            INT.setVolatile(box, CALLER_SLEEPING, 0);
        }
    }

    private void futex(int offset, int op, int value) {
        C.syscall(SYS_FUTEX, address + offset, op, value, 0, 0);
    }
}
