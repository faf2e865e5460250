package dev.vbench.core.handlers;

import dev.vbench.core.guest.GuestTree;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * /proc paths carry pids: a guest that opens /proc/1000/status means its virtual pid 1000 (and
 * /proc/1000/task/1001/stat its thread 1001), and a link such as /proc/self or /proc/self/fd/3 ->
 * /proc/12345/fd must read with the virtual pid.
 * Translates both ways; other paths pass unchanged.
 */
final class ProcPaths {
    // Pids have at most 7 digits (pid_max <= 2^22); 9 keeps Integer.parseInt safe on what a guest writes.
    // /proc/PID, then possibly /task/TID, then the rest of the path.
    private static final Pattern PROC_PID = Pattern.compile("^/proc/(\\d{1,9})(?:/task/(\\d{1,9}))?(/.*)?$");
    private static final Pattern PID = Pattern.compile("^\\d{1,9}$");
    /** A process's (or thread's) view of its network namespace. */
    private static final Pattern PROCESS_NET = Pattern.compile("^/proc/\\d+(?:/task/\\d+)?(/net/.+)$");
    private static final Pattern THREAD_SELF = Pattern.compile("^(\\d{1,9})/task/(\\d{1,9})$");

    private final GuestTree tree;

    ProcPaths(GuestTree tree) {
        this.tree = tree;
    }

    /**
     * The real path a /proc path of {@code thread} means: /proc/self and /proc/thread-self as the
     * thread's own (the supervisor reading it has other ones), /proc/VPID with the real pid.
     * Returns null for a /proc/PID the guest never had; other paths come back as they are.
     */
    String ofThread(dev.vbench.core.guest.GuestThread thread, String path) {
        if (path.equals("/proc/self") || path.startsWith("/proc/self/")) {
            return "/proc/" + thread.process().pid() + path.substring("/proc/self".length());
        }
        if (path.equals("/proc/thread-self") || path.startsWith("/proc/thread-self/")) {
            return "/proc/" + thread.process().pid() + "/task/" + thread.tid() + path.substring("/proc/thread-self".length());
        }
        Matcher m = PROC_PID.matcher(path);
        if (!m.matches()) {
            return path;
        }
        return toReal(path);
    }

    /**
     * Rewrites the path argument {@code index} of the call if it names /proc/VPID: the kernel must
     * see the real pid. Returns false if it names a pid the guest never had or host state the
     * guest's machine does not have ({@link HostOnlyPaths}): the caller fails the call with ENOENT.
     * A path that is unreadable or names no pid is left to the kernel.
     */
    boolean translateArg(dev.vbench.core.guest.Guest call, int index) {
        String path = call.memory().readPath(call.arg(index));
        if (path != null && HostOnlyPaths.hidden(path)) {
            return false;
        }
        if (path == null || !PROC_PID.matcher(path).matches()) {
            return true;
        }
        String real = toReal(path);
        if (real == null) {
            return false;
        }
        call.setArg(index, call.passString(real));
        return true;
    }

    /**
     * The machine-wide file a real per-process path shows the same as: /proc/PID/net/dev is
     * /proc/net/dev (itself a link to /proc/self/net), since the guest has one network namespace.
     * Other paths come back as they are.
     */
    static String machineWide(String realPath) {
        Matcher m = PROCESS_NET.matcher(realPath);
        return m.matches() ? "/proc" + m.group(1) : realPath;
    }

    /**
     * The path with a guest's virtual pid after /proc/ (and tid after /task/) replaced by the real
     * one, or null if unchanged.
     */
    String toReal(String path) {
        Matcher m = PROC_PID.matcher(path);
        return m.matches() ? withIds(m, tree::toReal) : null;
    }

    /** The /proc path {@code m} matched with its pid and tid mapped by {@code id}; null if one maps to -1. */
    private static String withIds(Matcher m, IntUnaryOperator id) {
        int pid = id.applyAsInt(Integer.parseInt(m.group(1)));
        int tid = m.group(2) == null ? 0 : id.applyAsInt(Integer.parseInt(m.group(2)));
        if (pid < 0 || tid < 0) {
            return null;
        }
        return "/proc/" + pid + (m.group(2) == null ? "" : "/task/" + tid) + (m.group(3) == null ? "" : m.group(3));
    }

    /**
     * A link target as the guest must read it: /proc/REAL... becomes /proc/VIRTUAL..., and a bare
     * pid (the target of /proc/self, /proc/thread-self's first part) becomes the virtual one.
     * Returns null if unchanged.
     */
    String toVirtual(String target) {
        Matcher m = PROC_PID.matcher(target);
        if (m.matches()) {
            return withIds(m, tree::toVirtual);
        }
        if (PID.matcher(target).matches()) {
            int v = tree.toVirtual(Integer.parseInt(target));
            return v < 0 ? null : Integer.toString(v);
        }
        Matcher t = THREAD_SELF.matcher(target); // the target of /proc/thread-self
        if (t.matches()) {
            int p = tree.toVirtual(Integer.parseInt(t.group(1)));
            int tid = tree.toVirtual(Integer.parseInt(t.group(2)));
            return p < 0 || tid < 0 ? null : p + "/task/" + tid;
        }
        return null;
    }
}
