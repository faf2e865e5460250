package dev.vbench.cli.bench;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;

/**
 * The few libc calls the bench command makes for itself (the determinizer's binding is its own).
 * ioctl is variadic in glibc; a fixed-arity binding with a long request works on x86-64 (platform
 * notes, pitfall 2).
 */
public interface HostLibc {
    int isatty(int fd);

    int ioctl(int fd, long request, Pointer arg);

    int chdir(String path);

    /** Loaded on first use. */
    static HostLibc get() {
        return Holder.LIBC;
    }

    /** Native memory of {@code bytes} bytes. */
    static Pointer allocate(int bytes) {
        return jnr.ffi.Memory.allocateDirect(jnr.ffi.Runtime.getRuntime(Holder.LIBC), bytes, true);
    }

    final class Holder {
        private static final HostLibc LIBC = LibraryLoader.create(HostLibc.class).load("c");

        private Holder() {}
    }
}
