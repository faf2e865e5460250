package dev.vbench.core.handlers;

import java.util.regex.Pattern;

/**
 * Paths of the host's own state that do not exist in the guest's machine. Control groups: their
 * paths and live counters (a cgroup's memory.stat) differ from host to host and from run to run,
 * and a JVM reads them at start to size itself; the guest's machine has none, so the JVM sizes
 * itself from the machine vbench shows (CPUs, memory). The JVMs' shared performance data
 * (/tmp/hsperfdata_USER): every guest JVM is pid 1000 in its own tree, so they would share one
 * file, and a guest JVM cleaning up "stale" files by pid would delete the host's JVMs' files;
 * without the directory a JVM keeps its counters in its own memory (as with -XX:-UsePerfData).
 */
final class HostOnlyPaths {
    private static final Pattern PROC_CGROUP = Pattern.compile("/proc/(self|thread-self|\\d+)(/task/\\d+)?/cgroup");

    private HostOnlyPaths() {}

    /** Whether the absolute {@code path} names host state the guest's machine does not have. */
    static boolean hidden(String path) {
        return under(path, "/sys/fs/cgroup") || path.equals("/proc/cgroups") || PROC_CGROUP.matcher(path).matches()
                || path.startsWith("/tmp/hsperfdata_");
    }

    private static boolean under(String path, String dir) {
        return path.startsWith(dir) && (path.length() == dir.length() || path.charAt(dir.length()) == '/');
    }
}
