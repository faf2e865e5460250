package dev.vbench.core.nativ;

/** Decodes a waitpid status word (the W* macros of sys/wait.h). */
public final class WaitStatus {
    public static final int WNOHANG = 1;
    public static final int WUNTRACED = 2;
    public static final int WALL = 0x40000000;

    private WaitStatus() {}

    public static boolean exited(int status) {
        return (status & 0x7f) == 0;
    }

    public static int exitCode(int status) {
        return (status >> 8) & 0xff;
    }

    public static boolean signaled(int status) {
        int low = status & 0x7f;
        return low != 0 && low != 0x7f;
    }

    public static int termSignal(int status) {
        return status & 0x7f;
    }

    public static boolean stopped(int status) {
        return (status & 0xff) == 0x7f;
    }

    public static int stopSignal(int status) {
        return (status >> 8) & 0xff;
    }

    /** The PTRACE_EVENT_* in the high bits of a stop status, 0 for none. */
    public static int event(int status) {
        return (status >>> 16) & 0xff;
    }

    /** The shell's convention: exit code, or 128 + the signal that killed the process. */
    public static int shellStatus(int status) {
        return signaled(status) ? 128 + termSignal(status) : exitCode(status);
    }
}
