package dev.vbench.reports.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The outcome of comparing two results: one {@link Row} per benchmark name found on either side (in
 * the new result's order, then the removed ones in the base's order), the metric and the global
 * threshold, and the platform differences that were allowed ({@code --allow-mismatch}; empty when
 * the platforms match). {@code baseLabel} and {@code newLabel} name the two results (a file, or
 * {@code baseline:NAME}).
 */
public record Comparison(String baseLabel, String newLabel, Metric metric, Threshold threshold, List<Row> rows,
                         List<Mismatch> mismatches) {

    public Comparison {
        rows = List.copyOf(rows);
        mismatches = List.copyOf(mismatches);
    }

    /** How many rows have each verdict; every verdict is a key (0 if none). */
    public Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        for (Row r : rows) {
            counts.merge(r.verdict(), 1, Integer::sum);
        }
        return Collections.unmodifiableMap(counts);
    }

    /** True if some benchmark regressed, failed, is nondeterministic or was not measured. */
    public boolean failsGate() {
        return rows.stream().anyMatch(r -> r.verdict().failsGate());
    }

    /** True if the platforms differ and the comparison was made anyway. */
    public boolean mismatched() {
        return !mismatches.isEmpty();
    }

    /**
     * {@code "2 regressed, 1 improved, 40 unchanged"}: each verdict that occurs, in the order of
     * {@link Verdict}; {@code "no benchmarks"} when both results are empty.
     */
    public String summaryLine() {
        StringJoiner line = new StringJoiner(", ");
        counts().forEach((v, n) -> {
            if (n > 0) {
                line.add(n + " " + v.label());
            }
        });
        return line.length() == 0 ? "no benchmarks" : line.toString();
    }

    /**
     * The rows in reading order: by verdict (what fails the gate first, see {@link Verdict}), then,
     * among regressions and improvements, the largest relative change first; otherwise in the
     * comparison's order.
     */
    public List<Row> rowsBySeverity() {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::verdict).thenComparing(Comparison::magnitude, Comparator.reverseOrder()));
        return sorted;
    }

    private static double magnitude(Row r) {
        if (r.verdict() != Verdict.REGRESSED && r.verdict() != Verdict.IMPROVED) {
            return 0;
        }
        return r.deltaPct() == null ? Double.POSITIVE_INFINITY : Math.abs(r.deltaPct());
    }
}
