package dev.vbench.reports.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Per function, what changed between two profiles of one benchmark: exclusive and inclusive costs
 * on both sides (a function on one side only has zeros on the other), matched by
 * {@link FunctionInfo#key()}.
 */
public final class ProfileDiff {
    /** One function's costs on both sides, in the profiles' count order. */
    public record FunctionDelta(FunctionInfo function, long[] baseExclusive, long[] newExclusive,
                                long[] baseInclusive, long[] newInclusive) {
        public long[] exclusiveDelta() {
            return minus(newExclusive, baseExclusive);
        }

        public long[] inclusiveDelta() {
            return minus(newInclusive, baseInclusive);
        }
    }

    /**
     * How a cost array is valued for ranking: one count, or virtual time by the profile's prices.
     *
     * @param name the metric's name (a count name or {@code virtual_time})
     * @param unit "count" or "ns"
     */
    public record Valuation(String name, String unit, ToLongFunction<long[]> value) {
        /** {@code virtual_time} (by the new profile's prices) or a count of the profile. */
        public static Valuation of(String metric, Profile profile) {
            if (metric.equals("virtual_time")) {
                return new Valuation(metric, "ns", c -> Math.round(profile.priced(c)));
            }
            int i = profile.countIndex(metric);
            if (i < 0) {
                throw new IllegalArgumentException("the profile has no count '" + metric + "'; it has "
                        + String.join(", ", profile.counts()) + " and virtual_time");
            }
            return new Valuation(metric, "count", c -> i < c.length ? c[i] : 0);
        }
    }

    private ProfileDiff() {}

    /**
     * Every function of either side, the largest change of {@code v}'s exclusive value first, then
     * of its inclusive value, then by name.
     */
    public static List<FunctionDelta> diff(BenchmarkProfile base, BenchmarkProfile now, Valuation v) {
        ProfileAnalysis a = new ProfileAnalysis(base);
        ProfileAnalysis b = new ProfileAnalysis(now);
        int width = Math.max(a.width(), b.width());
        Map<String, FunctionDelta> rows = new LinkedHashMap<>();
        Map<Integer, long[]> ae = a.exclusive();
        Map<Integer, long[]> ai = a.inclusive();
        Map<Integer, long[]> be = b.exclusive();
        Map<Integer, long[]> bi = b.inclusive();
        for (int f = 0; f < now.functions().size(); f++) {
            FunctionInfo fi = now.functions().get(f);
            rows.put(fi.key(), new FunctionDelta(fi, new long[width], orZero(be.get(f), width), new long[width],
                    orZero(bi.get(f), width)));
        }
        for (int f = 0; f < base.functions().size(); f++) {
            FunctionInfo fi = base.functions().get(f);
            FunctionDelta d = rows.get(fi.key());
            long[] ne = d == null ? new long[width] : d.newExclusive();
            long[] ni = d == null ? new long[width] : d.newInclusive();
            rows.put(fi.key(), new FunctionDelta(d == null ? fi : d.function(), orZero(ae.get(f), width), ne,
                    orZero(ai.get(f), width), ni));
        }
        List<FunctionDelta> out = new ArrayList<>(rows.values());
        out.sort(Comparator.comparingLong((FunctionDelta d) -> -Math.abs(v.value().applyAsLong(d.exclusiveDelta())))
                .thenComparingLong(d -> -Math.abs(v.value().applyAsLong(d.inclusiveDelta())))
                .thenComparing(d -> d.function().name())
                .thenComparing(d -> d.function().object()));
        return out;
    }

    private static long[] orZero(long[] a, int width) {
        long[] out = new long[width];
        if (a != null) {
            System.arraycopy(a, 0, out, 0, Math.min(width, a.length));
        }
        return out;
    }

    static long[] minus(long[] a, long[] b) {
        long[] d = new long[Math.max(a.length, b.length)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i < a.length ? a[i] : 0) - (i < b.length ? b[i] : 0);
        }
        return d;
    }
}
