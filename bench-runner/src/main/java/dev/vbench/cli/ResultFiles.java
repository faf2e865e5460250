package dev.vbench.cli;

import dev.vbench.clock.Counts;
import dev.vbench.clock.VirtualClock;
import dev.vbench.core.run.RunOutcome;
import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Host;
import dev.vbench.reports.model.InputsDigest;
import dev.vbench.reports.model.Region;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.SchedulerStats;
import dev.vbench.reports.model.Termination;
import dev.vbench.reports.model.ThreadCounters;
import dev.vbench.reports.model.VbenchInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps runs to the result schema (reports module) and writes result files. */
final class ResultFiles {
    private ResultFiles() {}

    static void writeRun(Path file, String name, GuestRun.Prepared prepared, List<GuestRun.Completed> runs,
                         boolean identical) throws IOException {
        ResultIO.write(result(prepared, runs.get(0), List.of(benchmark(name, prepared, runs, identical))), file);
    }

    /**
     * Writes a result file atomically; a failure (a full disk, a directory that went away, a
     * permission) is one line naming the option and the file, exit {@code exitCode}, never a stack
     * trace. The old file, if any, is left as it was.
     */
    static void write(Result result, Path file, String option, int exitCode) {
        try {
            ResultIO.write(result, file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError(exitCode, option + " " + file + ": no such directory " + file.toAbsolutePath().getParent());
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UserError(exitCode, option + " " + file + ": cannot write it: permission denied");
        } catch (IOException e) {
            throw new UserError(exitCode, option + " " + file + ": cannot write it: " + e.getMessage());
        }
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
        RunOutcome.SchedulerCounts s = o.scheduler();
        Benchmark.Builder b = Benchmark.builder(name)
                .command(prepared.command())
                .exitStatus(o.shellStatus())
                .termination(termination(o.termination()))
                .deadlock(o.deadlock())
                .virtualTimeNs(o.virtualNanos())
                .counters(counters(first))
                .syscallsByName(o.syscallsByName())
                .emulatedSyscalls(o.emulatedSyscalls())
                .runs(runs.size())
                .deterministic(identical && o.deterministic())
                .processes(o.processes())
                .threads(o.threads())
                .perThread(perThread(first))
                .scheduler(new SchedulerStats(s.turns(), s.contextSwitches(), s.preemptions(), s.watchdogPreemptions(),
                        s.spinYields()))
                .stdoutSha256(first.stdoutSha256())
                .stderrSha256(first.stderrSha256());
        if (!o.deterministic()) {
            b.deterministicReason(o.nondeterminism());
        } else if (!identical) {
            b.deterministicReason("the runs differ");
        }
        b.determinismCheck(runs.size() > 1
                ? runs.size() + " runs compared: stdout, stderr, exit status, every count, the order of the system calls,"
                        + " virtual time and the inputs read"
                : "one run: no known source of nondeterminism was met (not compared with another run)");
        b.inputs(new InputsDigest(o.inputs().digest(), o.inputs().directories(), o.inputs().files()));
        for (String hidden : o.inputs().hidden()) {
            b.note("vbench's output " + hidden + " lies in a directory the guest listed: it was hidden from the guest,"
                    + " so its presence does not change the run");
        }
        GuestRun.notes(prepared, first).forEach(b::note);
        regions(b, prepared, first);
        return b.build();
    }

    /** The regions the guest marked, each priced by the run's cost model, and its start-up instructions. */
    static void regions(Benchmark.Builder b, GuestRun.Prepared prepared, GuestRun.Completed run) {
        var recorder = run.clock().regions();
        Map<String, Region> regions = new java.util.TreeMap<>();
        recorder.regions().forEach((name, t) -> {
            double nanos = 0;
            for (Map.Entry<String, Long> e : t.counts().entrySet()) {
                nanos += e.getValue() * prepared.model().nanosPer(e.getKey());
            }
            regions.put(name, new Region(t.entries(), (long) nanos, Counters.of(measured(t.counts(), run))));
        });
        b.regions(regions);
        b.startupInstructions(recorder.startupInstructions());
        recorder.notes().forEach(b::note);
    }

    static Termination termination(RunOutcome.Termination t) {
        return switch (t) {
            case GUEST_EXITED -> Termination.EXITED;
            case TIMED_OUT -> Termination.TIMED_OUT;
            case INTERRUPTED -> Termination.INTERRUPTED;
            case DEADLOCK -> Termination.DEADLOCK;
        };
    }

    /**
     * What the run counted, by name: the counter backend's counts, the guest's system calls as the
     * supervisor (or Valgrind's syscall wrapper) saw them, also by class, the trapped instructions
     * and the virtual time slept. A count the backend does not measure is absent, not 0 (bytes and
     * pages come from vbcount only).
     */
    static Counters counters(GuestRun.Completed run) {
        Map<String, Long> counts = new LinkedHashMap<>(run.clock().totals());
        counts.put(Counts.SYSCALLS, run.outcome().syscalls());
        counts.put(Counts.TRAPS, run.outcome().traps());
        counts.putAll(run.outcome().syscallsByClass());
        counts.put(Counts.SLEEP_NS, run.clock().sleptNanos());
        counts.keySet().removeAll(run.unmeasured());
        return Counters.of(counts);
    }

    private static Map<String, Long> measured(Map<String, Long> counts, GuestRun.Completed run) {
        Map<String, Long> out = new LinkedHashMap<>(counts);
        out.keySet().removeAll(run.unmeasured());
        return out;
    }

    static List<ThreadCounters> perThread(GuestRun.Completed run) {
        return run.clock().threads().stream()
                .sorted(Comparator.comparingInt(VirtualClock.ThreadWork::vtid))
                .map(w -> new ThreadCounters(w.vtid(), Counters.of(measured(w.counts(), run))))
                .toList();
    }

    static Environment environment(GuestRun.Prepared prepared, RunOutcome o) {
        return environment(prepared, o.cpuidVirtualized(), o.rdtscVirtualized());
    }

    /**
     * The environment of runs prepared like {@code prepared}, with the platform fingerprint (which
     * runs the platform probe, once per cache key: call it between traced runs, never during one).
     */
    static Environment environment(GuestRun.Prepared prepared, boolean cpuidVirtualized, boolean rdtscVirtualized) {
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
                .rdtscVirtualized(rdtscVirtualized || prepared.counter().backend().virtualizesTsc())
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
