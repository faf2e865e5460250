package dev.vbench.reports.profile;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One benchmark's calling-context tree. {@code functions} are the functions met; {@code nodes} the
 * tree, parents before children, each {@code [parent, function, calls, cost...]} with parent -1
 * for a top-level node (a thread's first function) and the costs in {@link Profile#counts()}
 * order: the node's own (exclusive) costs on that call path. {@code totals} are the counter's
 * totals over the same runs: the nodes' costs add up to them exactly (a note says otherwise).
 * {@code jit} names, where a JVM wrote its perf map ({@code -XX:+DumpPerfMapAtExit}), the
 * exclusive costs of code without a symbol by the JIT-compiled method (or JVM stub) at its address;
 * absent otherwise.
 */
@JsonPropertyOrder({"name", "totals", "processes", "threads", "functions", "nodes", "jit", "notes"})
public record BenchmarkProfile(
        @JsonProperty("name") String name,
        @JsonProperty("totals") long[] totals,
        @JsonProperty("processes") int processes,
        @JsonProperty("threads") int threads,
        @JsonProperty("functions") List<FunctionInfo> functions,
        @JsonProperty("nodes") List<long[]> nodes,
        @JsonProperty("jit") java.util.Map<String, long[]> jit,
        @JsonProperty("notes") List<String> notes) {

    public BenchmarkProfile(String name, long[] totals, int processes, int threads, List<FunctionInfo> functions,
                            List<long[]> nodes, List<String> notes) {
        this(name, totals, processes, threads, functions, nodes, null, notes);
    }

    /** Fixed fields of a node array before its costs. */
    public static final int PARENT = 0, FUNCTION = 1, CALLS = 2, COSTS = 3;

    public BenchmarkProfile {
        Objects.requireNonNull(name, "a benchmark profile needs a name");
        totals = totals == null ? new long[0] : totals.clone();
        functions = functions == null ? List.of() : List.copyOf(functions);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        notes = notes == null ? List.of() : List.copyOf(notes);
        jit = jit == null || jit.isEmpty() ? null : new java.util.TreeMap<>(jit);
        for (int i = 0; i < nodes.size(); i++) {
            long[] n = nodes.get(i);
            if (n == null || n.length < COSTS || n[PARENT] < -1 || n[PARENT] >= i || n[FUNCTION] < 0
                    || n[FUNCTION] >= functions.size()) {
                throw new IllegalArgumentException("node " + i + " of benchmark '" + name
                        + "' is not [parent before it or -1, function index, calls, costs...]");
            }
        }
    }

    /** The node's costs (a copy). */
    @JsonIgnore
    public long[] costs(int node) {
        long[] n = nodes.get(node);
        long[] c = new long[n.length - COSTS];
        System.arraycopy(n, COSTS, c, 0, c.length);
        return c;
    }

    public int parent(int node) {
        return (int) nodes.get(node)[PARENT];
    }

    public int function(int node) {
        return (int) nodes.get(node)[FUNCTION];
    }
}
