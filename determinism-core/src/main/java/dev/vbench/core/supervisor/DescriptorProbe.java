package dev.vbench.core.supervisor;

import dev.vbench.core.nativ.LibC;
import dev.vbench.core.nativ.Native;
import jnr.ffi.Pointer;

/**
 * Tells whether a guest's descriptor is ready without touching the guest: the supervisor takes a
 * duplicate of it (pidfd_getfd: same open file, same readiness) and polls that with no timeout.
 */
public final class DescriptorProbe {
    public enum State { READY, NOT_READY, NON_BLOCKING }

    private static final int SYS_PIDFD_OPEN = 434, SYS_PIDFD_GETFD = 438;
    private static final int F_GETFL = 3, O_NONBLOCK = 04000;
    private static final LibC C = Native.libc();
    private final Pointer pollfd = Native.allocate(8);

    State probe(GuestProcess process, int fd, short events) {
        if (process.pidfd < 0) {
            process.pidfd = (int) C.syscall(SYS_PIDFD_OPEN, process.pid(), 0, 0);
            if (process.pidfd < 0) {
                return State.READY; // cannot tell: let the kernel run the call
            }
        }
        int dup = (int) C.syscall(SYS_PIDFD_GETFD, process.pidfd, fd, 0);
        if (dup < 0) {
            return State.READY; // a bad descriptor: the kernel gives the guest its error at once
        }
        try {
            if ((C.fcntl(dup, F_GETFL, 0) & O_NONBLOCK) != 0) {
                return State.NON_BLOCKING;
            }
            pollfd.putInt(0, dup);
            pollfd.putShort(4, events);
            pollfd.putShort(6, (short) 0);
            return C.poll(pollfd, 1, 0) == 0 ? State.NOT_READY : State.READY;
        } finally {
            C.close(dup);
        }
    }

    void forget(GuestProcess process) {
        if (process.pidfd >= 0) {
            C.close(process.pidfd);
            process.pidfd = -1;
        }
    }
}
