package dev.vbench.core.handlers;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Paths of the host's own state that do not exist in the guest's machine. Control groups: their
 * paths and live counters (a cgroup's memory.stat) differ from host to host and from run to run,
 * and a JVM reads them at start to size itself; the guest's machine has none, so the JVM sizes
 * itself from the machine vbench shows (CPUs, memory). The JVMs' shared performance data
 * (/tmp/hsperfdata_USER): every guest JVM is pid 1000 in its own tree, so they would share one
 * file, and a guest JVM cleaning up "stale" files by pid would delete the host's JVMs' files;
 * without the directory a JVM keeps its counters in its own memory (as with -XX:-UsePerfData).
 * The kernel's debugging views ({@link #KERNEL_DEBUG}, /proc/PID/sched): the host's scheduler,
 * slab caches, timers and free pages as they are that instant, with real pids and the host's
 * clock; the guest's kernel is built without them, as kernels without CONFIG_SCHED_DEBUG,
 * CONFIG_SCHEDSTATS or CONFIG_SLUB_DEBUG are.
 */
final class HostOnlyPaths {
    private static final Pattern PER_PROCESS = Pattern.compile("/proc/(self|thread-self|\\d+)(/task/\\d+)?/(cgroup|sched)");
    private static final Set<String> KERNEL_DEBUG = Set.of("/proc/sched_debug", "/proc/schedstat", "/proc/slabinfo",
            "/proc/pagetypeinfo", "/proc/vmallocinfo", "/proc/timer_list");

    private HostOnlyPaths() {}

    /** Whether the absolute {@code path} names host state the guest's machine does not have. */
    static boolean hidden(String path) {
        return under(path, "/sys/fs/cgroup") || path.equals("/proc/cgroups") || PER_PROCESS.matcher(path).matches()
                || KERNEL_DEBUG.contains(path) || path.startsWith("/tmp/hsperfdata_");
    }

    private static boolean under(String path, String dir) {
        return path.startsWith(dir) && (path.length() == dir.length() || path.charAt(dir.length()) == '/');
    }
}
