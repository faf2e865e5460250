package dev.vbench.reports.format;

import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Result;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A single self-contained HTML page (inline CSS and SVG; no scripts, no external resources) that can
 * be attached to a CI run and opened offline: environment, a table of every benchmark, and a bar chart
 * of virtual time with native wall time beside it where it was measured. Every string from the result
 * is HTML-escaped.
 */
public final class HtmlFormat implements ResultFormat {
    static final SvgBarChart.Series VIRTUAL = new SvgBarChart.Series("virtual time", "bar-virtual");
    static final SvgBarChart.Series WALL = new SvgBarChart.Series("wall time (median, native)", "bar-wall");

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;margin:1em 0}
            th,td{border:1px solid #ccc;padding:4px 8px}
            th{background:#f3f3f3}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            .bar-virtual{fill:#3b6ea5}
            .bar-wall{fill:#b5b5b5}
            svg text{font-size:12px}
            """;

    @Override
    public void writeOut(Result result, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>vbench result</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>vbench result</h1>\n");
        environment(sb, result);
        table(sb, result.benchmarks());
        sb.append("<h2>Time per benchmark</h2>\n").append(chart(result.benchmarks()));
        notes(sb, result.benchmarks());
        sb.append("</body>\n</html>\n");
        out.write(sb.toString());
    }

    private static void environment(StringBuilder sb, Result result) {
        Environment e = result.environment();
        sb.append("<p>").append(Escape.html(result.schema()))
                .append(", vbench ").append(Escape.html(Numbers.orNA(result.vbench().version())))
                .append("<br>counter ").append(Escape.html(Numbers.orNA(e.counter())));
        if (e.counterReason() != null) {
            sb.append(" (").append(Escape.html(e.counterReason())).append(')');
        }
        sb.append(", model ").append(Escape.html(Numbers.orNA(e.model())))
                .append(", seed ").append(e.seed()).append(", sched seed ").append(e.schedSeed())
                .append(", ").append(e.cpus()).append(" CPUs");
        if (e.host() != null) {
            sb.append("<br>host ").append(Escape.html(Numbers.orNA(e.host().cpu())))
                    .append(", ").append(Escape.html(Numbers.orNA(e.host().kernel())));
        }
        sb.append("</p>\n");
    }

    private static void table(StringBuilder sb, List<Benchmark> benchmarks) {
        sb.append("<table>\n<thead><tr>");
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

    private static void num(StringBuilder sb, String text) {
        sb.append("<td class=\"num\">").append(Escape.html(text)).append("</td>");
    }

    /** The wall series (and its legend entry) only appears when some benchmark measured wall time. */
    static String chart(List<Benchmark> benchmarks) {
        boolean anyWall = benchmarks.stream().anyMatch(b -> b.wallTimeNs() != null);
        List<SvgBarChart.Series> series = anyWall ? List.of(VIRTUAL, WALL) : List.of(VIRTUAL);
        List<SvgBarChart.Group> groups = new ArrayList<>();
        for (Benchmark b : benchmarks) {
            List<Long> values = new ArrayList<>();
            values.add(b.virtualTimeNs());
            if (anyWall) {
                values.add(b.wallTimeNs() == null ? null : b.wallTimeNs().median());
            }
            groups.add(new SvgBarChart.Group(b.name(), values));
        }
        return SvgBarChart.render("virtual time per benchmark", series, groups);
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
