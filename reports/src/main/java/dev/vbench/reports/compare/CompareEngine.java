package dev.vbench.reports.compare;

import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.Termination;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two results benchmark by benchmark, matched by name. A pure function of its inputs.
 *
 * <p>The verdict of a benchmark present on both sides is decided in this order: FAILED (either
 * side did not end by exiting, or exited non-zero, or the exit statuses differ), NONDETERMINISTIC
 * (either side says {@code deterministic: false}), NOT_MEASURED (either side lacks the metric),
 * then REGRESSED / IMPROVED when the metric changed by strictly more than the threshold, else
 * UNCHANGED. A benchmark only in the new result is FAILED or NONDETERMINISTIC if its own run was,
 * else ADDED; one only in the base is REMOVED.
 *
 * <p>The threshold of a benchmark is its own {@code threshold_pct} from the new result, else from
 * the base result, else the global one.
 */
public final class CompareEngine {
    private CompareEngine() {}

    /** A result and the name users know it by (its file, or {@code baseline:NAME}). */
    public record Labeled(String label, Result result) {}

    /**
     * @param allowMismatch compare even if the platforms differ; the differences are then kept in
     *                      the comparison so that every output can say so
     * @throws IncomparableResultsException if the platforms differ (and that is not allowed), a
     *         result names two benchmarks alike, a side with benchmarks never measured the metric,
     *         or a benchmark's {@code threshold_pct} is not a number >= 0
     */
    public static Comparison compare(Labeled base, Labeled current, Metric metric, Threshold threshold,
                                     boolean allowMismatch) throws IncomparableResultsException {
        List<Mismatch> mismatches = new ArrayList<>(
                PlatformCheck.differences(base.result().environment(), current.result().environment()));
        Map<String, Benchmark> baseByName = byName(base);
        Map<String, Benchmark> currentByName = byName(current);
        if (metric.equals(Metric.CALIBRATED_TIME)) {
            mismatches.addAll(modelDifferences(baseByName, currentByName));
        }
        if (!mismatches.isEmpty() && !allowMismatch) {
            StringBuilder msg = new StringBuilder(base.label() + " and " + current.label()
                    + " were measured on different platforms, so their counts are not comparable:");
            mismatches.forEach(m -> msg.append("\n  ").append(m.describe()));
            msg.append(mismatches.stream().anyMatch(m -> m.field().equals("calibrated_model"))
                    ? "\n(compare --model MODEL prices both with one model; --allow-mismatch compares them anyway)"
                    : "\n(--allow-mismatch compares them anyway and marks the output)");
            throw new IncomparableResultsException(msg.toString());
        }
        requireMeasured(base, metric);
        requireMeasured(current, metric);

        List<Row> rows = new ArrayList<>(Math.max(baseByName.size(), currentByName.size()));
        for (Benchmark c : currentByName.values()) {
            Benchmark b = baseByName.get(c.name());
            Threshold t = thresholdOf(current, c, b == null ? null : base, b, threshold);
            rows.add(b == null ? added(c, metric, t) : row(b, c, metric, t));
        }
        for (Benchmark b : baseByName.values()) {
            if (!currentByName.containsKey(b.name())) {
                rows.add(new Row(b.name(), Verdict.REMOVED, metric.valueOf(b), null, null, null,
                        thresholdOf(base, b, null, null, threshold), null));
            }
        }
        return new Comparison(base.label(), current.label(), metric, threshold, rows, mismatches);
    }

    private static Row row(Benchmark b, Benchmark c, Metric metric, Threshold t) {
        Long vb = metric.valueOf(b);
        Long vc = metric.valueOf(c);
        Long delta = vb == null || vc == null ? null : vc - vb;
        Double pct = null;
        if (delta != null && vb != 0) {
            pct = delta * 100.0 / vb;
        } else if (delta != null && delta == 0) {
            pct = 0.0; // from 0 to 0; any other change from 0 is infinite, so stays null
        }
        String failure = failure(b, c);
        if (failure != null) {
            return new Row(c.name(), Verdict.FAILED, vb, vc, delta, pct, t, failure);
        }
        String nondeterminism = nondeterminism(b, c);
        if (nondeterminism != null) {
            return new Row(c.name(), Verdict.NONDETERMINISTIC, vb, vc, delta, pct, t, nondeterminism);
        }
        if (vb == null || vc == null) {
            String side = vb == null && vc == null ? "neither side" : vb == null ? "base" : "new";
            String reason = vb == null && vc == null
                    ? metric.name() + " was measured on neither side"
                    : metric.name() + " was not measured in the " + side + " result";
            return new Row(c.name(), Verdict.NOT_MEASURED, vb, vc, null, null, t, reason);
        }
        Verdict v = !t.exceeded(vb, delta) ? Verdict.UNCHANGED : delta > 0 ? Verdict.REGRESSED : Verdict.IMPROVED;
        return new Row(c.name(), v, vb, vc, delta, pct, t, null);
    }

    private static Row added(Benchmark c, Metric metric, Threshold t) {
        Long vc = metric.valueOf(c);
        String failure = failure(null, c);
        if (failure != null) {
            return new Row(c.name(), Verdict.FAILED, null, vc, null, null, t, failure);
        }
        String nondeterminism = nondeterminism(null, c);
        if (nondeterminism != null) {
            return new Row(c.name(), Verdict.NONDETERMINISTIC, null, vc, null, null, t, nondeterminism);
        }
        return new Row(c.name(), Verdict.ADDED, null, vc, null, null, t, null);
    }

    /**
     * Calibrated times priced by different models (different ids) differ by the models, not by the
     * programs: each distinct pair of ids on benchmarks present on both sides, once.
     */
    private static List<Mismatch> modelDifferences(Map<String, Benchmark> base, Map<String, Benchmark> current) {
        Set<List<String>> seen = new java.util.LinkedHashSet<>();
        for (Benchmark c : current.values()) {
            Benchmark b = base.get(c.name());
            if (b != null && b.calibratedTimeNs() != null && c.calibratedTimeNs() != null
                    && !java.util.Objects.equals(b.calibratedModel(), c.calibratedModel())) {
                seen.add(java.util.Arrays.asList(b.calibratedModel(), c.calibratedModel()));
            }
        }
        List<Mismatch> out = new ArrayList<>();
        for (List<String> pair : seen) {
            out.add(new Mismatch("calibrated_model", pair.get(0), pair.get(1)));
        }
        return out;
    }

    /** Why the runs cannot be compared as successful runs, or null. */
    private static String failure(Benchmark b, Benchmark c) {
        List<String> why = new ArrayList<>();
        ending("base", b, why);
        ending("new", c, why);
        if (b != null && b.termination() == Termination.EXITED && c.termination() == Termination.EXITED) {
            if (b.exitStatus() != c.exitStatus()) {
                why.add("exit status changed from " + b.exitStatus() + " to " + c.exitStatus());
            } else if (c.exitStatus() != 0) {
                why.add("exit status " + c.exitStatus() + " on both sides");
            }
        } else if (b == null && c.termination() == Termination.EXITED && c.exitStatus() != 0) {
            why.add("new: exit status " + c.exitStatus());
        }
        return why.isEmpty() ? null : String.join("; ", why);
    }

    private static void ending(String side, Benchmark b, List<String> why) {
        if (b != null && b.termination() != Termination.EXITED) {
            why.add(side + ": " + b.termination().jsonName().replace('_', ' '));
        }
    }

    private static String nondeterminism(Benchmark b, Benchmark c) {
        List<String> why = new ArrayList<>();
        for (Benchmark x : new Benchmark[] {b, c}) {
            if (x != null && !x.deterministic()) {
                why.add((x == b ? "base" : "new") + ": not deterministic"
                        + (x.deterministicReason() == null ? "" : " (" + x.deterministicReason() + ")"));
            }
        }
        return why.isEmpty() ? null : String.join("; ", why);
    }

    private static Threshold thresholdOf(Labeled side, Benchmark b, Labeled otherSide, Benchmark other,
                                         Threshold global) throws IncomparableResultsException {
        Threshold own = own(side, b);
        if (own != null) {
            return own;
        }
        Threshold others = other == null ? null : own(otherSide, other);
        return others != null ? others : global;
    }

    private static Threshold own(Labeled side, Benchmark b) throws IncomparableResultsException {
        if (b.thresholdPct() == null) {
            return null;
        }
        try {
            return Threshold.ofPercent(b.thresholdPct());
        } catch (IllegalArgumentException e) {
            throw new IncomparableResultsException(side.label() + ": benchmark '" + b.name() + "' has threshold_pct "
                    + b.thresholdPct() + "; expected a number >= 0");
        }
    }

    private static Map<String, Benchmark> byName(Labeled side) throws IncomparableResultsException {
        Map<String, Benchmark> map = new LinkedHashMap<>();
        for (Benchmark b : side.result().benchmarks()) {
            if (map.putIfAbsent(b.name(), b) != null) {
                throw new IncomparableResultsException(side.label() + ": two benchmarks are named '" + b.name()
                        + "'; a comparison matches benchmarks by name, so names must be unique");
            }
        }
        return map;
    }

    /**
     * A side with benchmarks none of which measured the metric is asked the wrong question (an
     * instruction count of a {@code --counter none} result): that is bad input, not a verdict per
     * benchmark.
     */
    private static void requireMeasured(Labeled side, Metric metric) throws IncomparableResultsException {
        List<Benchmark> benchmarks = side.result().benchmarks();
        if (benchmarks.isEmpty() || benchmarks.stream().anyMatch(b -> metric.valueOf(b) != null)) {
            return;
        }
        Set<String> measured = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        for (Benchmark b : benchmarks) {
            if (seen.add(b.name())) {
                measured.addAll(b.counters().names());
            }
        }
        if (benchmarks.stream().anyMatch(b -> b.calibratedTimeNs() != null)) {
            measured.add("calibrated_time");
        }
        String counter = side.result().environment().counter();
        if (metric.region() != null) {
            Set<String> regions = new TreeSet<>();
            benchmarks.forEach(b -> {
                if (b.regions() != null) {
                    regions.addAll(b.regions().keySet());
                }
            });
            throw new IncomparableResultsException(side.label() + ": no benchmark marked the region '" + metric.region()
                    + "'" + (regions.isEmpty() ? "; it has no regions (vbench.h's vbench_region_begin/end mark them)"
                    : "; its regions are " + String.join(", ", regions)));
        }
        throw new IncomparableResultsException(side.label() + ": no benchmark measured " + metric.name()
                + (counter == null ? "" : " (counter " + counter + ")")
                + (metric.equals(Metric.CALIBRATED_TIME) ? "; results get calibrated_time_ns from a calibrated model" : "")
                + "; --metric can be virtual_time" + (measured.isEmpty() ? "" : " or " + String.join(", ", measured)));
    }
}
