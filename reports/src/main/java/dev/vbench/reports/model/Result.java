package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One result file: who produced it, on what machine, and one entry per benchmark. {@code suite}
 * says which suite (and shard of it) {@code vbench bench} ran; it is absent for {@code vbench run}.
 */
@JsonPropertyOrder({"schema", "vbench", "environment", "suite", "benchmarks"})
public record Result(
        @JsonProperty("schema") String schema,
        @JsonProperty("vbench") VbenchInfo vbench,
        @JsonProperty("environment") Environment environment,
        @JsonProperty("suite") SuiteInfo suite,
        @JsonProperty("benchmarks") List<Benchmark> benchmarks) {

    /** The schema this code writes. Readers accept any {@code vbench.result/1.N}. */
    public static final String SCHEMA = "vbench.result/1";

    public Result {
        Objects.requireNonNull(schema, "schema is required");
        Objects.requireNonNull(vbench, "vbench is required");
        Objects.requireNonNull(environment, "environment is required");
        benchmarks = benchmarks == null ? List.of() : List.copyOf(benchmarks);
    }

    /** A result that did not come from a suite. */
    public Result(String schema, VbenchInfo vbench, Environment environment, List<Benchmark> benchmarks) {
        this(schema, vbench, environment, null, benchmarks);
    }

    /** A result in the current schema. */
    public static Result of(VbenchInfo vbench, Environment environment, List<Benchmark> benchmarks) {
        return new Result(SCHEMA, vbench, environment, null, benchmarks);
    }

    /** A result of a suite run, in the current schema. */
    public static Result of(VbenchInfo vbench, Environment environment, SuiteInfo suite, List<Benchmark> benchmarks) {
        return new Result(SCHEMA, vbench, environment, suite, benchmarks);
    }
}
