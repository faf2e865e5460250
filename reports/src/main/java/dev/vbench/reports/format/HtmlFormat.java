package dev.vbench.reports.format;

import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Fingerprint;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.WallTime;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One result as a self-contained HTML page (see {@link HtmlPage}): a chart of virtual time per
 * benchmark; where native wall time was measured, a chart of its spread (min to max, median, p90)
 * beside the flat virtual time; the environment; a table of every benchmark; notes.
 */
public final class HtmlFormat implements ResultFormat {

    @Override
    public void writeOut(Result result, Writer out) throws IOException {
        HtmlPage page = new HtmlPage("vbench result");
        List<Benchmark> benchmarks = result.benchmarks();
        boolean anyWall = benchmarks.stream().anyMatch(b -> b.wallTimeNs() != null);
        page.chart("chart-virtual", "Virtual time per benchmark (the same on every run).");
        if (anyWall) {
            page.chart("chart-wall", "Native wall time where measured: min to max (bar), median and p90 (marks), "
                    + "beside the virtual time (diamond).");
        }
        environment(page.body(), result);
        table(page.body(), benchmarks);
        notes(page.body(), benchmarks);
        page.writeTo(data(benchmarks), out);
    }

    /** The chart data: name, virtual time and wall-time spread (null if not measured) per benchmark. */
    static Map<String, Object> data(List<Benchmark> benchmarks) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Benchmark b : benchmarks) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", b.name());
            row.put("virtual_time_ns", b.virtualTimeNs());
            WallTime w = b.wallTimeNs();
            row.put("wall", w == null ? null : Map.of("runs", w.runs(), "min", w.min(), "median", w.median(),
                    "p90", w.p90(), "max", w.max()));
            rows.add(row);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", "result");
        data.put("benchmarks", rows);
        return data;
    }

    static void environment(StringBuilder sb, Result result) {
        Environment e = result.environment();
        sb.append("<h2>Environment</h2>\n<table class=\"environment\">\n");
        row(sb, "schema", result.schema());
        row(sb, "vbench", result.vbench().version());
        row(sb, "counter", e.counter() + (e.counterReason() == null ? "" : " (" + e.counterReason() + ")"));
        row(sb, "model", e.model());
        row(sb, "epoch", e.epoch());
        row(sb, "seed / sched seed", e.seed() + " / " + e.schedSeed());
        row(sb, "CPUs / memory", e.cpus() + " / " + Numbers.grouped(e.memoryBytes()) + " bytes");
        row(sb, "cpuid / rdtsc virtualized", Numbers.yesNo(e.cpuidVirtualized()) + " / " + Numbers.yesNo(e.rdtscVirtualized()));
        Fingerprint f = e.fingerprint();
        if (f != null) {
            row(sb, "fingerprint", "counter " + Numbers.orNA(f.counter()) + " " + Numbers.orNA(f.counterVersion())
                    + ", cpu " + Numbers.orNA(f.cpu()) + ", libc " + Numbers.orNA(f.libc()) + ", kernel "
                    + Numbers.orNA(f.kernel()) + ", model " + Numbers.orNA(f.model()));
        }
        if (e.host() != null) {
            row(sb, "host", Numbers.orNA(e.host().cpu()) + ", " + Numbers.orNA(e.host().kernel()));
        }
        sb.append("</table>\n");
    }

    private static void row(StringBuilder sb, String label, String value) {
        sb.append("<tr><th>").append(Escape.html(label)).append("</th><td>").append(Escape.html(Numbers.orNA(value)))
                .append("</td></tr>\n");
    }

    private static void table(StringBuilder sb, List<Benchmark> benchmarks) {
        sb.append("<h2>Benchmarks</h2>\n<table class=\"benchmarks\">\n<thead><tr>");
        for (String h : List.of("benchmark", "exit", "virtual time (ns)", "instructions", "conditional branches",
                "indirect branches", "syscalls", "runs", "deterministic", "wall median (ns)")) {
            sb.append("<th>").append(h).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (Benchmark b : benchmarks) {
            Counters c = b.counters();
            sb.append("<tr><td title=\"").append(Escape.html(String.join(" ", b.command()))).append("\">")
                    .append(Escape.html(b.name())).append("</td>");
            num(sb, Integer.toString(b.exitStatus()));
            num(sb, Numbers.grouped(b.virtualTimeNs()));
            num(sb, Numbers.grouped(c.instructions()));
            num(sb, Numbers.grouped(c.branchesConditional()));
            num(sb, Numbers.grouped(c.branchesIndirect()));
            num(sb, Numbers.grouped(c.syscalls()));
            num(sb, Integer.toString(b.runs()));
            sb.append("<td>").append(Numbers.yesNo(b.deterministic())).append("</td>");
            num(sb, b.wallTimeNs() == null ? Numbers.NOT_MEASURED : Numbers.grouped(b.wallTimeNs().median()));
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    static void num(StringBuilder sb, String text) {
        sb.append("<td class=\"num\">").append(Escape.html(text)).append("</td>");
    }

    private static void notes(StringBuilder sb, List<Benchmark> benchmarks) {
        StringBuilder items = new StringBuilder();
        for (Benchmark b : benchmarks) {
            List<String> lines = new ArrayList<>();
            if (b.deterministicReason() != null) {
                lines.add(b.deterministicReason());
            }
            lines.addAll(b.notes());
            for (String line : lines) {
                items.append("<li><b>").append(Escape.html(b.name())).append("</b>: ")
                        .append(Escape.html(line)).append("</li>\n");
            }
        }
        if (items.length() > 0) {
            sb.append("<h2>Notes</h2>\n<ul>\n").append(items).append("</ul>\n");
        }
    }
}
