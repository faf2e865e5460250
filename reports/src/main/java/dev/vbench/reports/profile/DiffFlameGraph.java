package dev.vbench.reports.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A differential flame graph of one benchmark (after Brendan Gregg's): the NEW profile's call
 * paths as frames, each as wide as its inclusive value in NEW, stacked by depth, and each carrying
 * how much its inclusive value changed from BASE on the same path (paths matched by the functions'
 * {@link FunctionInfo#key()}s). Frames narrower than {@code minShare} of the total are left out.
 *
 * @param frames {@code [x, width, depth, base, new, name index]} per frame, x and width as fractions
 *     of NEW's total; {@code base} and {@code new} the frame's inclusive values
 * @param names  the frames' labels
 */
public record DiffFlameGraph(String benchmark, String metric, String unit, long baseTotal, long newTotal,
                             List<double[]> frames, List<String> names) {

    public static DiffFlameGraph of(String benchmark, BenchmarkProfile base, BenchmarkProfile now,
                                    ProfileDiff.Valuation v, double minShare) {
        Map<String, Long> baseByPath = new HashMap<>();
        ProfileAnalysis ba = new ProfileAnalysis(base);
        List<String> basePaths = paths(base);
        for (int i = 0; i < base.nodes().size(); i++) {
            baseByPath.merge(basePaths.get(i), v.value().applyAsLong(ba.subtree(i)), Long::sum);
        }
        ProfileAnalysis na = new ProfileAnalysis(now);
        List<String> newPaths = paths(now);
        long newTotal = v.value().applyAsLong(na.total());
        long baseTotal = v.value().applyAsLong(ba.total());
        List<double[]> frames = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<String, Integer> nameIndex = new LinkedHashMap<>();
        if (newTotal <= 0) {
            return new DiffFlameGraph(benchmark, v.name(), v.unit(), baseTotal, newTotal, frames, names);
        }
        // Lay children out left to right within their parent, in node order.
        int n = now.nodes().size();
        double[] x = new double[n];
        double[] nextChildX = new double[n];
        int[] depth = new int[n];
        double topX = 0;
        for (int i = 0; i < n; i++) {
            long value = v.value().applyAsLong(na.subtree(i));
            int p = now.parent(i);
            double width = (double) value / newTotal;
            if (p < 0) {
                x[i] = topX;
                topX += width;
                depth[i] = 0;
            } else {
                x[i] = nextChildX[p];
                nextChildX[p] += width;
                depth[i] = depth[p] + 1;
            }
            nextChildX[i] = x[i];
            if (width < minShare || value <= 0) {
                continue;
            }
            FunctionInfo f = now.functions().get(now.function(i));
            String label = f.name();
            Integer idx = nameIndex.computeIfAbsent(label, l -> {
                names.add(l);
                return names.size() - 1;
            });
            long before = baseByPath.getOrDefault(newPaths.get(i), 0L);
            frames.add(new double[] {x[i], width, depth[i], before, value, idx});
        }
        return new DiffFlameGraph(benchmark, v.name(), v.unit(), baseTotal, newTotal, frames, names);
    }

    /** Each node's path of function keys from the top level. */
    private static List<String> paths(BenchmarkProfile p) {
        List<String> out = new ArrayList<>(p.nodes().size());
        for (int i = 0; i < p.nodes().size(); i++) {
            String key = p.functions().get(p.function(i)).key();
            int parent = p.parent(i);
            out.add(parent < 0 ? key : out.get(parent) + "\u0001" + key);
        }
        return out;
    }
}
