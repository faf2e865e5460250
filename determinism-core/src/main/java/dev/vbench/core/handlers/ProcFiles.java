package dev.vbench.core.handlers;

import dev.vbench.core.guest.GuestClock;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.GuestTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The /proc files and listings that name processes, as the guest must see them: its own processes
 * under their virtual pids, as in a pid namespace of their own, and their times in virtual time.
 * /proc/PID/stat, status, statm, io, schedstat, smaps and smaps_rollup (and those of
 * /proc/PID/task/TID) are rewritten from the real ones; a listing of /proc or of a task directory
 * shows the guest's ids only.
 *
 * <p>What the kernel counts there but no run can repeat (page faults, resident memory, context
 * switches, I/O delays, bytes read and written) reads as 0, as getrusage answers: the digits alone
 * changed the length of a JVM's read of /proc/self/stat from one run to the next.
 */
final class ProcFiles {
    /** A file this class rewrites, of a process or of one of its threads, at its real path. */
    private static final Pattern ID_FILE =
            Pattern.compile("^/proc/(\\d+)(?:/task/(\\d+))?/(stat|status|statm|io|schedstat|smaps|smaps_rollup)$");
    /** A "Name:   123 kB" line of smaps. */
    private static final Pattern KB_LINE = Pattern.compile("^(\\w+)(:\\s*)(\\d+) kB$");
    /** The kB counts of smaps that describe a mapping, not what of it is resident. */
    private static final Set<String> MAPPING_SIZES = Set.of("Size", "KernelPageSize", "MMUPageSize");
    private static final Pattern TASK_DIR = Pattern.compile("^/proc/(\\d+)/task$");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    /** Clock ticks per second of /proc's times (USER_HZ). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final GuestTree tree;

    ProcFiles(GuestTree tree) {
        this.tree = tree;
    }

    /** Whether the file at {@code realPath} is one this class rewrites. */
    static boolean rewrites(String realPath) {
        return ID_FILE.matcher(realPath).matches();
    }

    /** The guest's view of {@code content}, read from {@code realPath}. */
    String rewrite(String realPath, String content) {
        Matcher m = ID_FILE.matcher(realPath);
        if (!m.matches()) {
            return content;
        }
        GuestThread subject = tree.thread(Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(1)));
        return switch (m.group(3)) {
            case "stat" -> stat(content, subject);
            case "statm" -> statm(content);
            case "io" -> io(content);
            case "schedstat" -> schedstat(subject);
            case "smaps", "smaps_rollup" -> smaps(content);
            default -> status(content);
        };
    }

    /**
     * "pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
     * cutime cstime priority nice threads itrealvalue starttime ... processor ...".
     */
    private String stat(String content, GuestThread subject) {
        int open = content.indexOf('(');
        int close = content.lastIndexOf(')');
        if (open < 0 || close < open) {
            return content;
        }
        String pid = content.substring(0, open).trim();
        String[] f = content.substring(close + 2).trim().split(" ");
        // indices into f: field N of proc(5) is f[N - 3]
        // Every guest thread but the running one is stopped by the supervisor ("t", tracing stop),
        // which says nothing about the guest: it sees its processes running.
        set(f, 3, "t".equals(f[0]) ? "R" : f[0]);
        set(f, 4, virtual(f[1]));      // ppid
        set(f, 5, virtual(f[2]));      // pgrp
        set(f, 6, virtual(f[3]));      // session
        set(f, 8, "-1");               // tpgid: no terminal
        for (int field : new int[] {10, 11, 12, 13}) {
            set(f, field, "0");        // minflt, cminflt, majflt, cmajflt
        }
        if (subject != null) {
            GuestClock clock = tree.clock();
            long cpu = pid.equals(Integer.toString(subject.tid())) && subject.process().pid() != subject.tid()
                    ? clock.threadNanos(subject) : clock.processNanos(subject.process());
            set(f, 14, Long.toString(cpu / NANOS_PER_TICK)); // utime
            set(f, 15, "0");                                 // stime
            set(f, 22, Long.toString((TimeBase.BOOT_UPTIME_NANOS + subject.process().startNanos()) / NANOS_PER_TICK));
        }
        set(f, 16, "0");               // cutime
        set(f, 17, "0");               // cstime
        if (f.length > 16 && f[16].matches("-?\\d+")) { // nice, and priority (20 + nice for normal processes)
            int nice = Integer.parseInt(f[16]);
            set(f, 19, Integer.toString(Niceness.shown(nice)));
            if (f[15].equals(Integer.toString(20 + nice))) {
                set(f, 18, Integer.toString(20 + Niceness.shown(nice)));
            }
        }
        set(f, 21, "0");               // itrealvalue (unused since Linux 2.6.17)
        set(f, 24, "0");               // rss
        for (int field : new int[] {29, 30, 35, 36, 37, 42, 43, 44}) {
            set(f, field, "0");        // kstkesp, kstkeip, wchan, nswap, cnswap, I/O delay, guest times
        }
        set(f, 39, "0");               // processor: the guest runs on CPU 0
        return virtual(pid) + " " + content.substring(open, close + 1) + " " + String.join(" ", f) + "\n";
    }

    private static void set(String[] f, int field, String value) {
        if (field - 3 < f.length) {
            f[field - 3] = value;
        }
    }

    private String status(String content) {
        return eachLine(content, line -> {
            int colon = line.indexOf(':');
            String key = colon < 0 ? "" : line.substring(0, colon);
            return switch (key) {
                case "Pid", "PPid", "Tgid", "NStgid", "NSpid", "NSpgid", "NSsid" ->
                        key + ":\t" + virtual(line.substring(colon + 1).trim().split("\\s+")[0]);
                case "TracerPid" -> key + ":\t0"; // nobody traces the guest, as far as it can tell
                case "State" -> line.contains("(tracing stop)") ? key + ":\tR (running)" : line;
                case "Uid", "Gid" -> key + ":\t0\t0\t0\t0";
                case "VmHWM", "VmRSS", "RssAnon", "RssFile", "RssShmem", "VmPTE", "VmSwap" -> key + ":\t       0 kB";
                case "voluntary_ctxt_switches", "nonvoluntary_ctxt_switches" -> key + ":\t0";
                default -> line;
            };
        });
    }

    /** {@code content} with each of its lines replaced by what {@code rewrite} makes of it. */
    private static String eachLine(String content, UnaryOperator<String> rewrite) {
        StringBuilder out = new StringBuilder(content.length());
        for (String line : content.split("\n", -1)) {
            out.append(rewrite.apply(line)).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** "size resident shared text lib data dt" in pages: nothing resident, as in stat and status. */
    private static String statm(String content) {
        String[] f = content.trim().split(" ");
        if (f.length >= 3) {
            f[1] = "0";
            f[2] = "0";
        }
        return String.join(" ", f) + "\n";
    }

    /**
     * "rchar: N" lines: bytes and calls the task read and wrote, and what of it reached storage,
     * which count the supervisor's retries and depend on what the host had cached: all 0.
     */
    private static String io(String content) {
        return content.replaceAll("(?m)^(\\w+): \\d+$", "$1: 0");
    }

    /**
     * "time on CPU (ns), time waiting to run (ns), times run": the thread's virtual CPU time, as in
     * its stat, and no waits or switches, as its status says.
     */
    private String schedstat(GuestThread subject) {
        return (subject == null ? 0 : tree.clock().threadNanos(subject)) + " 0 0\n";
    }

    /** Every kB count but a mapping's size and page sizes (what is resident, shared, swapped) reads 0, as VmRSS does. */
    private static String smaps(String content) {
        return eachLine(content, line -> {
            Matcher m = KB_LINE.matcher(line);
            return m.matches() && !MAPPING_SIZES.contains(m.group(1))
                    ? m.group(1) + m.group(2) + " ".repeat(m.group(3).length() - 1) + "0 kB" // aligned as before
                    : line;
        });
    }

    /**
     * A real id as text, made the guest's; ids outside the guest read as 1, the guest's init, as
     * getppid and getsid answer. That includes 0, which the kernel shows for a session or group whose
     * leader lies outside vbench's own pid namespace (a container's): a host fact the guest must not see.
     */
    private String virtual(String realId) {
        if (!NUMBER.matcher(realId).matches()) {
            return realId;
        }
        int v = tree.toVirtual(Integer.parseInt(realId));
        return Integer.toString(v > 0 ? v : GuestTree.OUTSIDE_VPID);
    }

    /**
     * The names of a listing of /proc or of /proc/PID/task as the guest sees them: numeric entries
     * of the guest's processes (threads) renamed to their virtual ids, the host's dropped; null if
     * the directory is no such listing.
     */
    List<HostFiles.RawEntry> rewriteListing(String dirPath, List<HostFiles.RawEntry> entries) {
        boolean proc = "/proc".equals(dirPath);
        if (!proc && (dirPath == null || !TASK_DIR.matcher(dirPath).matches())) {
            return null;
        }
        List<HostFiles.RawEntry> out = new ArrayList<>(entries.size());
        for (HostFiles.RawEntry e : entries) {
            String name = new String(e.name(), java.nio.charset.StandardCharsets.US_ASCII);
            if (!NUMBER.matcher(name).matches()) {
                out.add(e);
                continue;
            }
            GuestThread t = tree.thread(Integer.parseInt(name));
            boolean shown = t != null && (!proc || t.process().pid() == t.tid());
            if (shown) {
                out.add(new HostFiles.RawEntry(e.ino(), e.type(),
                        Integer.toString(t.vtid()).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            }
        }
        return out;
    }
}
