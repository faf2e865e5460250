package dev.vbench.reports.merge;

import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.SuiteInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Joins the results of the shards of one suite run ({@code vbench bench --shard K/N}) into one
 * result whose {@code benchmarks} are, byte for byte, those of an unsharded run: each shard ran its
 * benchmarks exactly as the whole suite would have, and the entries go back into the suite's order
 * by their {@code suite_index}.
 *
 * <p>Refused (with a message naming the inputs): a result that did not come from {@code vbench
 * bench}; results of different suite files (content), filters or splits; a shard given twice or
 * missing; results measured on different virtual machines (environment other than the host, which
 * is informative only) or by different vbench versions; a benchmark present twice.
 */
public final class ResultMerge {

    /** A result and where it came from (a file name), for messages. */
    public record Input(String source, Result result) {
        public Input {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(result, "result");
        }
    }

    private ResultMerge() {}

    public static Result merge(List<Input> inputs) throws MergeException {
        if (inputs.isEmpty()) {
            throw new MergeException("nothing to merge");
        }
        for (Input in : inputs) {
            if (in.result().suite() == null) {
                throw new MergeException(in.source() + ": not the result of a suite run (vbench bench); it has no \"suite\"");
            }
        }
        Input first = inputs.get(0);
        SuiteInfo suite = first.result().suite();
        for (Input in : inputs.subList(1, inputs.size())) {
            SuiteInfo s = in.result().suite();
            if (!s.sha256().equals(suite.sha256()) || s.benchmarks() != suite.benchmarks()) {
                throw new MergeException(in.source() + " and " + first.source() + " ran different suites ("
                        + s.file() + " " + abbreviate(s.sha256()) + ", " + suite.file() + " " + abbreviate(suite.sha256()) + ")");
            }
            if (!Objects.equals(s.filter(), suite.filter())) {
                throw new MergeException(in.source() + " and " + first.source() + " ran different filters ("
                        + describeFilter(s.filter()) + ", " + describeFilter(suite.filter()) + ")");
            }
            if (!in.result().vbench().equals(first.result().vbench())) {
                throw new MergeException(in.source() + " and " + first.source() + " come from different vbench versions ("
                        + in.result().vbench().version() + ", " + first.result().vbench().version() + ")");
            }
            String difference = environmentDifference(in.result().environment(), first.result().environment());
            if (difference != null) {
                throw new MergeException(in.source() + " and " + first.source()
                        + " were measured in different environments: " + difference);
            }
        }
        List<Input> ordered = checkShards(inputs);
        List<Benchmark> benchmarks = new ArrayList<>();
        Map<String, String> sourceByName = new HashMap<>();
        Map<Integer, String> sourceByIndex = new HashMap<>();
        for (Input in : ordered) {
            for (Benchmark b : in.result().benchmarks()) {
                String other = sourceByName.putIfAbsent(b.name(), in.source());
                if (other != null) {
                    throw new MergeException("benchmark \"" + b.name() + "\" is in both " + other + " and " + in.source());
                }
                if (b.suiteIndex() == null) {
                    throw new MergeException(in.source() + ": benchmark \"" + b.name() + "\" has no suite_index");
                }
                String sameIndex = sourceByIndex.putIfAbsent(b.suiteIndex(), in.source() + " (\"" + b.name() + "\")");
                if (sameIndex != null) {
                    throw new MergeException(in.source() + ": benchmark \"" + b.name() + "\" has suite_index "
                            + b.suiteIndex() + ", as does " + sameIndex);
                }
                benchmarks.add(b);
            }
        }
        benchmarks.sort(Comparator.comparingInt(Benchmark::suiteIndex));
        Result base = ordered.get(0).result();
        return Result.of(base.vbench(), base.environment(), suite.unsharded(), benchmarks);
    }

    /**
     * Either a single unsharded result, or shards 1..N of one N, each once. Returns the inputs in
     * shard order.
     */
    private static List<Input> checkShards(List<Input> inputs) throws MergeException {
        TreeMap<Integer, Input> byIndex = new TreeMap<>();
        Integer count = null;
        for (Input in : inputs) {
            String shard = in.result().suite().shard();
            if (shard == null) {
                if (inputs.size() > 1) {
                    throw new MergeException(in.source() + " holds the whole suite, not a shard; merging it with "
                            + "other results would repeat its benchmarks");
                }
                return inputs;
            }
            int[] kn = parseShard(shard, in.source());
            if (count != null && kn[1] != count) {
                throw new MergeException(in.source() + " is shard " + shard + " but " + byIndex.firstEntry().getValue().source()
                        + " is shard " + byIndex.firstEntry().getValue().result().suite().shard()
                        + ": shards of different splits");
            }
            count = kn[1];
            Input twice = byIndex.putIfAbsent(kn[0], in);
            if (twice != null) {
                throw new MergeException(in.source() + " and " + twice.source() + " are both shard " + shard);
            }
        }
        List<String> missing = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            if (!byIndex.containsKey(k)) {
                missing.add(k + "/" + count);
            }
        }
        if (!missing.isEmpty()) {
            throw new MergeException("shard" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + (missing.size() > 1 ? " are" : " is") + " missing; the merged result would lack "
                    + (missing.size() > 1 ? "their" : "its") + " benchmarks");
        }
        return new ArrayList<>(byIndex.values());
    }

    private static int[] parseShard(String shard, String source) throws MergeException {
        int slash = shard.indexOf('/');
        try {
            int k = Integer.parseInt(shard.substring(0, slash));
            int n = Integer.parseInt(shard.substring(slash + 1));
            if (k >= 1 && k <= n) {
                return new int[] {k, n};
            }
        } catch (RuntimeException e) {
            // fall through
        }
        throw new MergeException(source + ": malformed shard \"" + shard + "\" (expected K/N)");
    }

    /** What differs between two environments other than the host, or null. */
    static String environmentDifference(Environment a, Environment b) {
        List<String> out = new ArrayList<>();
        diff("counter", a.counter(), b.counter(), out);
        diff("model", a.model(), b.model(), out);
        diff("epoch", a.epoch(), b.epoch(), out);
        diff("seed", a.seed(), b.seed(), out);
        diff("sched_seed", a.schedSeed(), b.schedSeed(), out);
        diff("cpus", a.cpus(), b.cpus(), out);
        diff("memory_bytes", a.memoryBytes(), b.memoryBytes(), out);
        diff("cpuid_virtualized", a.cpuidVirtualized(), b.cpuidVirtualized(), out);
        diff("rdtsc_virtualized", a.rdtscVirtualized(), b.rdtscVirtualized(), out);
        diff("fingerprint", a.fingerprint(), b.fingerprint(), out);
        return out.isEmpty() ? null : String.join("; ", out);
    }

    private static void diff(String field, Object a, Object b, List<String> out) {
        if (!Objects.equals(a, b)) {
            out.add(field + " " + a + " vs " + b);
        }
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    private static String describeFilter(String filter) {
        return filter == null ? "none" : "'" + filter + "'";
    }
}
