package dev.vbench.cli;

import dev.vbench.core.RunOutcome;
import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Host;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.SchedulerStats;
import dev.vbench.reports.model.ThreadCounters;
import dev.vbench.clock.VirtualClock;
import dev.vbench.reports.model.VbenchInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Maps runs to the result schema (reports module) and writes result files. */
final class ResultFiles {
    private ResultFiles() {}

    static void writeRun(Path file, String name, GuestRun.Prepared prepared, List<GuestRun.Completed> runs,
                         boolean identical) throws IOException {
        ResultIO.write(result(prepared, runs.get(0), List.of(benchmark(name, prepared, runs, identical))), file);
    }

    /** A result file's content: the environment of {@code first}'s run and the given benchmarks. */
    static Result result(GuestRun.Prepared prepared, GuestRun.Completed first, List<Benchmark> benchmarks) {
        return Result.of(new VbenchInfo(VersionProvider.version()), environment(prepared, first.outcome()), benchmarks);
    }

    /**
     * One benchmark's entry from its runs (all of the same prepared command): the counts are the
     * first run's; {@code identical} says whether the caller found every run identical.
     */
    static Benchmark benchmark(String name, GuestRun.Prepared prepared, List<GuestRun.Completed> runs,
                               boolean identical) {
        GuestRun.Completed first = runs.get(0);
        RunOutcome o = first.outcome();
        Benchmark.Builder b = Benchmark.builder(name)
                .command(prepared.command())
                .exitStatus(o.shellStatus())
                .virtualTimeNs(o.virtualNanos())
                .counters(counters(prepared, first))
                .syscallsByName(o.syscallsByName())
                .runs(runs.size())
                .deterministic(identical && o.deterministic())
                .processes(o.processes())
                .threads(o.threads())
                .perThread(perThread(prepared, first))
                .scheduler(new SchedulerStats(o.scheduler().turns(), o.scheduler().contextSwitches(),
                        o.scheduler().preemptions()))
                .stdoutSha256(first.stdoutSha256())
                .stderrSha256(first.stderrSha256());
        if (!o.deterministic()) {
            b.deterministicReason(o.nondeterminism());
        } else if (!identical) {
            b.deterministicReason("--verify found the runs differ");
        }
        GuestRun.notes(prepared, first).forEach(b::note);
        return b.build();
    }

    /** The counts the backend measured; a count it does not measure stays null, not 0. */
    static Counters counters(GuestRun.Prepared prepared, GuestRun.Completed run) {
        List<String> names = prepared.counter().backend().countNames();
        long[] t = run.clock().totals();
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        for (int i = 0; i < 3; i++) {
            if (names.get(i) != null) {
                counts.put(names.get(i), t[i]);
            }
        }
        counts.put(Counters.SYSCALLS, run.outcome().syscalls());
        return Counters.of(counts);
    }

    static List<ThreadCounters> perThread(GuestRun.Prepared prepared, GuestRun.Completed run) {
        List<String> names = prepared.counter().backend().countNames();
        return run.clock().threads().stream()
                .sorted(java.util.Comparator.comparingInt(VirtualClock.ThreadWork::vtid))
                .map(w -> {
                    java.util.Map<String, Long> counts = new java.util.HashMap<>();
                    long[] values = {w.instructions(), w.branchesConditional(), w.branchesIndirect()};
                    for (int i = 0; i < 3; i++) {
                        if (names.get(i) != null) {
                            counts.put(names.get(i), values[i]);
                        }
                    }
                    counts.put(Counters.SYSCALLS, w.syscalls());
                    return new ThreadCounters(w.vtid(), Counters.of(counts));
                })
                .toList();
    }

    static Environment environment(GuestRun.Prepared prepared, RunOutcome o) {
        return environment(prepared, o.cpuidVirtualized());
    }

    /**
     * The environment of runs prepared like {@code prepared}, with the platform fingerprint (which
     * runs the platform probe, once per cache key: call it between traced runs, never during one).
     */
    static Environment environment(GuestRun.Prepared prepared, boolean cpuidVirtualized) {
        var c = prepared.config();
        return Environment.builder()
                .counter(prepared.counter().backend().name())
                .counterReason(prepared.counter().reason())
                .model(prepared.model().name())
                .epoch(Instant.ofEpochSecond(0, c.epochNanos()).toString())
                .seed(c.seed())
                .schedSeed(c.schedSeed())
                .cpus(c.cpus())
                .memoryBytes(c.memoryBytes())
                .cpuidVirtualized(cpuidVirtualized)
                .fingerprint(PlatformProbe.fingerprint(prepared))
                .host(new Host(hostCpu(), System.getProperty("os.version")))
                .build();
    }

    private static String hostCpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
