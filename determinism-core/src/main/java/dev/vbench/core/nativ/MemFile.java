package dev.vbench.core.nativ;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An anonymous in-memory file (memfd_create) owned by vbench, reachable by other processes as
 * {@code /proc/<vbench pid>/fd/<fd>}. The guest can open it by that path, but it appears in no
 * directory the guest could list, so vbench's own files never change what the guest sees.
 */
public final class MemFile implements AutoCloseable {
    private static final int SYS_MEMFD_CREATE = 319;
    private static final long OWN_PID = ProcessHandle.current().pid();

    private final int fd;
    private boolean closed;

    public MemFile(String name) {
        long r;
        try (var n = new NativeString(name)) {
            r = Native.libc().syscall(SYS_MEMFD_CREATE, n.address(), 0 /* no MFD_CLOEXEC: nothing execs */, 0);
        }
        if (r < 0) {
            throw new NativeException("memfd_create(" + name + ")", Native.errno());
        }
        this.fd = (int) r;
    }

    /** The path by which any process of the same user can open this file. */
    public String path() {
        return "/proc/" + OWN_PID + "/fd/" + fd;
    }

    public void write(byte[] content) {
        try {
            Files.write(Path.of(path()), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InputStream read() throws IOException {
        return Files.newInputStream(Path.of(path()));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Native.libc().close(fd);
        }
    }

    /** A NUL-terminated copy of a Java string in native memory, for one call. */
    private static final class NativeString implements AutoCloseable {
        private final jnr.ffi.Pointer memory;

        NativeString(String s) {
            byte[] b = (s + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            memory = Native.allocate(b.length);
            memory.put(0, b, 0, b.length);
        }

        long address() {
            return memory.address();
        }

        @Override
        public void close() {
            // freed with the Java object
        }
    }
}
