package dev.vbench.core.supervisor;

import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.nativ.LibC;
import dev.vbench.core.nativ.Native;
import dev.vbench.core.nativ.RemoteMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes into a guest's pipe for it, as much as the pipe takes now. The pipe is opened anew
 * through /proc/TID/fd/FD, non-blocking: the same pipe with a description of its own, so the
 * guest's own descriptor and flags are untouched, and the write never waits.
 */
final class PipeWrites {
    private static final int O_WRONLY = 1, O_NONBLOCK = 04000, O_CLOEXEC = 02000000, F_GETPIPE_SZ = 1032;
    private static final int SYS_TGKILL = 234, SIGPIPE = 13;
    /** The most one piece takes when the pipe's size cannot be read: Linux's default pipe size. */
    private static final int DEFAULT_PIPE_SIZE = 64 * 1024;
    private static final LibC C = Native.libc();

    private final RemoteMemory memory;

    PipeWrites(RemoteMemory memory) {
        this.memory = memory;
    }

    /** See {@link Guest#writeToPipe}. */
    long write(GuestThread thread, int fd, long buf, long count) {
        Path link = Path.of("/proc/" + thread.tid() + "/fd/" + fd);
        try {
            if (!Files.readSymbolicLink(link).toString().startsWith("pipe:")) {
                return Guest.NOT_A_PIPE;
            }
        } catch (IOException | RuntimeException e) {
            return Guest.NOT_A_PIPE; // a bad descriptor: the kernel gives EBADF
        }
        int pipe = C.open(link.toString(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (pipe < 0) {
            if (Native.errno() != Errno.ENXIO) {
                return Guest.NOT_A_PIPE;
            }
            // No reader left: as the kernel's pipe_write, SIGPIPE to the writer and EPIPE
            C.syscall(SYS_TGKILL, thread.process().pid(), thread.tid(), SIGPIPE);
            return -Errno.EPIPE;
        }
        try {
            int size = C.fcntl(pipe, F_GETPIPE_SZ, 0);
            int piece = (int) Math.min(count, size > 0 ? size : DEFAULT_PIPE_SIZE);
            int read = memory.read(thread.tid(), buf, piece);
            if (read <= 0) {
                return Guest.NOT_A_PIPE; // the kernel gives EFAULT
            }
            long written = C.write(pipe, memory.scratch(read), read);
            return written >= 0 ? written : -Native.errno();
        } finally {
            C.close(pipe);
        }
    }
}
