package dev.vbench.reports.format;

import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.WallTime;
import java.io.IOException;
import java.io.Writer;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The human summary ({@code vbench run --summary}, the default of {@code vbench bench}): one block per
 * benchmark, labels aligned, exact counts with digit grouping and virtual time also in a readable unit.
 */
public final class TextFormat implements ResultFormat {
    private static final String LABEL = "  %-22s %s\n";

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
        Counters c = b.counters();
        sb.append(b.name()).append('\n');
        line(sb, "exit status", Integer.toString(b.exitStatus()));
        line(sb, "virtual time", Numbers.grouped(b.virtualTimeNs()) + " ns (" + Numbers.duration(b.virtualTimeNs()) + ")");
        line(sb, "instructions", Numbers.grouped(c.instructions()));
        line(sb, "conditional branches", Numbers.grouped(c.branchesConditional()));
        line(sb, "indirect branches", Numbers.grouped(c.branchesIndirect()));
        line(sb, "syscalls", Numbers.grouped(c.syscalls()));
        if (!b.syscallsByName().isEmpty()) {
            line(sb, "syscalls by name", byCount(b.syscallsByName()));
        }
        line(sb, "deterministic", Numbers.yesNo(b.deterministic()) + " (" + b.runs() + " runs)"
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

    private static void line(StringBuilder sb, String label, String value) {
        // "\n", not %n: the same bytes on every OS.
        sb.append(String.format(Locale.ROOT, LABEL, label + ":", value));
    }

    /** Most frequent first (that is what a reader looks for), ties by name so the order is stable. */
    private static String byCount(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(en -> en.getKey() + " " + Numbers.grouped(en.getValue()))
                .collect(Collectors.joining(", "));
    }
}
