package dev.vbench.core.supervisor;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.nativ.LibC;
import dev.vbench.core.nativ.Native;

/**
 * Takes a guest's flock for it without blocking. A flock belongs to the open file, not to the
 * process or the descriptor number, so a duplicate of the guest's descriptor (pidfd_getfd: the
 * same open file) that takes the lock takes it for the guest; closing the duplicate leaves it held,
 * since the guest's descriptor still refers to that open file.
 */
final class FileLocks {
    private static final int LOCK_NB = 4;
    private static final LibC C = Native.libc();

    private FileLocks() {
    }

    static int tryLock(GuestThread thread, int fd, int operation) {
        int dup = DescriptorProbe.duplicate(thread.process(), fd);
        if (dup < 0) {
            return -Errno.EBADF;
        }
        try {
            return C.flock(dup, operation | LOCK_NB) == 0 ? 0 : -Native.errno();
        } finally {
            C.close(dup);
        }
    }
}
