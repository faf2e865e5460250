package dev.vbench.baselines.history;

import java.util.List;
import java.util.Objects;

/**
 * A number a series is drawn from. The run's own numbers have fixed names ({@link #VIRTUAL_TIME},
 * {@link #CALIBRATED_TIME}, the wall-time median, min and max); every other name is a count under
 * its own name ({@code instructions}, {@code syscalls}, an extra perf event...).
 *
 * <p>Virtual time, calibrated time and counts are <em>exact</em>: a deterministic benchmark gives the
 * same value on every run, so any change at all is a change of the program. Wall time is noisy and
 * needs a statistical test (E-Divisive) to tell a change from noise.
 *
 * @param name   as the user types it after {@code --metric}
 * @param column the column of {@code vbench_runs} that holds it, or null for a count
 * @param noisy  whether it varies run to run (wall time)
 */
public record Metric(String name, String column, boolean noisy) {
    public static final Metric VIRTUAL_TIME = new Metric("virtual_time_ns", "virtual_time_ns", false);
    public static final Metric CALIBRATED_TIME = new Metric("calibrated_time_ns", "calibrated_time_ns", false);
    public static final Metric WALL_MEDIAN = new Metric("wall_time_median_ns", "wall_time_median_ns", true);
    public static final Metric WALL_MIN = new Metric("wall_time_min_ns", "wall_time_min_ns", true);
    public static final Metric WALL_MAX = new Metric("wall_time_max_ns", "wall_time_max_ns", true);

    /** The metrics with a column of their own, in the order listings show them. */
    public static final List<Metric> FIXED = List.of(VIRTUAL_TIME, CALIBRATED_TIME, WALL_MEDIAN, WALL_MIN, WALL_MAX);

    public Metric {
        Objects.requireNonNull(name, "name");
    }

    /** The metric called {@code name}: one of {@link #FIXED}, else the count of that name. */
    public static Metric named(String name) {
        for (Metric m : FIXED) {
            if (m.name.equals(name)) {
                return m;
            }
        }
        if (name.isBlank()) {
            throw new HistoryException("--metric needs a name, e.g. virtual_time_ns, instructions or wall_time_median_ns");
        }
        return new Metric(name, null, false);
    }

    /** Whether this is a count (stored by name in {@code vbench_counts}). */
    public boolean isCount() {
        return column == null;
    }

    @Override
    public String toString() {
        return name;
    }
}
