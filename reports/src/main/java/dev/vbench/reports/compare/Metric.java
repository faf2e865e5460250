package dev.vbench.reports.compare;

import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a comparison compares: {@code virtual_time} (the default), {@code calibrated_time}, or one
 * count by its name in {@code counters} ({@code instructions}, {@code branches_conditional},
 * {@code syscalls}, an extra perf event such as {@code page-faults}...). Smaller is better for all.
 * A benchmark that did not measure the metric gives {@code null}, never 0.
 */
public final class Metric {
    public static final Metric VIRTUAL_TIME = new Metric("virtual_time", Kind.VIRTUAL_TIME);
    public static final Metric CALIBRATED_TIME = new Metric("calibrated_time", Kind.CALIBRATED_TIME);

    /** Count names as counter backends write them: known names, perf events, tracepoints. */
    private static final Pattern COUNT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

    private enum Kind { VIRTUAL_TIME, CALIBRATED_TIME, COUNT }

    private final String name;
    private final Kind kind;
    /** The region whose value this is ({@code vbench compare --region}), or null for the whole run. */
    private final String region;

    private Metric(String name, Kind kind) {
        this(name, kind, null);
    }

    private Metric(String name, Kind kind, String region) {
        this.name = name;
        this.kind = kind;
        this.region = region;
    }

    /**
     * The same metric measured inside the region {@code regionName} of each benchmark: a benchmark
     * that did not mark the region has not measured it. Virtual time or a count (calibrated
     * time is not kept per region).
     */
    public Metric inRegion(String regionName) {
        if (kind == Kind.CALIBRATED_TIME) {
            throw new IllegalArgumentException("regions have no calibrated time: use virtual_time or a count with --region");
        }
        if (regionName == null || regionName.isEmpty()) {
            throw new IllegalArgumentException("a region needs a name");
        }
        return new Metric(name, kind, regionName);
    }

    /** The region this metric is taken in, or null for the whole run. */
    public String region() {
        return region;
    }

    /** A count in {@code counters}, by its name there. */
    public static Metric count(String name) {
        if (!COUNT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a metric: expected virtual_time, calibrated_time "
                    + "or a count name such as " + String.join(", ", Counters.KNOWN));
        }
        return new Metric(name, Kind.COUNT);
    }

    /**
     * {@code virtual_time} or {@code virtual_time_ns}, {@code calibrated_time} or
     * {@code calibrated_time_ns} (case-insensitive), otherwise a count name (case-sensitive, as in
     * the result file).
     */
    public static Metric parse(String text) {
        String t = text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("virtual_time") || lower.equals("virtual_time_ns")) {
            return VIRTUAL_TIME;
        }
        if (lower.equals("calibrated_time") || lower.equals("calibrated_time_ns")) {
            return CALIBRATED_TIME;
        }
        return count(t);
    }

    /**
     * The name as given to {@code --metric} and written in outputs; in a region,
     * {@code NAME in region 'REGION'}.
     */
    public String name() {
        return region == null ? name : name + " in region '" + region + "'";
    }

    /** True for the two times (nanoseconds), false for counts. */
    public boolean isTime() {
        return kind != Kind.COUNT;
    }

    /** {@code "ns"} for times, {@code "count"} for counts. */
    public String unit() {
        return isTime() ? "ns" : "count";
    }

    /** This metric's value in {@code b}, or null if {@code b} did not measure it. */
    public Long valueOf(Benchmark b) {
        if (region != null) {
            dev.vbench.reports.model.Region r = b.region(region);
            if (r == null) {
                return null;
            }
            return kind == Kind.VIRTUAL_TIME ? Long.valueOf(r.virtualTimeNs()) : r.counters().get(name);
        }
        return switch (kind) {
            case VIRTUAL_TIME -> b.virtualTimeNs();
            case CALIBRATED_TIME -> b.calibratedTimeNs();
            case COUNT -> b.counters().get(name);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metric m && m.name.equals(name) && m.kind == kind && Objects.equals(m.region, region);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, region);
    }

    @Override
    public String toString() {
        return name();
    }
}
