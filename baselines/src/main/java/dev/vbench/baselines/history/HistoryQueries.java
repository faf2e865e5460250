package dev.vbench.baselines.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The questions the {@code vbench history} commands ask of a store, apart from how they print. */
public final class HistoryQueries {
    private HistoryQueries() {}

    /**
     * The metrics called {@code names} ({@code all}: every metric in the history); none given means
     * virtual time, the number comparisons use.
     *
     * @throws HistoryException for a name that is neither a fixed metric nor a recorded count
     */
    public static List<Metric> metrics(HistoryStore store, List<String> names) {
        if (names == null || names.isEmpty()) {
            return List.of(Metric.VIRTUAL_TIME);
        }
        Set<Metric> metrics = new LinkedHashSet<>();
        List<Metric> recorded = null;
        for (String name : names) {
            if (name.equals("all")) {
                metrics.addAll(store.allMetrics());
                continue;
            }
            Metric m = Metric.named(name);
            if (m.isCount()) {
                recorded = recorded == null ? store.allMetrics() : recorded;
                if (!recorded.contains(m)) {
                    throw new HistoryException("no metric '" + name + "' in the history; recorded: " + names(recorded));
                }
            }
            metrics.add(m);
        }
        return new ArrayList<>(metrics);
    }

    /**
     * The series of {@code metric} of {@code benchmark} (one per branch, or only {@code branch}'s).
     *
     * @throws HistoryException if the benchmark, the branch or the metric has nothing recorded
     */
    public static List<Series> series(HistoryStore store, String benchmark, Metric metric, String branch) {
        List<String> benchmarks = store.benchmarks();
        if (!benchmarks.contains(benchmark)) {
            throw new HistoryException("no benchmark named '" + benchmark + "' in the history"
                    + (benchmarks.isEmpty() ? " (it is empty)" : "; recorded: " + abbreviated(benchmarks)));
        }
        if (branch != null && !store.branches().contains(branch)) {
            throw new HistoryException("no result recorded on branch '" + branch + "'; branches: " + abbreviated(store.branches()));
        }
        List<Series> series = store.series(benchmark, metric, branch);
        if (series.isEmpty()) {
            throw new HistoryException("benchmark '" + benchmark + "' has no " + metric + " values"
                    + (branch == null ? "" : " on branch " + branch) + "; it has: " + names(store.metrics(benchmark)));
        }
        return series;
    }

    /**
     * Every change point of the given metrics, over every benchmark (and branch, unless one is
     * named), reported if it comes after {@code since} (everything if null); ordered by when the
     * changed result was recorded, then benchmark and metric.
     */
    public static List<ChangePoint> changes(HistoryStore store, List<Metric> metrics, String branch, Since since,
                                            ChangeDetector detector) {
        if (branch != null && !store.branches().contains(branch)) {
            throw new HistoryException("no result recorded on branch '" + branch + "'; branches: " + abbreviated(store.branches()));
        }
        Predicate<ChangePoint> after = after(store, branch, since);
        List<ChangePoint> changes = new ArrayList<>();
        for (Metric metric : metrics) {
            for (Series s : store.series(null, metric, branch)) {
                detector.detect(s).stream().filter(after).forEach(changes::add);
            }
        }
        changes.sort(Comparator.comparing(ChangePoint::recordedAt).thenComparingLong(ChangePoint::resultId)
                .thenComparing(ChangePoint::benchmark).thenComparing(ChangePoint::branch)
                .thenComparingInt(c -> metrics.indexOf(c.metric())));
        return changes;
    }

    private static Predicate<ChangePoint> after(HistoryStore store, String branch, Since since) {
        if (since == null) {
            return c -> true;
        }
        if (since instanceof Since.Time t) {
            return c -> !c.recordedAt().isBefore(t.instant());
        }
        HistoryStore.Cutoff cutoff = store.cutoffAtCommit(((Since.Commit) since).prefix(), branch);
        return c -> cutoff.before(c.recordedAt(), c.resultId());
    }

    private static String names(List<Metric> metrics) {
        return abbreviated(metrics.stream().map(Metric::name).toList());
    }

    private static String abbreviated(List<String> names) {
        return names.size() <= 12 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 12)) + " and " + (names.size() - 12) + " more";
    }
}
