package dev.vbench.core.handlers;

import dev.vbench.core.supervisor.GuestTree;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * /proc paths carry pids: a guest that opens /proc/1000/status means its virtual pid 1000, and a
 * link such as /proc/self or /proc/self/fd/3 -> /proc/12345/fd must read with the virtual pid.
 * Translates both ways; other paths pass unchanged.
 */
final class ProcPaths {
    private static final Pattern PROC_PID = Pattern.compile("^/proc/(\\d+)(/.*)?$");
    private static final Pattern DIGITS = Pattern.compile("^\\d+$");

    private final GuestTree tree;

    ProcPaths(GuestTree tree) {
        this.tree = tree;
    }

    /** The path with a guest's virtual pid after /proc/ replaced by the real one, or null if unchanged. */
    String toReal(String path) {
        Matcher m = PROC_PID.matcher(path);
        if (!m.matches()) {
            return null;
        }
        int real = tree.toReal(Integer.parseInt(m.group(1)));
        return real < 0 ? null : "/proc/" + real + (m.group(2) == null ? "" : m.group(2));
    }

    /**
     * A link target as the guest must read it: /proc/REAL... becomes /proc/VIRTUAL..., and a bare
     * pid (the target of /proc/self, /proc/thread-self's first part) becomes the virtual one.
     * Returns null if unchanged.
     */
    String toVirtual(String target) {
        Matcher m = PROC_PID.matcher(target);
        if (m.matches()) {
            int v = tree.toVirtual(Integer.parseInt(m.group(1)));
            return v < 0 ? null : "/proc/" + v + (m.group(2) == null ? "" : m.group(2));
        }
        if (DIGITS.matcher(target).matches() && target.length() < 10) {
            int v = tree.toVirtual(Integer.parseInt(target));
            return v < 0 ? null : Integer.toString(v);
        }
        int slash = target.indexOf('/');
        if (slash > 0 && target.substring(slash).startsWith("/task/") && DIGITS.matcher(target.substring(0, slash)).matches()) {
            // /proc/thread-self -> "PID/task/TID"
            String[] parts = target.split("/");
            if (parts.length == 3 && DIGITS.matcher(parts[2]).matches()) {
                int p = tree.toVirtual(Integer.parseInt(parts[0]));
                int t = tree.toVirtual(Integer.parseInt(parts[2]));
                return p < 0 || t < 0 ? null : p + "/task/" + t;
            }
        }
        return null;
    }
}
