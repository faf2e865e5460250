package dev.vbench.core.supervisor;

import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.Readiness;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.nativ.LibC;
import dev.vbench.core.nativ.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jnr.ffi.Pointer;

/**
 * Tells whether a guest's descriptor is ready without touching the guest: the supervisor takes a
 * duplicate of it (pidfd_getfd: same open file, same readiness) and polls that with no timeout.
 *
 * <p>pidfd_getfd reaches a process through its leader thread; once the leader has exited (the
 * main thread called pthread_exit) it finds no descriptors. A pipe or FIFO is then reopened
 * through /proc/TID/fd/FD of the waiting thread: the same pipe, so the same readiness.
 */
final class DescriptorProbe {
    private static final int SYS_PIDFD_OPEN = 434, SYS_PIDFD_GETFD = 438;
    private static final int F_GETFL = 3, O_RDONLY = 0, O_WRONLY = 1, O_NONBLOCK = 04000, O_CLOEXEC = 02000000;
    private static final short POLLIN = 1;
    private static final LibC C = Native.libc();
    /** A pidfd of the process, opened at its first probe; -1 until then. */
    private static final StateKey<int[]> PIDFD = StateKey.of("pidfd", () -> new int[] {-1});

    private final Pointer pollfd = Native.allocate(8);

    /**
     * Whether {@code fd} is ready for {@code events}. A read or write on a non-blocking descriptor
     * never blocks, so for such a call it is NON_BLOCKING whatever its readiness; a call that
     * {@code polls} (poll, select, epoll_wait) blocks on non-blocking descriptors too, and is told
     * only READY or NOT_READY.
     */
    Readiness probe(GuestThread thread, int fd, short events, boolean polls) {
        int dup = duplicate(thread.process(), fd);
        if (dup >= 0) {
            try {
                boolean nonBlocking = !polls && (C.fcntl(dup, F_GETFL, 0) & O_NONBLOCK) != 0;
                return nonBlocking ? Readiness.NON_BLOCKING : poll(dup, events);
            } finally {
                C.close(dup);
            }
        }
        return reopenPipe(thread, fd, events, polls);
    }

    /** A duplicate of the process's descriptor, or -1 (a bad descriptor, or a leader that has exited). */
    static int duplicate(GuestProcess process, int fd) {
        int[] pidfd = process.state().get(PIDFD);
        if (pidfd[0] < 0) {
            pidfd[0] = (int) C.syscall(SYS_PIDFD_OPEN, process.pid(), 0, 0);
            if (pidfd[0] < 0) {
                return -1;
            }
        }
        return (int) C.syscall(SYS_PIDFD_GETFD, pidfd[0], fd, 0);
    }

    /**
     * The pipe behind {@code fd}, opened anew (non-blocking, so the open itself never waits), then
     * polled; READY when the descriptor is no pipe or cannot be reached: the kernel then decides.
     */
    private Readiness reopenPipe(GuestThread thread, int fd, short events, boolean polls) {
        Path link = Path.of("/proc/" + thread.tid() + "/fd/" + fd);
        try {
            if (!Files.readSymbolicLink(link).toString().startsWith("pipe:")) {
                return Readiness.READY;
            }
            if (!polls && guestFlags(thread, fd).contains("nonblock")) {
                return Readiness.NON_BLOCKING;
            }
        } catch (IOException | RuntimeException e) {
            return Readiness.READY; // a bad descriptor: the kernel gives the guest its error at once
        }
        int mode = (events & POLLIN) != 0 ? O_RDONLY : O_WRONLY;
        int reopened = C.open(link.toString(), mode | O_NONBLOCK | O_CLOEXEC);
        if (reopened < 0) {
            return Readiness.READY;
        }
        try {
            return poll(reopened, events);
        } finally {
            C.close(reopened);
        }
    }

    /** "nonblock" if the guest's descriptor has O_NONBLOCK (from /proc/TID/fdinfo/FD), else "". */
    private static String guestFlags(GuestThread thread, int fd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + thread.tid() + "/fdinfo/" + fd))) {
            if (line.startsWith("flags:")) {
                long flags = Long.parseLong(line.substring(6).trim(), 8);
                return (flags & O_NONBLOCK) != 0 ? "nonblock" : "";
            }
        }
        return "";
    }

    private Readiness poll(int fd, short events) {
        pollfd.putInt(0, fd);
        pollfd.putShort(4, events);
        pollfd.putShort(6, (short) 0);
        return C.poll(pollfd, 1, 0) == 0 ? Readiness.NOT_READY : Readiness.READY;
    }

    /** The process is gone: its pidfd is closed. */
    void forget(GuestProcess process) {
        int[] pidfd = process.state().peek(PIDFD);
        if (pidfd != null && pidfd[0] >= 0) {
            C.close(pidfd[0]);
            pidfd[0] = -1;
        }
    }
}
