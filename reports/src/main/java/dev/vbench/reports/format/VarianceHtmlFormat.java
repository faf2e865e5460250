package dev.vbench.reports.format;

import dev.vbench.reports.model.WallTime;
import dev.vbench.reports.variance.Distribution;
import dev.vbench.reports.variance.JvmComparison;
import dev.vbench.reports.variance.JvmLog;
import dev.vbench.reports.variance.VarianceReport;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A variance study as a self-contained HTML page (see {@link HtmlPage}): a histogram of virtual time
 * over the seeds, virtual time per seed (fastest and slowest marked), native wall time beside it when
 * measured, the distribution table, the replay commands, every seed's numbers and the JVM log
 * differences.
 */
public final class VarianceHtmlFormat {

    public void writeOut(VarianceReport r, Writer out) throws IOException {
        HtmlPage page = new HtmlPage("vbench variance");
        StringBuilder sb = page.body();
        sb.append("<p>").append(r.seeds()).append(" scheduler seeds (").append(r.firstSeed()).append("..")
                .append(r.firstSeed() + r.seeds() - 1).append(r.chaos() ? ", --chaos" : "").append(") of <code>")
                .append(Escape.html(String.join(" ", r.command()))).append("</code>, counter ")
                .append(Escape.html(r.counter())).append(".</p>\n");
        page.chart("chart-variance-histogram", "How many seeds gave each virtual time (histogram).");
        page.chart("chart-variance-seeds", "Virtual time per seed; the fastest and the slowest seed are marked.");
        sb.append("<h2>Distributions</h2>\n<table class=\"distributions\">\n<thead><tr><th>metric</th><th>min</th><th>p10</th>"
                + "<th>p25</th><th>median</th><th>p75</th><th>p90</th><th>max</th><th>spread</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<String, Distribution> e : r.distributions().entrySet()) {
            Distribution d = e.getValue();
            sb.append("<tr><td>").append(Escape.html(e.getKey())).append("</td>");
            for (long v : new long[] {d.min(), d.p10(), d.p25(), d.median(), d.p75(), d.p90(), d.max()}) {
                HtmlFormat.num(sb, Numbers.grouped(v));
            }
            HtmlFormat.num(sb, String.format(Locale.ROOT, "%.3f%%", d.spreadPct()));
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        WallTime w = r.wallTimeNs();
        if (w != null) {
            sb.append("<p>Native wall time over ").append(w.runs()).append(" runs: min ").append(Numbers.duration(w.min()))
                    .append(", median ").append(Numbers.duration(w.median())).append(", p90 ").append(Numbers.duration(w.p90()))
                    .append(", max ").append(Numbers.duration(w.max())).append(String.format(Locale.ROOT, "; spread %.1f%%.</p>\n",
                            w.min() == 0 ? 0 : 100.0 * (w.max() - w.min()) / w.min()));
        }
        sb.append("<h2>Fastest and slowest seed</h2>\n<table class=\"extremes\">\n<thead><tr><th></th><th>seed</th>"
                + "<th>virtual time (ns)</th><th>replay</th><th>command that replays it</th></tr></thead>\n<tbody>\n");
        extreme(sb, "fastest", r.fastest());
        extreme(sb, "slowest", r.slowest());
        sb.append("</tbody>\n</table>\n");
        if (r.jvm() != null) {
            jvm(sb, r.jvm());
        }
        List<String> counts = new ArrayList<>(r.distributions().keySet());
        counts.remove(VarianceReport.VIRTUAL_TIME);
        sb.append("<h2>Every seed</h2>\n<table class=\"seeds\">\n<thead><tr><th>seed</th><th>virtual time (ns)</th>");
        counts.forEach(c -> sb.append("<th>").append(Escape.html(c)).append("</th>"));
        sb.append("<th>exit</th></tr></thead>\n<tbody>\n");
        for (VarianceReport.SeedRun run : r.runs()) {
            sb.append("<tr><td>").append(run.seed()).append("</td>");
            HtmlFormat.num(sb, Numbers.grouped(run.virtualTimeNs()));
            counts.forEach(c -> HtmlFormat.num(sb, Numbers.grouped(run.counts().get(c))));
            sb.append("<td>").append(Escape.html(run.termination().equals("exited") ? Integer.toString(run.exitStatus())
                    : run.termination())).append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        if (!r.notes().isEmpty()) {
            sb.append("<h2>Notes</h2>\n<ul>\n");
            r.notes().forEach(n -> sb.append("<li>").append(Escape.html(n)).append("</li>\n"));
            sb.append("</ul>\n");
        }
        page.writeTo(data(r), out);
    }

    private static void extreme(StringBuilder sb, String what, VarianceReport.Extreme e) {
        sb.append("<tr><th>").append(what).append("</th><td>").append(e.seed()).append("</td>");
        HtmlFormat.num(sb, Numbers.grouped(e.virtualTimeNs()));
        sb.append("<td>").append(e.replayIdentical() ? "identical" : "<b>different</b>: "
                + Escape.html(String.join("; ", e.replayDifferences()))).append("</td><td><code>")
                .append(Escape.html(e.replayCommand())).append("</code></td></tr>\n");
    }

    private static void jvm(StringBuilder sb, JvmComparison j) {
        sb.append("<h2>JVM logs: fastest seed ").append(j.fastestSeed()).append(" against slowest seed ")
                .append(j.slowestSeed()).append("</h2>\n<p>Times are virtual, since the JVM started.</p>\n<ul>\n");
        j.findings().forEach(f -> sb.append("<li>").append(Escape.html(f)).append("</li>\n"));
        sb.append("</ul>\n");
        compiles(sb, "Compiled only by the fastest seed", j.onlyInFastestCount(), j.onlyInFastest());
        compiles(sb, "Compiled only by the slowest seed", j.onlyInSlowestCount(), j.onlyInSlowest());
        if (!j.shifted().isEmpty()) {
            sb.append("<h3>Compiled by both at different times (largest shifts first)</h3>\n<table class=\"shifts\">\n"
                    + "<thead><tr><th>method</th><th>tier</th><th>fastest (ms)</th><th>slowest (ms)</th><th>shift (ms)</th>"
                    + "</tr></thead>\n<tbody>\n");
            for (JvmComparison.Shift x : j.shifted()) {
                sb.append("<tr><td>").append(Escape.html(x.method() + (x.osrBci() == null ? "" : " OSR @" + x.osrBci())))
                        .append("</td><td>").append(x.tier()).append("</td>");
                HtmlFormat.num(sb, ms(x.fastestNs()));
                HtmlFormat.num(sb, ms(x.slowestNs()));
                HtmlFormat.num(sb, String.format(Locale.ROOT, "%+.3f", x.deltaNs() / 1e6));
                sb.append("</tr>\n");
            }
            sb.append("</tbody>\n</table>\n");
        }
        compiles(sb, "Made not entrant only in the fastest seed", j.notEntrantOnlyInFastest().size(), j.notEntrantOnlyInFastest());
        compiles(sb, "Made not entrant only in the slowest seed", j.notEntrantOnlyInSlowest().size(), j.notEntrantOnlyInSlowest());
        gcs(sb, "GC pauses of the fastest seed", j.gcFastest());
        gcs(sb, "GC pauses of the slowest seed", j.gcSlowest());
        sb.append("<p>Safepoints by operation: fastest ").append(Escape.html(j.safepointsFastest().toString()))
                .append("; slowest ").append(Escape.html(j.safepointsSlowest().toString())).append("</p>\n");
    }

    private static void compiles(StringBuilder sb, String title, int count, List<JvmComparison.Compile> list) {
        if (count == 0) {
            return;
        }
        sb.append("<h3>").append(title).append(" (").append(count).append(count > list.size() ? ", first " + list.size() : "")
                .append(")</h3>\n<table class=\"compilations\">\n<thead><tr><th>at (ms)</th><th>tier</th><th>method</th></tr>"
                        + "</thead>\n<tbody>\n");
        for (JvmComparison.Compile c : list) {
            sb.append("<tr>");
            HtmlFormat.num(sb, ms(c.uptimeNs()));
            sb.append("<td>").append(c.tier()).append("</td><td>").append(Escape.html(c.method()
                    + (c.osrBci() == null ? "" : " OSR @" + c.osrBci()))).append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    private static void gcs(StringBuilder sb, String title, List<JvmLog.GcEvent> list) {
        if (list.isEmpty()) {
            return;
        }
        sb.append("<h3>").append(title).append("</h3>\n<table class=\"gc\">\n<thead><tr><th>at (ms)</th><th>GC</th>"
                + "<th>pause (ms)</th></tr></thead>\n<tbody>\n");
        for (JvmLog.GcEvent g : list) {
            sb.append("<tr>");
            HtmlFormat.num(sb, ms(g.uptimeNs()));
            sb.append("<td>GC(").append(g.gcId()).append(") ").append(Escape.html(g.what())).append("</td>");
            HtmlFormat.num(sb, String.format(Locale.ROOT, "%.3f", g.millis()));
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    private static String ms(long ns) {
        return String.format(Locale.ROOT, "%.3f", ns / 1e6);
    }

    /** The chart data: every seed's virtual time, the extremes, and the wall-time summary. */
    static Map<String, Object> data(VarianceReport r) {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (VarianceReport.SeedRun run : r.runs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seed", run.seed());
            m.put("virtual_time_ns", run.virtualTimeNs());
            runs.add(m);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", "variance");
        data.put("runs", runs);
        data.put("fastest_seed", r.fastest().seed());
        data.put("slowest_seed", r.slowest().seed());
        WallTime w = r.wallTimeNs();
        data.put("wall", w == null ? null : Map.of("runs", w.runs(), "min", w.min(), "median", w.median(), "max", w.max()));
        return data;
    }
}
