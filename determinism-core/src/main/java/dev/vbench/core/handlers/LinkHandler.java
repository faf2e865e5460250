package dev.vbench.core.handlers;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.syscalls.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * readlink and readlinkat of /proc paths: the link is read by the supervisor, with the guest's
 * virtual pids in the path (/proc/1000/..., /proc/self, /proc/thread-self) made the real ones, and
 * the target (the pid /proc/self names, /proc/PID/... of a descriptor) made virtual before the
 * guest sees it, cut to the guest's buffer as readlink cuts it. A target the kernel would have cut
 * short is translated whole first, so no digit of a real pid reaches the guest. A descriptor's link
 * to an object without a name ({@code pipe:[INODE]}, {@code socket:[INODE]}, a namespace, an unnamed
 * file's {@code /tmp/#INODE (deleted)}) names a real inode, different on every run: it reads with the
 * virtual inode the guest's fstat of the object shows ({@link FileIdentity}). Other paths pass.
 */
final class LinkHandler implements SyscallHandler {
    private static final int AT_FDCWD = -100;
    private static final Pattern OBJECT = Pattern.compile("([a-z_]+):\\[(\\d+)\\]");
    private static final Pattern UNNAMED_FILE = Pattern.compile("(.*/)#(\\d+) \\(deleted\\)");

    private final ProcPaths procPaths;
    private final HostFiles host;
    private final FileIdentity files;

    LinkHandler(ProcPaths procPaths, HostFiles host, FileIdentity files) {
        this.procPaths = procPaths;
        this.host = host;
        this.files = files;
    }

    @Override
    public Set<Syscall> syscalls() {
        return EnumSet.of(Syscall.READLINK, Syscall.READLINKAT);
    }

    @Override
    public Disposition onEntry(Guest call) {
        int pathArg = call.syscall() == Syscall.READLINK ? 0 : 1;
        String path = call.memory().readPath(call.arg(pathArg));
        if (path != null && !path.startsWith("/")) {
            path = inProcDirectory(call, pathArg, path);
        }
        if (path == null || !path.startsWith("/proc/")) {
            return Disposition.PASS;
        }
        String target;
        String real = null;
        if (path.equals("/proc/self") || path.equals("/proc/self/")) {
            target = Integer.toString(call.process().pid()); // the links themselves: what they name
        } else if (path.equals("/proc/thread-self") || path.equals("/proc/thread-self/")) {
            target = call.process().pid() + "/task/" + call.thread().tid();
        } else {
            real = procPaths.ofThread(call.thread(), path);
            if (real == null) {
                return call.fail(dev.vbench.core.nativ.Errno.ENOENT); // a pid the guest never had
            }
            target = host.readLink(real);
            if (target != null) {
                target = withVirtualInode(real, target);
            }
        }
        if (target == null) {
            call.setArg(pathArg, call.passString(real)); // not a link, or gone: the kernel gives its own error
            return Disposition.PASS;
        }
        String virtual = procPaths.toVirtual(target);
        byte[] out = (virtual != null ? virtual : target).getBytes(StandardCharsets.UTF_8);
        long size = call.arg(pathArg + 2);
        if (size <= 0) {
            return call.fail(dev.vbench.core.nativ.Errno.EINVAL);
        }
        int length = (int) Math.min(out.length, size); // readlink truncates silently
        call.memory().write(call.arg(pathArg + 1), out, 0, length);
        return call.emulate(length);
    }

    /**
     * A relative name read from a directory of /proc ({@code find /proc/self/fd} opens the directory and
     * reads each link by name), as the absolute path the guest would have named it by; null for a
     * directory outside /proc, where the kernel answers.
     */
    private String inProcDirectory(Guest call, int pathArg, String name) {
        int dirfd = pathArg == 0 ? AT_FDCWD : call.intArg(0);
        String base = host.readLink("/proc/" + call.thread().tid() + (dirfd == AT_FDCWD ? "/cwd" : "/fd/" + dirfd));
        if (base == null || !(base.equals("/proc") || base.startsWith("/proc/"))) {
            return null;
        }
        String virtualBase = procPaths.toVirtual(base);
        return (virtualBase != null ? virtualBase : base) + "/" + name;
    }

    /** {@code target}, read at {@code real}, with the inode of an object without a name made the guest's. */
    private String withVirtualInode(String real, String target) {
        Matcher object = OBJECT.matcher(target);
        Matcher unnamed = UNNAMED_FILE.matcher(target);
        boolean isObject = object.matches();
        if (!isObject && !unnamed.matches()) {
            return target;
        }
        HostFiles.Stat s = host.stat(real); // follows the link to the object itself, as fstat sees it
        if (s == null) {
            return isObject ? object.group(1) + ":[0]" : unnamed.group(1) + "#0 (deleted)"; // gone meanwhile
        }
        long ino = files.inode(s.dev(), s.ino());
        return isObject ? object.group(1) + ":[" + ino + "]" : unnamed.group(1) + "#" + ino + " (deleted)";
    }
}
