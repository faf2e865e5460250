package dev.vbench.reports.variance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vbench.reports.model.WallTime;
import java.util.List;
import java.util.Map;

/**
 * One {@code vbench variance} study (schema {@code vbench.variance/1}): a command run under
 * {@code seeds} scheduler seeds from {@code firstSeed}, the distribution of its virtual time and of
 * each count over them, its fastest and slowest seeds with the command that replays each and whether
 * the replay was identical, native wall time for reference, and for JVM guests what their JIT, GC
 * and safepoint logs show differently between the fastest and the slowest seed.
 */
@JsonPropertyOrder({"schema", "command", "counter", "chaos", "first_seed", "seeds", "distributions", "fastest", "slowest",
        "runs", "wall_time_ns", "jvm", "notes"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VarianceReport(
        @JsonProperty("schema") String schema,
        @JsonProperty("command") List<String> command,
        @JsonProperty("counter") String counter,
        @JsonProperty("chaos") boolean chaos,
        @JsonProperty("first_seed") long firstSeed,
        @JsonProperty("seeds") int seeds,
        @JsonProperty("distributions") Map<String, Distribution> distributions,
        @JsonProperty("fastest") Extreme fastest,
        @JsonProperty("slowest") Extreme slowest,
        @JsonProperty("runs") List<SeedRun> runs,
        @JsonProperty("wall_time_ns") WallTime wallTimeNs,
        @JsonProperty("jvm") JvmComparison jvm,
        @JsonProperty("notes") List<String> notes) {

    public static final String SCHEMA = "vbench.variance/1";
    /** The metric of {@link #distributions} that is virtual time; the others are counts by name. */
    public static final String VIRTUAL_TIME = "virtual_time_ns";

    public VarianceReport {
        command = List.copyOf(command);
        runs = List.copyOf(runs);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** One seed's run. {@code jvm} is its JVM logs' summary, with --jvm-logs. */
    @JsonPropertyOrder({"seed", "virtual_time_ns", "counts", "exit_status", "termination", "deterministic", "stdout_sha256",
            "jvm"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SeedRun(
            @JsonProperty("seed") long seed,
            @JsonProperty("virtual_time_ns") long virtualTimeNs,
            @JsonProperty("counts") Map<String, Long> counts,
            @JsonProperty("exit_status") int exitStatus,
            @JsonProperty("termination") String termination,
            @JsonProperty("deterministic") boolean deterministic,
            @JsonProperty("stdout_sha256") String stdoutSha256,
            @JsonProperty("jvm") JvmSummary jvm) {}

    /**
     * The fastest or slowest seed: the exact command that replays it, and what a replay by vbench
     * itself showed ({@code replayDifferences} empty: identical in every count, output and virtual time).
     */
    @JsonPropertyOrder({"seed", "virtual_time_ns", "replay_command", "replay_identical", "replay_differences"})
    public record Extreme(
            @JsonProperty("seed") long seed,
            @JsonProperty("virtual_time_ns") long virtualTimeNs,
            @JsonProperty("replay_command") String replayCommand,
            @JsonProperty("replay_identical") boolean replayIdentical,
            @JsonProperty("replay_differences") List<String> replayDifferences) {}

    /** True when every replay was identical and every run exited 0 on its own. */
    public boolean passed() {
        return fastest.replayIdentical() && slowest.replayIdentical()
                && runs.stream().allMatch(r -> r.exitStatus() == 0 && r.termination().equals("exited"));
    }
}
