package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.GETDENTS;
import static dev.vbench.core.syscalls.Syscall.GETDENTS64;
import static dev.vbench.core.syscalls.Syscall.LSEEK;
import static dev.vbench.core.syscalls.Syscall.OPEN;
import static dev.vbench.core.syscalls.Syscall.OPENAT;
import static dev.vbench.core.syscalls.Syscall.OPENAT2;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.nativ.MemFile;
import dev.vbench.core.syscalls.Syscall;
import dev.vbench.core.util.IntMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Files: opens of paths that describe the machine (/proc/cpuinfo, the random devices...) are
 * redirected to the virtual machine's versions, /proc/VPID paths to the real pid, and directories
 * are listed in name order across the whole directory, however many getdents calls the guest makes.
 *
 * <p>A listing belongs to one open directory, not to a descriptor number: it is dropped when a
 * directory is opened anew at that number, and before each use it is checked against what the
 * descriptor refers to now, so a number reused by close, dup2 or any other call (which vbench
 * does not stop on) never inherits a closed directory's cursor.
 */
final class FileHandler implements SyscallHandler {
    private static final int O_DIRECTORY = 0200000;
    private static final int SEEK_SET = 0, SEEK_CUR = 1;
    private static final int MAX_FILL = 1 << 20;
    /** Directory listings of a process by descriptor number; a new program image starts without any. */
    private static final StateKey<IntMap<DirectoryListing>> LISTINGS = StateKey.of("directory listings", IntMap::new);

    private static final int O_ACCMODE = 3, O_WRONLY = 1, O_CREAT = 0100;
    private static final int AT_FDCWD = -100;
    /** Pseudo file systems whose files describe the moment, not the input: not logged. */
    private static final List<String> NOT_INPUT = List.of("/proc/", "/sys/", "/dev/");

    private final VirtualFiles virtualFiles;
    private final FileIdentity files;
    private final ProcPaths procPaths;
    private final HostFiles host;
    private final InputLog inputs;
    private final ProcFiles procFiles;
    private final Set<String> hiddenPaths;
    /** Opens given an in-memory file instead of the path asked for. */
    private final RedirectedOpens redirected = new RedirectedOpens();
    private byte[] out = new byte[64 * 1024];

    FileHandler(VirtualFiles virtualFiles, FileIdentity files, ProcPaths procPaths, ProcFiles procFiles,
                HostFiles host, InputLog inputs, Collection<String> hiddenPaths) {
        this.virtualFiles = virtualFiles;
        this.files = files;
        this.procPaths = procPaths;
        this.host = host;
        this.inputs = inputs;
        this.hiddenPaths = Set.copyOf(hiddenPaths);
        this.procFiles = procFiles;
    }

    @Override
    public Set<Syscall> syscalls() {
        return EnumSet.of(OPEN, LSEEK, GETDENTS, GETDENTS64, OPENAT, OPENAT2);
    }

    /** A new program image starts without listings (exec closes most directories; the rest restart). */
    @Override
    public void onExec(GuestProcess process) {
        process.state().put(LISTINGS, null);
    }

    @Override
    public Disposition onEntry(Guest call) {
        return switch (call.syscall()) {
            case OPEN -> open(call, AT_FDCWD, 0, call.intArg(1));
            case OPENAT -> open(call, call.intArg(0), 1, call.intArg(2));
            // openat2 cannot be redirected the same way; glibc falls back to openat on ENOSYS.
            case OPENAT2 -> call.fail(Errno.ENOSYS);
            case GETDENTS64 -> getdents(call, true);
            case GETDENTS -> getdents(call, false);
            case LSEEK -> lseek(call);
            default -> Disposition.PASS;
        };
    }

    private Disposition open(Guest call, int dirfd, int pathArg, int flags) {
        String path = call.memory().readPath(call.arg(pathArg));
        if (path != null) {
            logInput(call, dirfd, path, flags);
        }
        if (path != null && path.endsWith(".pyc") && (flags & O_ACCMODE) == 0) {
            MemFile pyc = Pyc.revalidated(path.startsWith("/") ? path : absolute(call, dirfd, path), host, files, virtualFiles);
            if (pyc != null) {
                return redirected.redirect(call, pathArg, pyc);
            }
        }
        if (path != null && path.startsWith("/")) {
            if (HostOnlyPaths.hidden(path)) {
                return call.fail(Errno.ENOENT);
            }
            MemFile replacement = virtualFiles.redirect(path, call.thread());
            if (replacement != null) {
                return redirected.redirect(call, pathArg, replacement);
            }
            if (path.startsWith("/proc/")) {
                return openProc(call, pathArg, flags, path);
            }
        }
        // A directory opened anew at a descriptor number starts from its first entry.
        return (flags & O_DIRECTORY) != 0 ? Disposition.AT_EXIT : Disposition.PASS;
    }

    @Override
    public void onExit(Guest call) {
        redirected.returned(call);
        long fd = call.result();
        if (fd >= 0) {
            call.process().state().get(LISTINGS).remove((int) fd);
        }
    }

    /** The run is over: an open that never returned leaves its in-memory file to close here. */
    @Override
    public void onRunEnd() {
        redirected.closeAll();
    }

    /**
     * /proc/VPID and /proc/self name the guest's own processes at their real pids; the files that
     * show ids, times and counters (stat, status, io...: {@link ProcFiles}) are given the guest's
     * view, and those that show a machine-wide file (/proc/self/net/dev) the virtual machine's;
     * a pid the guest never had names nothing.
     */
    private Disposition openProc(Guest call, int pathArg, int flags, String path) {
        String real = procPaths.ofThread(call.thread(), path);
        if (real == null) {
            return call.fail(Errno.ENOENT);
        }
        MemFile machineFile = virtualFiles.redirect(ProcPaths.machineWide(real), call.thread());
        if (machineFile != null) {
            return redirected.redirect(call, pathArg, machineFile);
        }
        if ((flags & O_ACCMODE) == 0 && ProcFiles.rewrites(real)) {
            String content = host.readText(real);
            if (content != null) {
                MemFile replacement = virtualFiles.text("proc", procFiles.rewrite(real, content));
                return redirected.redirect(call, pathArg, replacement);
            }
        }
        if (!real.equals(path)) {
            call.setArg(pathArg, call.passString(real));
        }
        return (flags & O_DIRECTORY) != 0 ? Disposition.AT_EXIT : Disposition.PASS;
    }

    /**
     * Records a file the guest opens for reading as an input, by its absolute path, as it is before
     * the open; one it creates or opens for writing is the run's own from then on.
     */
    private void logInput(Guest call, int dirfd, String path, int flags) {
        boolean reads = (flags & O_ACCMODE) != O_WRONLY;
        boolean writes = (flags & O_ACCMODE) != 0 || (flags & O_CREAT) != 0;
        String absolute = path.startsWith("/") ? path : absolute(call, dirfd, path);
        if (absolute == null || !isInput(absolute)) {
            return;
        }
        if (reads) {
            inputs.fileRead(absolute, () -> host.describe(absolute));
        }
        if (writes) {
            inputs.fileWritten(absolute);
        }
    }

    /** /proc, /sys and /dev describe the moment (a closefrom lists /proc/self/fd at its real pid), not the input. */
    private static boolean isInput(String absolutePath) {
        return NOT_INPUT.stream().noneMatch(absolutePath::startsWith);
    }

    /** A relative path made absolute against the thread's working directory or {@code dirfd}. */
    private String absolute(Guest call, int dirfd, String path) {
        String base = host.readLink("/proc/" + call.thread().tid() + (dirfd == AT_FDCWD ? "/cwd" : "/fd/" + dirfd));
        return base == null ? null : (base.endsWith("/") ? base : base + "/") + path;
    }

    /** The listing of the directory {@code fd} refers to now, or null if it has none or was reused. */
    private DirectoryListing current(Guest call, int fd) {
        IntMap<DirectoryListing> listings = call.process().state().get(LISTINGS);
        DirectoryListing listing = listings.get(fd);
        if (listing != null && !listing.key.equals(host.identify(call.thread().tid(), fd))) {
            listings.remove(fd); // the number now names another file: the listing died with the old one
            return null;
        }
        return listing;
    }

    private Disposition getdents(Guest call, boolean dirent64) {
        int fd = call.intArg(0);
        DirectoryListing listing = current(call, fd);
        if (listing == null) {
            try {
                listing = DirectoryListing.of(visible(host.list(call.thread().tid(), fd)), files);
            } catch (IllegalArgumentException notADirectory) {
                return Disposition.PASS; // let the kernel give its own error (EBADF, ENOTDIR)
            }
            if (listing.path == null || isInput(listing.path)) {
                inputs.directoryListed(listing.path, listing.names());
            }
            call.process().state().get(LISTINGS).put(fd, listing);
        }
        int capacity = (int) Math.max(0, Math.min(call.arg(2), MAX_FILL));
        if (out.length < capacity) {
            out = new byte[capacity];
        }
        int before = listing.position;
        int n = listing.fill(out, capacity, dirent64);
        if (n < 0) {
            return call.fail(Errno.EINVAL);
        }
        try {
            call.memory().write(call.arg(1), out, 0, n);
        } catch (dev.vbench.core.guest.GuestFault bad) {
            listing.position = before; // nothing was returned, so nothing is consumed
            throw bad;
        }
        return call.emulate(n);
    }

    /**
     * The directory as the guest sees it: /proc and task directories with the guest's ids only,
     * and without vbench's own outputs (each hidden one is logged).
     */
    private HostFiles.Directory visible(HostFiles.Directory dir) {
        List<HostFiles.RawEntry> ids = procFiles.rewriteListing(dir.path(), dir.entries());
        if (ids != null) {
            return new HostFiles.Directory(dir.key(), dir.path(), ids);
        }
        if (hiddenPaths.isEmpty() || dir.path() == null) {
            return dir;
        }
        String prefix = dir.path().endsWith("/") ? dir.path() : dir.path() + "/";
        List<HostFiles.RawEntry> kept = new ArrayList<>(dir.entries().size());
        for (HostFiles.RawEntry e : dir.entries()) {
            String path = prefix + new String(e.name(), StandardCharsets.UTF_8);
            if (hiddenPaths.contains(path)) {
                inputs.hid(path);
            } else {
                kept.add(e);
            }
        }
        return new HostFiles.Directory(dir.key(), dir.path(), kept);
    }

    /** Seeks on a listed directory move its cursor (rewinddir, seekdir); other seeks pass. */
    private Disposition lseek(Guest call) {
        DirectoryListing listing = current(call, call.intArg(0));
        if (listing == null) {
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
