package dev.vbench.core.supervisor;

import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.Readiness;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.nativ.LibC;
import dev.vbench.core.nativ.Native;
import jnr.ffi.Pointer;

/**
 * Tells whether a guest's descriptor is ready without touching the guest: the supervisor takes a
 * duplicate of it (pidfd_getfd: same open file, same readiness) and polls that with no timeout.
 */
final class DescriptorProbe {
    private static final int SYS_PIDFD_OPEN = 434, SYS_PIDFD_GETFD = 438;
    private static final int F_GETFL = 3, O_NONBLOCK = 04000;
    private static final LibC C = Native.libc();
    /** A pidfd of the process, opened at its first probe; -1 until then. */
    private static final StateKey<int[]> PIDFD = StateKey.of("pidfd", () -> new int[] {-1});

    private final Pointer pollfd = Native.allocate(8);

    Readiness probe(GuestProcess process, int fd, short events) {
        int[] pidfd = process.state().get(PIDFD);
        if (pidfd[0] < 0) {
            pidfd[0] = (int) C.syscall(SYS_PIDFD_OPEN, process.pid(), 0, 0);
            if (pidfd[0] < 0) {
                return Readiness.READY; // cannot tell: let the kernel run the call
            }
        }
        int dup = (int) C.syscall(SYS_PIDFD_GETFD, pidfd[0], fd, 0);
        if (dup < 0) {
            return Readiness.READY; // a bad descriptor: the kernel gives the guest its error at once
        }
        try {
            if ((C.fcntl(dup, F_GETFL, 0) & O_NONBLOCK) != 0) {
                return Readiness.NON_BLOCKING;
            }
            pollfd.putInt(0, dup);
            pollfd.putShort(4, events);
            pollfd.putShort(6, (short) 0);
            return C.poll(pollfd, 1, 0) == 0 ? Readiness.NOT_READY : Readiness.READY;
        } finally {
            C.close(dup);
        }
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
