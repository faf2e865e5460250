package dev.vbench.reports.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a calling-context tree says per function. Exclusive costs: the sum of the function's nodes'
 * own costs. Inclusive costs: everything that ran while the function was on the stack, counted once
 * however deep it recursed (the subtrees of its nodes that have no ancestor of the same function).
 * Call edges: per caller and callee function, the calls and the callee's inclusive cost on those
 * paths (as callgrind's {@code calls=} lines).
 */
public final class ProfileAnalysis {
    /** A call edge between two functions (indices into the profile's functions). */
    public record Edge(int caller, int callee, long calls, long[] inclusive) {}

    private final BenchmarkProfile profile;
    private final int width;
    private final long[][] subtree;

    public ProfileAnalysis(BenchmarkProfile profile) {
        this.profile = profile;
        int n = profile.nodes().size();
        this.width = n == 0 ? profile.totals().length : profile.nodes().get(0).length - BenchmarkProfile.COSTS;
        this.subtree = new long[n][];
        for (int i = 0; i < n; i++) {
            subtree[i] = profile.costs(i);
        }
        for (int i = n - 1; i >= 0; i--) { // children come after their parents
            int p = profile.parent(i);
            if (p >= 0) {
                for (int k = 0; k < width; k++) {
                    subtree[p][k] += subtree[i][k];
                }
            }
        }
    }

    public int width() {
        return width;
    }

    /** The costs of node {@code i} and everything below it. */
    public long[] subtree(int i) {
        return subtree[i].clone();
    }

    /** Exclusive costs by function index. */
    public Map<Integer, long[]> exclusive() {
        Map<Integer, long[]> out = new LinkedHashMap<>();
        for (int i = 0; i < profile.nodes().size(); i++) {
            add(out, profile.function(i), profile.costs(i));
        }
        return out;
    }

    /** Inclusive costs by function index. */
    public Map<Integer, long[]> inclusive() {
        Map<Integer, long[]> out = new LinkedHashMap<>();
        for (int i = 0; i < profile.nodes().size(); i++) {
            int f = profile.function(i);
            boolean outermost = true;
            for (int p = profile.parent(i); p >= 0; p = profile.parent(p)) {
                if (profile.function(p) == f) {
                    outermost = false;
                    break;
                }
            }
            if (outermost) {
                add(out, f, subtree[i]);
            }
        }
        return out;
    }

    /** Call edges, in the order first met. */
    public List<Edge> edges() {
        Map<Long, Edge> edges = new LinkedHashMap<>();
        for (int i = 0; i < profile.nodes().size(); i++) {
            int p = profile.parent(i);
            if (p < 0) {
                continue;
            }
            long key = ((long) profile.function(p) << 32) | profile.function(i);
            Edge e = edges.get(key);
            long calls = profile.nodes().get(i)[BenchmarkProfile.CALLS];
            long[] incl = e == null ? new long[width] : e.inclusive();
            for (int k = 0; k < width; k++) {
                incl[k] += subtree[i][k];
            }
            edges.put(key, new Edge(profile.function(p), profile.function(i), (e == null ? 0 : e.calls()) + calls, incl));
        }
        return new ArrayList<>(edges.values());
    }

    /** The sum of all nodes' costs. */
    public long[] total() {
        long[] t = new long[width];
        for (int i = 0; i < profile.nodes().size(); i++) {
            if (profile.parent(i) < 0) {
                for (int k = 0; k < width; k++) {
                    t[k] += subtree[i][k];
                }
            }
        }
        return t;
    }

    private void add(Map<Integer, long[]> out, int f, long[] costs) {
        long[] a = out.computeIfAbsent(f, x -> new long[width]);
        for (int k = 0; k < width; k++) {
            a[k] += costs[k];
        }
    }

    /** Function index by key, for matching two profiles. */
    static Map<String, Integer> byKey(BenchmarkProfile p) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < p.functions().size(); i++) {
            m.putIfAbsent(p.functions().get(i).key(), i);
        }
        return m;
    }
}
