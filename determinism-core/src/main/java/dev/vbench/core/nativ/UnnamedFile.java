package dev.vbench.core.nativ;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A file with no name (open with O_TMPFILE) in a directory on disk, owned by vbench and reachable
 * by other processes as {@code /proc/<vbench pid>/fd/<fd>}, like a {@link MemFile}; but its pages
 * are the file system's cache, not memory, so a guest that writes gigabytes costs disk, not RAM.
 * It is gone when closed, or when vbench dies, whatever killed it.
 */
public final class UnnamedFile implements AutoCloseable {
    private static final int SYS_OPEN = 2;
    private static final int O_RDWR = 02, O_TMPFILE = 020200000;
    private static final long OWN_PID = ProcessHandle.current().pid();

    private final int fd;
    private boolean closed;

    private UnnamedFile(int fd) {
        this.fd = fd;
    }

    /** A new empty file in {@code dir}, readable and writable by vbench's user only. */
    public static UnnamedFile in(Path dir) {
        byte[] name = (dir.toAbsolutePath() + "\0").getBytes(StandardCharsets.UTF_8);
        jnr.ffi.Pointer p = Native.allocate(name.length);
        p.put(0, name, 0, name.length);
        long r = Native.libc().syscall(SYS_OPEN, p.address(), O_TMPFILE | O_RDWR, 0600);
        if (r < 0) {
            throw new NativeException("open(" + dir + ", O_TMPFILE)", Native.errno());
        }
        return new UnnamedFile((int) r);
    }

    /** The path by which any process of the same user can open this file. */
    public String path() {
        return "/proc/" + OWN_PID + "/fd/" + fd;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Native.libc().close(fd);
        }
    }
}
