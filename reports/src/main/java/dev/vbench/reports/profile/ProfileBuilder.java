package dev.vbench.reports.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges calling-context trees (one per thread of every process of a benchmark) into one
 * {@link BenchmarkProfile}: nodes reached by the same path of functions become one node, whose
 * calls and costs add up. Functions are the same when their {@link FunctionInfo#key()}s are.
 */
public final class ProfileBuilder {
    private final int width;
    private final List<FunctionInfo> functions = new ArrayList<>();
    private final Map<String, Integer> functionIndex = new HashMap<>();
    private final List<long[]> nodes = new ArrayList<>();
    private final Map<Long, Integer> childIndex = new HashMap<>();

    /** @param width the number of costs per node */
    public ProfileBuilder(int width) {
        this.width = width;
    }

    /** The index of {@code f}, added on first sight. */
    public int function(FunctionInfo f) {
        Integer i = functionIndex.get(f.key());
        if (i == null) {
            i = functions.size();
            functions.add(f);
            functionIndex.put(f.key(), i);
        }
        return i;
    }

    /** The node for function {@code function} under {@code parent} (-1: top level), made on first sight. */
    public int child(int parent, int function) {
        long key = ((long) (parent + 1) << 32) | function;
        Integer i = childIndex.get(key);
        if (i == null) {
            i = nodes.size();
            long[] n = new long[BenchmarkProfile.COSTS + width];
            n[BenchmarkProfile.PARENT] = parent;
            n[BenchmarkProfile.FUNCTION] = function;
            nodes.add(n);
            childIndex.put(key, i);
        }
        return i;
    }

    /** Adds calls and costs to a node. */
    public void add(int node, long calls, long[] costs) {
        long[] n = nodes.get(node);
        n[BenchmarkProfile.CALLS] += calls;
        for (int i = 0; i < width && i < costs.length; i++) {
            n[BenchmarkProfile.COSTS + i] += costs[i];
        }
    }

    /** The sum of every node's costs so far. */
    public long[] sums() {
        long[] s = new long[width];
        for (long[] n : nodes) {
            for (int i = 0; i < width; i++) {
                s[i] += n[BenchmarkProfile.COSTS + i];
            }
        }
        return s;
    }

    public BenchmarkProfile build(String name, long[] totals, int processes, int threads, List<String> notes) {
        return build(name, totals, processes, threads, null, notes);
    }

    public BenchmarkProfile build(String name, long[] totals, int processes, int threads, Map<String, long[]> jit,
                                  List<String> notes) {
        return new BenchmarkProfile(name, totals, processes, threads, functions, nodes, jit, notes);
    }
}
