package dev.vbench.reports.format;

import dev.vbench.reports.model.WallTime;
import dev.vbench.reports.variance.Distribution;
import dev.vbench.reports.variance.JvmComparison;
import dev.vbench.reports.variance.JvmLog;
import dev.vbench.reports.variance.VarianceReport;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A variance study as text: the distribution of each metric over the seeds, the fastest and slowest
 * seed with their replay commands, every seed's numbers, native wall time, and the JVM log differences.
 */
public final class VarianceTextFormat {

    public void writeOut(VarianceReport r, Writer out) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("vbench variance: ").append(r.seeds()).append(" scheduler seeds (").append(r.firstSeed()).append("..")
                .append(r.firstSeed() + r.seeds() - 1).append(r.chaos() ? ", --chaos" : "").append(") of: ")
                .append(String.join(" ", r.command())).append('\n');
        s.append("counter ").append(r.counter()).append("\n\n");
        s.append(String.format(Locale.ROOT, "%-24s %16s %16s %16s %16s %16s %16s %9s%n", "metric (spread: max/min)", "min", "p25", "median",
                "p75", "p90", "max", "spread"));
        for (Map.Entry<String, Distribution> e : r.distributions().entrySet()) {
            Distribution d = e.getValue();
            boolean time = e.getKey().equals(VarianceReport.VIRTUAL_TIME);
            s.append(String.format(Locale.ROOT, "%-24s %16s %16s %16s %16s %16s %16s %8.3f%%%n",
                    time ? "virtual time (ns)" : e.getKey(), num(d.min(), time), num(d.p25(), time), num(d.median(), time),
                    num(d.p75(), time), num(d.p90(), time), num(d.max(), time), d.spreadPct()));
        }
        s.append('\n');
        extreme(s, "fastest", r.fastest());
        extreme(s, "slowest", r.slowest());
        s.append('\n');
        List<String> counts = new ArrayList<>(r.distributions().keySet());
        counts.remove(VarianceReport.VIRTUAL_TIME);
        s.append(String.format(Locale.ROOT, "%8s %18s", "seed", "virtual time (ns)"));
        for (String c : counts) {
            s.append(String.format(Locale.ROOT, " %20s", c));
        }
        s.append("  exit\n");
        for (VarianceReport.SeedRun run : r.runs()) {
            s.append(String.format(Locale.ROOT, "%8d %18s", run.seed(), Numbers.grouped(run.virtualTimeNs())));
            for (String c : counts) {
                s.append(String.format(Locale.ROOT, " %20s", Numbers.grouped(run.counts().get(c))));
            }
            s.append("  ").append(run.termination().equals("exited") ? Integer.toString(run.exitStatus()) : run.termination())
                    .append(run.deterministic() ? "" : " (not deterministic)").append('\n');
        }
        WallTime w = r.wallTimeNs();
        if (w != null) {
            s.append(String.format(Locale.ROOT, "%nnative wall time over %d runs: min %s, p25 %s, median %s, p75 %s, p90 %s, max %s;"
                            + " spread %.1f%% (virtual time: %.3f%% over the seeds)%n", w.runs(), Numbers.duration(w.min()),
                    Numbers.duration(w.p25() == null ? w.min() : w.p25()), Numbers.duration(w.median()),
                    Numbers.duration(w.p75() == null ? w.max() : w.p75()), Numbers.duration(w.p90()),
                    Numbers.duration(w.max()), w.min() == 0 ? 0 : 100.0 * (w.max() - w.min()) / w.min(),
                    r.distributions().get(VarianceReport.VIRTUAL_TIME).spreadPct()));
        }
        if (r.jvm() != null) {
            jvm(s, r.jvm());
        }
        for (String n : r.notes()) {
            s.append("note: ").append(n).append('\n');
        }
        out.write(s.toString());
    }

    private static void extreme(StringBuilder s, String what, VarianceReport.Extreme e) {
        s.append(what).append(": seed ").append(e.seed()).append(", ").append(Numbers.duration(e.virtualTimeNs()))
                .append(" virtual; replayed: ").append(e.replayIdentical() ? "identical"
                        : "DIFFERENT: " + String.join("; ", e.replayDifferences())).append("\n  ").append(e.replayCommand())
                .append('\n');
    }

    private static void jvm(StringBuilder s, JvmComparison j) {
        s.append("\nJVM logs, fastest seed ").append(j.fastestSeed()).append(" against slowest seed ").append(j.slowestSeed())
                .append(" (times are virtual, since the JVM started):\n");
        j.findings().forEach(f -> s.append("  ").append(f).append('\n'));
        compiles(s, "compiled only by the fastest seed", j.onlyInFastestCount(), j.onlyInFastest());
        compiles(s, "compiled only by the slowest seed", j.onlyInSlowestCount(), j.onlyInSlowest());
        if (!j.shifted().isEmpty()) {
            s.append("  compiled by both at different times (largest shifts first):\n");
            for (JvmComparison.Shift x : j.shifted()) {
                s.append(String.format(Locale.ROOT, "    %-70s tier %d%s: %s -> %s (%+.3f ms)%n", x.method(), x.tier(),
                        x.osrBci() == null ? "" : " OSR @" + x.osrBci(), ms(x.fastestNs()), ms(x.slowestNs()), x.deltaNs() / 1e6));
            }
        }
        compiles(s, "made not entrant only in the fastest seed", j.notEntrantOnlyInFastest().size(), j.notEntrantOnlyInFastest());
        compiles(s, "made not entrant only in the slowest seed", j.notEntrantOnlyInSlowest().size(), j.notEntrantOnlyInSlowest());
        gcs(s, "GC pauses of the fastest seed", j.gcFastest());
        gcs(s, "GC pauses of the slowest seed", j.gcSlowest());
        if (!j.safepointsFastest().equals(j.safepointsSlowest())) {
            s.append("  safepoints by operation: fastest ").append(j.safepointsFastest()).append(", slowest ")
                    .append(j.safepointsSlowest()).append('\n');
        }
    }

    private static void compiles(StringBuilder s, String title, int count, List<JvmComparison.Compile> list) {
        if (count == 0) {
            return;
        }
        s.append("  ").append(title).append(" (").append(count).append(count > list.size() ? ", first " + list.size() : "")
                .append("):\n");
        for (JvmComparison.Compile c : list) {
            s.append(String.format(Locale.ROOT, "    at %12s  tier %d  %s%s%n", ms(c.uptimeNs()), c.tier(), c.method(),
                    c.osrBci() == null ? "" : " OSR @" + c.osrBci()));
        }
    }

    private static void gcs(StringBuilder s, String title, List<JvmLog.GcEvent> list) {
        if (list.isEmpty()) {
            return;
        }
        s.append("  ").append(title).append(":\n");
        for (JvmLog.GcEvent g : list) {
            s.append(String.format(Locale.ROOT, "    at %12s  GC(%d) %s, %.3f ms%n", ms(g.uptimeNs()), g.gcId(), g.what(), g.millis()));
        }
    }

    private static String ms(long ns) {
        return String.format(Locale.ROOT, "%.3f ms", ns / 1e6);
    }

    private static String num(long v, boolean time) {
        return Numbers.grouped(v);
    }
}
