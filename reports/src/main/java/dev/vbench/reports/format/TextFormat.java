package dev.vbench.reports.format;

import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.SchedulerStats;
import dev.vbench.reports.model.Termination;
import dev.vbench.reports.model.WallTime;
import java.io.IOException;
import java.io.Writer;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The human summary: what {@code vbench run --summary} prints and the default of the other commands.
 * One block per benchmark, labels aligned, exact counts with digit grouping and times also in a
 * readable unit. Only what was measured is shown.
 */
public final class TextFormat implements ResultFormat {
    private static final String LABEL = "  %-22s %s\n";
    /** System calls listed by name, most frequent first; the rest are summed up. */
    private static final int TOP_SYSCALLS = 8;
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(Counters.INSTRUCTIONS, "instructions"),
            Map.entry(Counters.BRANCHES_CONDITIONAL, "conditional branches"),
            Map.entry(Counters.BRANCHES_INDIRECT, "indirect branches"),
            Map.entry(Counters.SYSCALLS, "syscalls"),
            Map.entry(Counters.TRAPS, "traps (rdtsc/cpuid)"),
            Map.entry(Counters.SYSCALLS_CHEAP, "syscalls (cheap)"),
            Map.entry(Counters.SYSCALLS_FILE, "syscalls (file)"),
            Map.entry(Counters.SYSCALLS_MEMORY, "syscalls (memory)"),
            Map.entry(Counters.SYSCALLS_PROCESS, "syscalls (process)"),
            Map.entry(Counters.SYSCALLS_BLOCKING, "syscalls (blocking)"),
            Map.entry(Counters.BYTES_READ, "bytes read"),
            Map.entry(Counters.BYTES_WRITTEN, "bytes written"),
            Map.entry(Counters.BYTES_MAPPED, "bytes mapped"),
            Map.entry(Counters.PAGES_TOUCHED, "pages touched"),
            Map.entry(Counters.CACHE_MISSES, "cache misses (sim.)"),
            Map.entry(Counters.CACHE_LINES_STREAMED, "lines streamed (sim.)"),
            Map.entry(Counters.BRANCH_MISPREDICTS, "mispredicts (sim.)"),
            Map.entry(Counters.LONG_LATENCY_OPS, "divisions, sqrt"),
            Map.entry(Counters.ATOMIC_OPS, "atomic operations"),
            Map.entry(Counters.ISSUE_SLOTS, "issue slots (4-wide)"),
            Map.entry(Counters.SLEEP_NS, "slept (ns)"));

    @Override
    public void writeOut(Result result, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder(1024);
        Environment e = result.environment();
        sb.append("vbench ").append(Numbers.orNA(result.vbench().version())).append(" (").append(result.schema())
                .append(")\n");
        sb.append("counter ").append(Numbers.orNA(e.counter()));
        if (e.counterReason() != null) {
            sb.append(" (").append(e.counterReason()).append(')');
        }
        sb.append(", model ").append(Numbers.orNA(e.model())).append(", seed ").append(e.seed())
                .append(", sched seed ").append(e.schedSeed()).append(", epoch ").append(Numbers.orNA(e.epoch()))
                .append('\n');
        for (Benchmark b : result.benchmarks()) {
            sb.append('\n');
            benchmark(sb, b);
        }
        out.write(sb.toString());
    }

    private static void benchmark(StringBuilder sb, Benchmark b) {
        sb.append(b.name()).append('\n');
        line(sb, "exit status", Integer.toString(b.exitStatus()) + ending(b.termination()));
        if (b.deadlock() != null) {
            line(sb, "deadlock", "every thread waits for something no thread can do:");
            b.deadlock().forEach(w -> sb.append("    ").append(w).append('\n'));
        }
        line(sb, "virtual time", Numbers.grouped(b.virtualTimeNs()) + " ns (" + Numbers.duration(b.virtualTimeNs()) + ")");
        if (b.calibratedTimeNs() != null) {
            line(sb, "calibrated time", Numbers.duration(b.calibratedTimeNs())
                    + (b.calibratedModel() == null ? "" : " (model " + b.calibratedModel() + ")"));
        }
        for (Map.Entry<String, Long> c : b.counters().asMap().entrySet()) {
            line(sb, LABELS.getOrDefault(c.getKey(), c.getKey()), Numbers.grouped(c.getValue()));
        }
        if (!b.syscallsByName().isEmpty()) {
            line(sb, "syscalls by name", byCount(b.syscallsByName()));
        }
        if (b.emulatedSyscalls() != null) {
            line(sb, "emulated", Numbers.grouped(b.emulatedSyscalls()) + " system calls answered by vbench without the kernel");
        }
        if (b.processes() > 0) {
            line(sb, "processes", b.processes() + ", threads " + b.threads());
        }
        SchedulerStats s = b.scheduler();
        if (s != null) {
            line(sb, "scheduler", s.turns() + " turns, " + s.contextSwitches() + " context switches, "
                    + s.preemptions() + " preemptions"
                    + (s.watchdogPreemptions() > 0 ? ", " + s.watchdogPreemptions() + " by the watchdog" : "")
                    + (s.spinYields() > 0 ? ", " + s.spinYields() + " yields of spinning threads" : ""));
        }
        line(sb, "deterministic", Numbers.yesNo(b.deterministic()) + " (" + b.runs() + (b.runs() == 1 ? " run)" : " runs)")
                + (b.deterministicReason() == null ? "" : ": " + b.deterministicReason()));
        WallTime w = b.wallTimeNs();
        if (w != null) {
            line(sb, "wall time (native)", "median " + Numbers.duration(w.median()) + ", min "
                    + Numbers.duration(w.min()) + ", p90 " + Numbers.duration(w.p90()) + ", max "
                    + Numbers.duration(w.max()) + " (" + w.runs() + " runs)");
        }
        for (String note : b.notes()) {
            line(sb, "note", note);
        }
    }

    private static String ending(Termination t) {
        return switch (t) {
            case EXITED -> "";
            case TIMED_OUT -> " (timed out: vbench killed the guest)";
            case INTERRUPTED -> " (interrupted: vbench killed the guest)";
            case DEADLOCK -> " (deadlock: vbench ended the run)";
        };
    }

    private static void line(StringBuilder sb, String label, String value) {
        // "\n", not %n: the same bytes on every OS.
        sb.append(String.format(Locale.ROOT, LABEL, label + ":", value));
    }

    /** Most frequent first (that is what a reader looks for), ties by name so the order is stable. */
    private static String byCount(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
        String top = sorted.stream().limit(TOP_SYSCALLS)
                .map(en -> en.getKey() + " " + Numbers.grouped(en.getValue()))
                .collect(Collectors.joining(", "));
        int rest = sorted.size() - TOP_SYSCALLS;
        return rest > 0 ? top + " and " + rest + " more" : top;
    }
}
