package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What JMH itself reported for one benchmark (one combination of its {@code @Param} values) that
 * {@code vbench jmh} ran, and the JMH settings it ran with. Under vbench JMH reads the guest's
 * clocks, so {@code score} is in virtual time and is the same on every run.
 *
 * <p>{@code virtualTimePerOpNs} is the score as nanoseconds per JMH operation (for a throughput
 * score, its inverse), unrounded; the benchmark's {@code virtual_time_ns} is the same value rounded
 * to whole nanoseconds. In single-shot mode with a batch size, one JMH operation is one batch of
 * {@code batchSize} calls of the benchmark method. {@code rawData} holds the measured iterations'
 * scores in {@code scoreUnit}, in order (one list per fork; one list when JMH did not fork).
 * {@code settings} lists the JMH options vbench passed (its defaults and the user's), in order.
 */
@JsonPropertyOrder({"benchmark", "params", "mode", "score", "score_error", "score_unit", "virtual_time_per_op_ns",
        "batch_size", "warmup_iterations", "warmup_batch_size", "measurement_iterations", "forks", "threads",
        "raw_data", "jvm", "jvm_args", "settings", "jmh_version"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JmhScore(
        @JsonProperty("benchmark") String benchmark,
        @JsonProperty("params") SortedMap<String, String> params,
        @JsonProperty("mode") String mode,
        @JsonProperty("score") double score,
        @JsonProperty("score_error") Double scoreError,
        @JsonProperty("score_unit") String scoreUnit,
        @JsonProperty("virtual_time_per_op_ns") double virtualTimePerOpNs,
        @JsonProperty("batch_size") Integer batchSize,
        @JsonProperty("warmup_iterations") Integer warmupIterations,
        @JsonProperty("warmup_batch_size") Integer warmupBatchSize,
        @JsonProperty("measurement_iterations") Integer measurementIterations,
        @JsonProperty("forks") Integer forks,
        @JsonProperty("threads") Integer threads,
        @JsonProperty("raw_data") List<List<Double>> rawData,
        @JsonProperty("jvm") String jvm,
        @JsonProperty("jvm_args") List<String> jvmArgs,
        @JsonProperty("settings") List<String> settings,
        @JsonProperty("jmh_version") String jmhVersion) {

    public JmhScore {
        params = params == null ? new TreeMap<>() : new TreeMap<>(params);
        rawData = rawData == null ? List.of() : rawData.stream().map(List::copyOf).toList();
        jvmArgs = jvmArgs == null ? List.of() : List.copyOf(jvmArgs);
        settings = settings == null ? List.of() : List.copyOf(settings);
    }

    /**
     * The name vbench gives a benchmark with parameters: {@code pkg.Class.method(a=1,b=x)}, the
     * parameters in name order; the bare JMH name without parameters.
     */
    public static String displayName(String benchmark, Map<String, String> params) {
        if (params == null || params.isEmpty()) {
            return benchmark;
        }
        StringBuilder s = new StringBuilder(benchmark).append('(');
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            s.append(first ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
            first = false;
        }
        return s.append(')').toString();
    }
}
