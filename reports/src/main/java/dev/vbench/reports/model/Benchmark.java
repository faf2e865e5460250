package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One benchmark's outcome. {@code virtualTimeNs} is the number comparisons use; {@code wallTimeNs}
 * is native time for reference and is {@code null} when not measured. {@code deterministic} says
 * whether all {@code runs} agreed; {@code deterministicReason} and {@code notes} say why not.
 * {@code termination} says how the run ended ({@code exited} unless the file says otherwise); a
 * deadlock carries {@code deadlock}, one line per waiting thread. {@code thresholdPct}, when present,
 * is this benchmark's own regression threshold in percent (0.5 means 0.5%), copied from its suite;
 * {@code vbench compare} uses it instead of the global {@code --threshold}.
 *
 * <p>{@code counter}, when present, is the counter backend that measured this benchmark because it
 * differs from the result's {@code environment.counter} (a suite may choose a counter per benchmark);
 * absent means the environment's. {@code suiteIndex} is the benchmark's 0-based position in the
 * suite file that {@code vbench bench} ran, so that {@code vbench merge} can put shards back in the
 * suite's order; absent for results of {@code vbench run}.
 *
 * <p>{@code determinismCheck} says what {@code deterministic} certifies: how many runs were compared
 * and on what, or that a single run met no known source of nondeterminism. {@code inputs} digests
 * what the run read from the host's file system (directories listed, files opened for reading), so
 * results of two runs can be told to have read the same inputs.
 *
 * <p>{@code regions} holds, by name, what the benchmark did inside the regions it marked (absent
 * when it marked none); {@code startupInstructions} the instructions its process images ran before
 * their {@code main} (counted by the valgrind counter; absent otherwise); {@code profile} where its
 * per-function profile is ({@code --attribute}).
 *
 * <p>{@code jmh}, present for benchmarks that {@code vbench jmh} ran, is JMH's own score and the JMH
 * settings; {@code virtualTimeNs} is then the virtual time per JMH operation (see {@link JmhScore}).
 *
 * <p>{@code calibratedTimeNs} is the native time a calibrated model (perf-model) predicts from this
 * benchmark's counts, and {@code calibratedModel} that model's id; both absent when no model for
 * this machine kind and counter was given or shipped. The guest's clocks never see it.
 */
@JsonPropertyOrder({"name", "command", "exit_status", "termination", "deadlock", "virtual_time_ns",
        "calibrated_time_ns", "calibrated_model", "counters", "syscalls_by_name", "emulated_syscalls", "runs", "deterministic",
        "deterministic_reason", "threshold_pct", "wall_time_ns", "stdout_sha256", "stderr_sha256",
        "processes", "threads", "per_thread", "scheduler", "notes", "counter", "suite_index", "determinism_check",
        "inputs", "regions", "startup_instructions", "profile", "jmh"})
public record Benchmark(
        @JsonProperty("name") String name,
        @JsonProperty("command") List<String> command,
        @JsonProperty("exit_status") int exitStatus,
        @JsonProperty("termination") Termination termination,
        @JsonProperty("deadlock") List<String> deadlock,
        @JsonProperty("virtual_time_ns") long virtualTimeNs,
        @JsonProperty("calibrated_time_ns") Long calibratedTimeNs,
        @JsonProperty("calibrated_model") String calibratedModel,
        @JsonProperty("counters") Counters counters,
        @JsonProperty("syscalls_by_name") SortedMap<String, Long> syscallsByName,
        @JsonProperty("emulated_syscalls") Long emulatedSyscalls,
        @JsonProperty("runs") int runs,
        @JsonProperty("deterministic") boolean deterministic,
        @JsonProperty("deterministic_reason") String deterministicReason,
        @JsonProperty("threshold_pct") Double thresholdPct,
        @JsonProperty("wall_time_ns") WallTime wallTimeNs,
        @JsonProperty("stdout_sha256") String stdoutSha256,
        @JsonProperty("stderr_sha256") String stderrSha256,
        @JsonProperty("processes") int processes,
        @JsonProperty("threads") int threads,
        @JsonProperty("per_thread") List<ThreadCounters> perThread,
        @JsonProperty("scheduler") SchedulerStats scheduler,
        @JsonProperty("notes") List<String> notes,
        @JsonProperty("counter") String counter,
        @JsonProperty("suite_index") Integer suiteIndex,
        @JsonProperty("determinism_check") String determinismCheck,
        @JsonProperty("inputs") InputsDigest inputs,
        @JsonProperty("regions") SortedMap<String, Region> regions,
        @JsonProperty("startup_instructions") Long startupInstructions,
        @JsonProperty("profile") ProfileRef profile,
        @JsonProperty("jmh") JmhScore jmh) {

    /** A benchmark without regions, start-up count, profile or JMH score (the fields before they existed). */
    public Benchmark(String name, List<String> command, int exitStatus, Termination termination, List<String> deadlock,
                     long virtualTimeNs, Long calibratedTimeNs, Counters counters, SortedMap<String, Long> syscallsByName,
                     Long emulatedSyscalls, int runs, boolean deterministic, String deterministicReason,
                     Double thresholdPct, WallTime wallTimeNs, String stdoutSha256, String stderrSha256, int processes,
                     int threads, List<ThreadCounters> perThread, SchedulerStats scheduler, List<String> notes,
                     String counter, Integer suiteIndex, String determinismCheck, InputsDigest inputs) {
        this(name, command, exitStatus, termination, deadlock, virtualTimeNs, calibratedTimeNs, null, counters,
                syscallsByName, emulatedSyscalls, runs, deterministic, deterministicReason, thresholdPct, wallTimeNs, stdoutSha256,
                stderrSha256, processes, threads, perThread, scheduler, notes, counter, suiteIndex, determinismCheck,
                inputs, null, null, null, null);
    }

    public Benchmark {
        Objects.requireNonNull(name, "benchmark name is required");
        command = command == null ? List.of() : List.copyOf(command);
        termination = termination == null ? Termination.EXITED : termination;
        deadlock = deadlock == null || deadlock.isEmpty() ? null : List.copyOf(deadlock);
        counters = counters == null ? Counters.NONE : counters;
        // Sorted so that the JSON is byte-identical whatever order the syscalls were first seen in.
        syscallsByName = syscallsByName == null
                ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(syscallsByName));
        perThread = perThread == null ? List.of() : List.copyOf(perThread);
        notes = notes == null ? List.of() : List.copyOf(notes);
        regions = regions == null || regions.isEmpty() ? null : Collections.unmodifiableSortedMap(new TreeMap<>(regions));
    }

    /** The region named {@code name}, or null if the benchmark did not mark it. */
    public Region region(String name) {
        return regions == null ? null : regions.get(name);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding every field of this benchmark, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(name).command(command).exitStatus(exitStatus).termination(termination)
                .deadlock(deadlock).virtualTimeNs(virtualTimeNs).calibratedTimeNs(calibratedTimeNs)
                .calibratedModel(calibratedModel).counters(counters)
                .syscallsByName(syscallsByName).emulatedSyscalls(emulatedSyscalls).runs(runs)
                .deterministic(deterministic).deterministicReason(deterministicReason).thresholdPct(thresholdPct)
                .wallTimeNs(wallTimeNs).stdoutSha256(stdoutSha256).stderrSha256(stderrSha256)
                .processes(processes).threads(threads).perThread(perThread).scheduler(scheduler)
                .counter(counter).suiteIndex(suiteIndex).determinismCheck(determinismCheck).inputs(inputs)
                .regions(regions).startupInstructions(startupInstructions).profile(profile).jmh(jmh);
        notes.forEach(b::note);
        return b;
    }

    /**
     * Many positional arguments are unreadable at a call site; the builder names them. Unset
     * numbers are 0 and unset objects null, exactly as when the field is absent from a file.
     */
    public static final class Builder {
        private final String name;
        private List<String> command = List.of();
        private int exitStatus;
        private Termination termination = Termination.EXITED;
        private List<String> deadlock;
        private long virtualTimeNs;
        private Long calibratedTimeNs;
        private String calibratedModel;
        private Counters counters = Counters.NONE;
        private Map<String, Long> syscallsByName = new TreeMap<>();
        private Long emulatedSyscalls;
        private int runs;
        private boolean deterministic;
        private String deterministicReason;
        private Double thresholdPct;
        private WallTime wallTimeNs;
        private String stdoutSha256;
        private String stderrSha256;
        private int processes;
        private int threads;
        private List<ThreadCounters> perThread = List.of();
        private SchedulerStats scheduler;
        private final List<String> notes = new ArrayList<>();
        private String counter;
        private Integer suiteIndex;
        private String determinismCheck;
        private InputsDigest inputs;
        private SortedMap<String, Region> regions;
        private Long startupInstructions;
        private ProfileRef profile;
        private JmhScore jmh;

        private Builder(String name) {
            this.name = name;
        }

        public Builder command(List<String> v) { command = v; return this; }
        public Builder exitStatus(int v) { exitStatus = v; return this; }
        public Builder termination(Termination v) { termination = v; return this; }
        public Builder deadlock(List<String> v) { deadlock = v; return this; }
        public Builder virtualTimeNs(long v) { virtualTimeNs = v; return this; }
        public Builder calibratedTimeNs(Long v) { calibratedTimeNs = v; return this; }
        public Builder calibratedModel(String v) { calibratedModel = v; return this; }
        public Builder emulatedSyscalls(Long v) { emulatedSyscalls = v; return this; }
        public Builder counters(Counters v) { counters = v; return this; }
        public Builder syscallsByName(Map<String, Long> v) { syscallsByName = v; return this; }
        public Builder runs(int v) { runs = v; return this; }
        public Builder deterministic(boolean v) { deterministic = v; return this; }
        public Builder deterministicReason(String v) { deterministicReason = v; return this; }
        public Builder thresholdPct(Double v) { thresholdPct = v; return this; }
        public Builder wallTimeNs(WallTime v) { wallTimeNs = v; return this; }
        public Builder stdoutSha256(String v) { stdoutSha256 = v; return this; }
        public Builder stderrSha256(String v) { stderrSha256 = v; return this; }
        public Builder processes(int v) { processes = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder perThread(List<ThreadCounters> v) { perThread = v; return this; }
        public Builder scheduler(SchedulerStats v) { scheduler = v; return this; }
        public Builder note(String v) { notes.add(v); return this; }
        public Builder counter(String v) { counter = v; return this; }
        public Builder suiteIndex(Integer v) { suiteIndex = v; return this; }
        public Builder determinismCheck(String v) { determinismCheck = v; return this; }
        public Builder inputs(InputsDigest v) { inputs = v; return this; }
        public Builder regions(Map<String, Region> v) { regions = v == null ? null : new TreeMap<>(v); return this; }
        public Builder startupInstructions(Long v) { startupInstructions = v; return this; }
        public Builder profile(ProfileRef v) { profile = v; return this; }
        public Builder jmh(JmhScore v) { jmh = v; return this; }

        public Benchmark build() {
            return new Benchmark(name, command, exitStatus, termination, deadlock, virtualTimeNs, calibratedTimeNs,
                    calibratedModel,
                    counters, syscallsByName == null ? null : new TreeMap<>(syscallsByName), emulatedSyscalls, runs,
                    deterministic, deterministicReason, thresholdPct, wallTimeNs, stdoutSha256, stderrSha256,
                    processes, threads, perThread, scheduler, notes, counter, suiteIndex, determinismCheck, inputs,
                    regions, startupInstructions, profile, jmh);
        }
    }
}
