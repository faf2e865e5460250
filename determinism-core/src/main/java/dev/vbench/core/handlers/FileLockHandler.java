package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.FLOCK;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.syscalls.Syscall;
import java.util.EnumSet;
import java.util.Set;

/**
 * flock never blocks for real. A blocking flock on a file another open file holds locked slept
 * in the kernel while the holder waited for its turn: only the 5 s watchdog ended it, one virtual
 * time slice at a time (`(flock f -c "sleep 0.2; echo a" &); sleep 0.05; flock f -c "echo b"`
 * never finished). The lock is tried without blocking for the guest's own open file; if it is
 * held, the thread parks and the lock is tried again at every scheduling point until it is the
 * guest's. Unlocking, LOCK_NB and a lone thread's calls go to the kernel as they are. (POSIX
 * record locks, fcntl F_SETLKW, belong to a process and cannot be taken for it: they still block
 * in the kernel.)
 */
final class FileLockHandler implements SyscallHandler {
    private static final int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4;

    private final GuestTree tree;

    FileLockHandler(GuestTree tree) {
        this.tree = tree;
    }

    @Override
    public Set<Syscall> syscalls() {
        return EnumSet.of(FLOCK);
    }

    @Override
    public Disposition onEntry(Guest call) {
        int fd = call.intArg(0);
        int operation = call.intArg(1);
        if ((operation & LOCK_NB) != 0 || (operation != LOCK_SH && operation != LOCK_EX) || tree.liveThreadCount() < 2) {
            return Disposition.PASS;
        }
        int r = call.tryLock(fd, operation);
        if (r == 0) {
            return call.emulate(0);
        }
        if (r != -Errno.EWOULDBLOCK) {
            return Disposition.PASS; // EBADF, EINTR...: the kernel gives its own answer
        }
        return call.block(new Wait.FileLock(fd, operation), false);
    }
}
