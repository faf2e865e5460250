package dev.vbench.core.nativ;

/**
 * ptrace requests, options and events (linux/ptrace.h) and checked wrappers.
 *
 * <p>Every request for a tracee must come from the thread that attached it (pitfall 3): callers
 * run on the supervisor thread.
 */
public final class Ptrace {
    public static final int PEEKDATA = 2;
    public static final int POKEDATA = 5;
    public static final int CONT = 7;
    public static final int GETREGS = 12;
    public static final int SETREGS = 13;
    public static final int SINGLESTEP = 9;
    public static final int SYSCALL = 24;
    public static final int SETOPTIONS = 0x4200;
    public static final int GETEVENTMSG = 0x4201;
    public static final int GETSIGINFO = 0x4202;
    public static final int SETSIGINFO = 0x4203;
    public static final int SEIZE = 0x4206;
    public static final int INTERRUPT = 0x4207;
    public static final int LISTEN = 0x4208;

    public static final int O_TRACESYSGOOD = 1;
    public static final int O_TRACEFORK = 1 << 1;
    public static final int O_TRACEVFORK = 1 << 2;
    public static final int O_TRACECLONE = 1 << 3;
    public static final int O_TRACEEXEC = 1 << 4;
    public static final int O_TRACEEXIT = 1 << 6;
    public static final int O_TRACESECCOMP = 1 << 7;
    public static final int O_EXITKILL = 1 << 20;

    public static final int EVENT_FORK = 1;
    public static final int EVENT_VFORK = 2;
    public static final int EVENT_CLONE = 3;
    public static final int EVENT_EXEC = 4;
    public static final int EVENT_VFORK_DONE = 5;
    public static final int EVENT_EXIT = 6;
    public static final int EVENT_SECCOMP = 7;
    public static final int EVENT_STOP = 128;

    private Ptrace() {}

    /** Every request goes through the calling thread's tracer: only the tracer thread may make them. */
    private static long ptrace(long request, int tid, long addr, long data) {
        return Tracer.current().ptrace(request, tid, addr, data);
    }

    public static void seize(int pid, long options) {
        check(ptrace(SEIZE, pid, 0, options), "PTRACE_SEIZE", pid);
    }

    /** Resumes the tracee; {@code request} is CONT, SYSCALL or LISTEN. */
    public static void resume(int request, int tid, int signal) {
        if (ptrace(request, tid, 0, signal) < 0) {
            int errno = Tracer.current().errno();
            // A tracee killed by SIGKILL (by us on shutdown, or by another guest) vanishes between
            // its stop and our resume: its exit is reported by waitpid, nothing to do here.
            if (errno != Errno.ESRCH) {
                throw new NativeException("ptrace resume of " + tid, errno);
            }
        }
    }

    public static long eventMessage(int tid, jnr.ffi.Pointer scratch8) {
        check(ptrace(GETEVENTMSG, tid, 0, scratch8.address()), "PTRACE_GETEVENTMSG", tid);
        return scratch8.getLong(0);
    }

    /** Writes one word even into read-only text (ptrace writes with FOLL_FORCE). */
    public static void pokeData(int tid, long addr, long word) {
        check(ptrace(POKEDATA, tid, addr, word), "PTRACE_POKEDATA", tid);
    }

    public static long peekData(int tid, long addr) {
        Native.setErrno(0); // the word may be -1: only errno tells (a direct tracer's is libc's)
        long word = ptrace(PEEKDATA, tid, addr, 0);
        int errno = Tracer.current().errno();
        if (word == -1 && errno != 0) {
            throw new NativeException("PTRACE_PEEKDATA of " + tid + " at 0x" + Long.toHexString(addr), errno);
        }
        return word;
    }

    public static void getSigInfo(int tid, jnr.ffi.Pointer siginfo128) {
        check(ptrace(GETSIGINFO, tid, 0, siginfo128.address()), "PTRACE_GETSIGINFO", tid);
    }

    public static void setSigInfo(int tid, jnr.ffi.Pointer siginfo128) {
        check(ptrace(SETSIGINFO, tid, 0, siginfo128.address()), "PTRACE_SETSIGINFO", tid);
    }

    static void check(long result, String what, int tid) {
        if (result < 0) {
            throw new NativeException(what + " (tid " + tid + ")", Tracer.current().errno());
        }
    }
}
