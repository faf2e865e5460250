package dev.vbench.core.nativ;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/** Loads libc once and gives access to errno and native memory. */
public final class Native {
    static {
        // jnr-ffi's x86-64 asm stub corrupts the 6th integer argument (process_vm_readv's flags):
        // platform notes, pitfall 1. Must be set before the first library is loaded.
        if (System.getProperty("jnr.ffi.x86asm.enabled") == null) {
            System.setProperty("jnr.ffi.x86asm.enabled", "false");
        }
    }

    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private Native() {}

    public static LibC libc() {
        return LIBC;
    }

    public static int errno() {
        return LastError.getLastError(RUNTIME);
    }

    public static void setErrno(int value) {
        LastError.setLastError(RUNTIME, value);
    }

    /** Native memory that lives as long as the returned object is reachable (pitfall 9). */
    public static Pointer allocate(int bytes) {
        return Memory.allocateDirect(RUNTIME, bytes, true);
    }

    /** Little-endian 64-bit value at {@code at}: the layout of every kernel struct here. */
    public static long le64(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xff);
        }
        return v;
    }

    public static void putLe64(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    public static String describe(int errno) {
        return Errno.name(errno) + " (" + LIBC.strerror(errno) + ")";
    }
}
