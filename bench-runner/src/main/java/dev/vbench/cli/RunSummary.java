package dev.vbench.cli;

import dev.vbench.core.RunOutcome;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The human summary of one run, printed to stderr by --summary. */
final class RunSummary {
    private static final int TOP = 5;

    private RunSummary() {}

    static String format(GuestRun.Prepared prepared, GuestRun.Completed run) {
        RunOutcome o = run.outcome();
        StringBuilder s = new StringBuilder("vbench summary\n");
        line(s, "counter", prepared.counter().backend().name() + " (" + prepared.counter().reason() + ")");
        long[] work = run.clock().totals();
        java.util.List<String> names = prepared.counter().backend().countNames();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) != null) {
                line(s, names.get(i), String.format(Locale.ROOT, "%,d", work[i]));
            }
        }
        line(s, "model", prepared.model().name());
        line(s, "exit", o.signaled() ? "killed by " + dev.vbench.core.nativ.Signals.name(o.signal())
                : String.valueOf(o.shellStatus()));
        String top = o.syscallsByName().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        line(s, "syscalls", o.syscalls() + (top.isEmpty() ? "" : " (" + top + ")"));
        line(s, "emulated", o.emulatedSyscalls() + " of them answered by vbench without the kernel");
        line(s, "processes", o.processes() + ", threads " + o.threads());
        line(s, "scheduler", o.scheduler().turns() + " turns, " + o.scheduler().contextSwitches() + " context switches, "
                + o.scheduler().preemptions() + " preemptions"
                + (o.scheduler().watchdogPreemptions() > 0 ? ", " + o.scheduler().watchdogPreemptions() + " by the watchdog" : ""));
        line(s, "deterministic", o.deterministic() ? "yes" : "NO: " + o.nondeterminism());
        line(s, "traps", o.traps() + " rdtsc/cpuid instructions trapped");
        line(s, "virtual time", seconds(o.virtualNanos()));
        line(s, "wall time", seconds(o.wallNanos()));
        for (String note : GuestRun.notes(prepared, run)) {
            line(s, "note", note);
        }
        return s.toString();
    }

    private static void line(StringBuilder s, String key, String value) {
        s.append(String.format(Locale.ROOT, "  %-21s %s%n", key, value));
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.6f s", nanos / 1e9);
    }
}
