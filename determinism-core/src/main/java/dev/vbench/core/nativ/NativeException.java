package dev.vbench.core.nativ;

/** A system call made by the supervisor itself failed. */
public final class NativeException extends RuntimeException {
    private final int errno;

    public NativeException(String what, int errno) {
        super(what + ": " + Native.describe(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
