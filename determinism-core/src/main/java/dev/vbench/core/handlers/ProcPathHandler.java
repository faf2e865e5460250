package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.ACCESS;
import static dev.vbench.core.syscalls.Syscall.CHDIR;
import static dev.vbench.core.syscalls.Syscall.FACCESSAT;
import static dev.vbench.core.syscalls.Syscall.FACCESSAT2;
import static dev.vbench.core.syscalls.Syscall.STATFS;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.syscalls.Arg;
import dev.vbench.core.syscalls.Syscall;
import java.util.EnumSet;
import java.util.Set;

/**
 * The calls that take a path and have nothing else to virtualize (access, faccessat, chdir,
 * statfs): a /proc/VPID path is made the real one, and one the guest never had is ENOENT.
 * (open, stat, readlink do the same in their own families.)
 */
final class ProcPathHandler implements SyscallHandler {
    private final ProcPaths procPaths;

    ProcPathHandler(ProcPaths procPaths) {
        this.procPaths = procPaths;
    }

    @Override
    public Set<Syscall> syscalls() {
        return EnumSet.of(ACCESS, FACCESSAT, FACCESSAT2, CHDIR, STATFS);
    }

    @Override
    public Disposition onEntry(Guest call) {
        Syscall s = call.syscall();
        for (int i = 0; i < s.arity(); i++) {
            if (s.arg(i) == Arg.PATH && !procPaths.translateArg(call, i)) {
                return call.fail(Errno.ENOENT);
            }
        }
        return Disposition.PASS;
    }
}
