package dev.vbench.core.handlers;

import dev.vbench.core.nativ.Errno;
import dev.vbench.core.nativ.MemFile;
import dev.vbench.core.supervisor.SyscallStop;

/**
 * Files: opens of paths that describe the machine (/proc/cpuinfo, the random devices...) are
 * redirected to the virtual machine's versions, and directories are listed in name order across
 * the whole directory, however many getdents calls the guest makes.
 */
final class FileHandler implements SyscallHandler {
    static final int OPEN = 2, LSEEK = 8, GETDENTS = 78, GETDENTS64 = 217, OPENAT = 257, OPENAT2 = 437;
    private static final int O_DIRECTORY = 0200000;
    private static final int SEEK_SET = 0, SEEK_CUR = 1;
    private static final int MAX_FILL = 1 << 20;

    private final VirtualFiles virtualFiles;
    private final FileIdentity files;
    private byte[] out = new byte[64 * 1024];

    private final ProcPaths procPaths;

    FileHandler(VirtualFiles virtualFiles, FileIdentity files, ProcPaths procPaths) {
        this.virtualFiles = virtualFiles;
        this.files = files;
        this.procPaths = procPaths;
    }

    @Override
    public int[] syscalls() {
        return new int[] {OPEN, LSEEK, GETDENTS, GETDENTS64, OPENAT, OPENAT2};
    }

    @Override
    public Disposition onEntry(SyscallStop call) {
        return switch (call.nr()) {
            case OPEN -> open(call, 0, call.intArg(1));
            case OPENAT -> open(call, 1, call.intArg(2));
            // openat2 cannot be redirected the same way; glibc falls back to openat on ENOSYS.
            case OPENAT2 -> call.fail(Errno.ENOSYS);
            case GETDENTS64 -> getdents(call, true);
            case GETDENTS -> getdents(call, false);
            case LSEEK -> lseek(call);
            default -> Disposition.PASS;
        };
    }

    private Disposition open(SyscallStop call, int pathArg, int flags) {
        String path = call.readPath(call.arg(pathArg));
        if (path != null && path.startsWith("/")) {
            MemFile replacement = virtualFiles.redirect(path, call.thread());
            if (replacement != null) {
                call.setArg(pathArg, call.passString(replacement.path()));
                call.thread().exitState = replacement; // ours is closed once the guest has its own
                return Disposition.AT_EXIT;
            }
            String real = path.startsWith("/proc/") ? procPaths.toReal(path) : null;
            if (real != null) {
                call.setArg(pathArg, call.passString(real)); // /proc/VPID/... means the guest's own
            }
        }
        // A directory opened anew at a descriptor number must not inherit an old listing's cursor.
        return (flags & O_DIRECTORY) != 0 ? Disposition.AT_EXIT : Disposition.PASS;
    }

    @Override
    public void onExit(SyscallStop call) {
        if (call.thread().exitState instanceof MemFile file) {
            file.close();
            call.thread().exitState = null;
        }
        long fd = call.result();
        if (fd >= 0) {
            call.process().descriptorState.remove((int) fd);
        }
    }

    private Disposition getdents(SyscallStop call, boolean dirent64) {
        int fd = call.intArg(0);
        Object state = call.process().descriptorState.get(fd);
        DirectoryListing listing;
        if (state instanceof DirectoryListing l) {
            listing = l;
        } else {
            try {
                listing = DirectoryListing.read(call.tid(), fd, files);
            } catch (RuntimeException notADirectory) {
                return Disposition.PASS; // let the kernel give its own error (EBADF, ENOTDIR)
            }
            call.process().descriptorState.put(fd, listing);
        }
        int capacity = (int) Math.min(call.arg(2), MAX_FILL);
        if (out.length < capacity) {
            out = new byte[capacity];
        }
        int n = listing.fill(out, capacity, dirent64);
        if (n < 0) {
            return call.fail(Errno.EINVAL);
        }
        call.writeBytes(call.arg(1), out, 0, n);
        return call.emulate(n);
    }

    /** Seeks on a listed directory move its cursor (rewinddir, seekdir); other seeks pass. */
    private Disposition lseek(SyscallStop call) {
        if (!(call.process().descriptorState.get(call.intArg(0)) instanceof DirectoryListing listing)) {
            return Disposition.PASS;
        }
        long offset = call.arg(1);
        long target = switch (call.intArg(2)) {
            case SEEK_SET -> offset;
            case SEEK_CUR -> listing.position + offset;
            default -> -1;
        };
        if (target < 0) {
            return call.fail(Errno.EINVAL);
        }
        listing.position = (int) Math.min(target, listing.entries.size());
        return call.emulate(target);
    }
}
