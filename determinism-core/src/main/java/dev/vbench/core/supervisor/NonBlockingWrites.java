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
import jnr.ffi.Pointer;

/**
 * Writes into a guest's pipe or stream socket for it, as much as it takes now, never waiting. A
 * pipe is opened anew through /proc/TID/fd/FD, non-blocking: the same pipe with a description of
 * its own. A socket is duplicated (pidfd_getfd) and sent to with MSG_DONTWAIT. Either way the
 * guest's own descriptor and flags are untouched.
 */
final class NonBlockingWrites {
    private static final int O_WRONLY = 1, O_NONBLOCK = 04000, O_CLOEXEC = 02000000, F_GETPIPE_SZ = 1032;
    private static final int SOL_SOCKET = 1, SO_TYPE = 3, SOCK_STREAM = 1;
    private static final int MSG_DONTWAIT = 0x40, MSG_NOSIGNAL = 0x4000;
    private static final int SYS_TGKILL = 234, SIGPIPE = 13;
    /** The most one piece takes: a pipe's size when it cannot be read, a socket's (send buffers are smaller). */
    private static final int DEFAULT_PIPE_SIZE = 64 * 1024, SOCKET_PIECE = 1 << 20;
    private static final LibC C = Native.libc();

    private final RemoteMemory memory;
    private final Pointer intOut = Native.allocate(8);

    NonBlockingWrites(RemoteMemory memory) {
        this.memory = memory;
    }

    /** See {@link Guest#writeWithoutBlocking}. */
    long write(GuestThread thread, int fd, long buf, long count, boolean sigpipe, boolean socketOnly) {
        String target;
        try {
            target = Files.readSymbolicLink(Path.of("/proc/" + thread.tid() + "/fd/" + fd)).toString();
        } catch (IOException | RuntimeException e) {
            return Guest.KERNEL_DECIDES; // a bad descriptor: the kernel gives EBADF
        }
        if (target.startsWith("pipe:") && !socketOnly) {
            return toPipe(thread, fd, buf, count);
        }
        if (target.startsWith("socket:")) {
            return toSocket(thread, fd, buf, count, sigpipe);
        }
        return Guest.KERNEL_DECIDES;
    }

    private long toPipe(GuestThread thread, int fd, long buf, long count) {
        int pipe = C.open("/proc/" + thread.tid() + "/fd/" + fd, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (pipe < 0) {
            return Native.errno() == Errno.ENXIO ? brokenPipe(thread, true) : Guest.KERNEL_DECIDES;
        }
        try {
            int size = C.fcntl(pipe, F_GETPIPE_SZ, 0);
            int read = memory.read(thread.tid(), buf, (int) Math.min(count, size > 0 ? size : DEFAULT_PIPE_SIZE));
            if (read <= 0) {
                return Guest.KERNEL_DECIDES; // the kernel gives EFAULT
            }
            long written = C.write(pipe, memory.scratch(read), read);
            return written >= 0 ? written : -Native.errno();
        } finally {
            C.close(pipe);
        }
    }

    /** Stream sockets only: a datagram goes whole or not at all, so it never blocks part-way. */
    private long toSocket(GuestThread thread, int fd, long buf, long count, boolean sigpipe) {
        int socket = DescriptorProbe.duplicate(thread.process(), fd);
        if (socket < 0) {
            return Guest.KERNEL_DECIDES;
        }
        try {
            intOut.putInt(4, 4);
            if (C.getsockopt(socket, SOL_SOCKET, SO_TYPE, intOut, intOut.slice(4)) != 0 || intOut.getInt(0) != SOCK_STREAM) {
                return Guest.KERNEL_DECIDES;
            }
            int read = memory.read(thread.tid(), buf, (int) Math.min(count, SOCKET_PIECE));
            if (read <= 0) {
                return Guest.KERNEL_DECIDES;
            }
            long sent = C.send(socket, memory.scratch(read), read, MSG_DONTWAIT | MSG_NOSIGNAL);
            if (sent >= 0) {
                return sent;
            }
            int errno = Native.errno();
            if (errno == Errno.EPIPE) {
                return brokenPipe(thread, sigpipe);
            }
            return errno == Errno.EAGAIN ? -Errno.EAGAIN : Guest.KERNEL_DECIDES; // the kernel gives its error
        } finally {
            C.close(socket);
        }
    }

    /** No reader left: EPIPE, and SIGPIPE to the writer unless it asked not to (as the kernel does). */
    private static long brokenPipe(GuestThread thread, boolean sigpipe) {
        if (sigpipe) {
            C.syscall(SYS_TGKILL, thread.process().pid(), thread.tid(), SIGPIPE);
        }
        return -Errno.EPIPE;
    }
}
