package dev.vbench.cli;

import dev.vbench.cli.bench.NativeCommand;
import dev.vbench.cli.bench.Progress;
import dev.vbench.cli.bench.WallSamples;
import dev.vbench.cli.suite.Suite;
import dev.vbench.cli.suite.SuiteBenchmark;
import dev.vbench.clock.CounterSelection;
import dev.vbench.core.run.HostEnvironment;
import dev.vbench.core.run.RunOutcome;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.SuiteInfo;
import dev.vbench.reports.model.Termination;
import dev.vbench.reports.model.VbenchInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs benchmarks of a suite into one result (the engine of {@code vbench bench} and of the demo).
 *
 * <p>Per benchmark, in suite order: its setup natively, then {@code repeat} determinized runs with
 * captured output, each compared with the first (stdout, stderr, exit status, every count, system
 * calls by name and their order: {@link Verification#differences} plus the counters). The entry
 * carries the first run's counts; runs that differ make it {@code deterministic: false} with what
 * differed, and nothing is averaged. With wall-time runs, each benchmark is then also run natively,
 * in rounds over the whole suite (every benchmark once per round, in an order shuffled with a fixed
 * seed), after all traced runs: a native run never overlaps a traced one.
 *
 * <p>Everything runs on the calling thread, one process at a time.
 */
final class SuiteRunner {
    /** Seed of the order of benchmarks within each wall-time round. */
    static final long WALL_ORDER_SEED = 0x5EED_0F_BE4CL;
    private static final int SETUP_OUTPUT_LINES = 40;

    /**
     * How to run the suite, beyond the suite file.
     *
     * @param options   the command line's guest options (seed, epoch, cpus, --env ...)
     * @param counterFromCommandLine  --counter was given: it overrides the suite's counters
     * @param timeoutFromCommandLine  --timeout was given: it overrides the suite's timeouts
     * @param repeat    overrides every benchmark's repeat when not null
     * @param wallRuns  native runs per benchmark (0: none)
     * @param output    the result file being made, hidden from the guests' directory listings (null: none)
     */
    record Settings(GuestOptions options, boolean counterFromCommandLine, boolean timeoutFromCommandLine,
                    Integer repeat, int wallRuns, Path output, boolean attribute) {
        Settings(GuestOptions options, boolean counterFromCommandLine, boolean timeoutFromCommandLine,
                 Integer repeat, int wallRuns, Path output) {
            this(options, counterFromCommandLine, timeoutFromCommandLine, repeat, wallRuns, output, false);
        }
    }

    /**
     * What the run produced: the result, whether every benchmark passed, whether it was cut short,
     * and with {@code attribute} the benchmarks' profiles (and the cost model that prices them).
     */
    record Outcome(Result result, boolean allPassed, boolean interrupted,
                   List<dev.vbench.reports.profile.BenchmarkProfile> profiles, dev.vbench.clock.CostModel model) {
        Outcome(Result result, boolean allPassed, boolean interrupted) {
            this(result, allPassed, interrupted, List.of(), null);
        }
    }

    /** A benchmark's state between its traced runs and its wall-time rounds. */
    private static final class Entry {
        final SuiteBenchmark spec;
        Benchmark benchmark;
        GuestRun.Prepared prepared;
        final WallSamples wall = new WallSamples();
        int nativeFailures;
        String nativeFailure;
        dev.vbench.reports.profile.BenchmarkProfile profile;

        Entry(SuiteBenchmark spec) {
            this.spec = spec;
        }
    }

    private final Suite suite;
    private final Settings settings;
    private final Progress progress;
    /** The backend name each counter choice resolves to (auto: valgrind or perf or none). */
    private final Map<String, String> backendNames = new HashMap<>();
    /** Counts the calibrated model prices, which the traced runs must give (set by run). */
    private List<String> simulatedCounts = List.of();

    SuiteRunner(Suite suite, Settings settings, Progress progress) {
        this.suite = suite;
        this.settings = settings;
        this.progress = progress;
    }

    /** How many progress steps {@link #run} makes for these benchmarks. */
    static long steps(List<SuiteBenchmark> selected, Settings settings) {
        long steps = 0;
        for (SuiteBenchmark b : selected) {
            steps += repeat(b, settings) + settings.wallRuns() + (b.setup() != null ? 1 : 0);
        }
        return steps;
    }

    private static int repeat(SuiteBenchmark b, Settings settings) {
        return settings.repeat() != null ? settings.repeat() : b.repeat();
    }

    /**
     * Checks what can be checked before anything runs: the command line's guest options and every
     * counter the selected benchmarks ask for.
     *
     * @throws UserError (exit 2) naming the benchmark when a counter is unavailable or an option is bad
     */
    GuestRun.Prepared check(List<SuiteBenchmark> selected) {
        GuestRun.Prepared environment;
        try {
            // The environment describes the suite's defaults; the command only has to exist.
            environment = prepare(environmentOptions(), List.of("/bin/sh"), null);
        } catch (CommandResolver.Unrunnable e) {
            throw new IllegalStateException("/bin/sh cannot be run: " + e.getMessage(), e);
        }
        Set<String> counters = new LinkedHashSet<>();
        for (SuiteBenchmark b : selected) {
            String counter = optionsFor(b).counter;
            if (counters.add(counter)) {
                try {
                    backendNames.put(counter, CounterSelection.select(CounterSelection.Choice.parse(counter),
                            settings.options().perfEvents).backend().name());
                } catch (CounterSelection.Unavailable | IllegalArgumentException e) {
                    throw new UserError(suite.file() + ": benchmark \"" + b.name() + "\": counter \"" + counter + "\": "
                            + e.getMessage());
                }
            }
        }
        return environment;
    }

    /** Runs {@code selected} (in suite order) and builds the result; {@code info} names the suite part. */
    Outcome run(List<SuiteBenchmark> selected, SuiteInfo info) throws IOException, InterruptedException {
        return run(selected, info, List.of());
    }

    /**
     * As {@link #run(List, SuiteInfo)}, counting {@code simulatedCounts} too where the counter must
     * simulate to give them (what the calibrated model that prices the result needs).
     */
    Outcome run(List<SuiteBenchmark> selected, SuiteInfo info, java.util.Collection<String> simulatedCounts)
            throws IOException, InterruptedException {
        this.simulatedCounts = List.copyOf(simulatedCounts);
        GuestRun.Prepared envPrepared = check(selected);
        String envCounter = envPrepared.counter().backend().name();
        // The probe (a traced run) and the fingerprint come first, between no other runs.
        Environment environment = ResultFiles.environment(envPrepared, PlatformProbe.cpuidVirtualized(envCounter),
                PlatformProbe.rdtscVirtualized(envCounter));
        List<Entry> entries = new ArrayList<>();
        for (SuiteBenchmark b : selected) {
            Entry e = new Entry(b);
            entries.add(e);
            boolean interrupted = runTraced(e, envCounter);
            progress.println(summaryLine(e.benchmark));
            if (interrupted) {
                return new Outcome(null, false, true);
            }
        }
        if (settings.wallRuns() > 0) {
            runWallRounds(entries);
        }
        List<Benchmark> benchmarks = new ArrayList<>();
        boolean allPassed = true;
        for (Entry e : entries) {
            Benchmark b = e.benchmark;
            if (e.wall.count() > 0) {
                Benchmark.Builder builder = b.toBuilder().wallTimeNs(e.wall.summary());
                if (e.nativeFailures > 0) {
                    builder.note(e.nativeFailures + " of " + e.wall.count() + " native runs failed (" + e.nativeFailure + ")");
                }
                b = builder.build();
            }
            benchmarks.add(b);
            allPassed &= passed(b);
        }
        Result result = Result.of(new VbenchInfo(VersionProvider.version()), environment, info, benchmarks);
        List<dev.vbench.reports.profile.BenchmarkProfile> profiles = new ArrayList<>();
        for (Entry e : entries) {
            if (e.profile != null) {
                profiles.add(e.profile);
            }
        }
        return new Outcome(result, allPassed, false, profiles, envPrepared.model());
    }

    /** Ran to its end, every run identical, exit status 0. */
    static boolean passed(Benchmark b) {
        return b.runs() > 0 && b.deterministic() && b.exitStatus() == 0 && b.termination() == Termination.EXITED;
    }

    /** @return true if vbench was interrupted (the suite stops) */
    private boolean runTraced(Entry e, String envCounter) throws IOException, InterruptedException {
        SuiteBenchmark b = e.spec;
        GuestOptions options = optionsFor(b);
        String backend = backendNames.getOrDefault(options.counter, options.counter);
        String counterField = backend.equals(envCounter) ? null : backend;
        if (b.setup() != null) {
            progress.begin(b.name() + ": setup");
            Map<String, String> env = new LinkedHashMap<>(HostEnvironment.get());
            env.putAll(b.env());
            NativeCommand.Outcome setup = NativeCommand.run(b.setup(), b.cwd(), env, true, null);
            progress.done();
            if (!setup.succeeded()) {
                Benchmark.Builder failed = failed(b, counterField, setup.exitStatus(),
                        "not run: its setup failed (" + setup.describe(null) + ")");
                List<String> lines = setup.output().lines().toList();
                List<String> tail = lines.subList(Math.max(0, lines.size() - SETUP_OUTPUT_LINES), lines.size());
                failed.note("setup " + String.join(" ", b.setup()) + ": " + setup.describe(null)
                        + (tail.isEmpty() ? ", no output" : "; its output" + (tail.size() < lines.size() ? " (last "
                        + tail.size() + " lines)" : "") + ":\n" + String.join("\n", tail)));
                e.benchmark = failed.build();
                return false;
            }
        }
        List<String> command = new ArrayList<>(b.command());
        GuestRun.Prepared prepared;
        try {
            prepared = prepare(options, command, b);
        } catch (CommandResolver.Unrunnable u) {
            e.benchmark = failed(b, counterField, u.exitCode, "not run: " + u.getMessage()).build();
            return false;
        }
        e.prepared = prepared;
        int repeat = repeat(b, settings);
        GuestRun.Completed first = null;
        String reason = null;
        int runs = 0;
        try {
            for (int i = 1; i <= repeat; i++) {
                progress.begin(b.name() + ": run " + i + "/" + repeat);
                GuestRun.Completed run = prepared.execute(true);
                progress.done();
                runs = i;
                RunOutcome o = run.outcome();
                if (o.termination() == RunOutcome.Termination.INTERRUPTED) {
                    run.close();
                    return true;
                }
                if (o.termination() == RunOutcome.Termination.DEADLOCK) {
                    reason = "run " + i + " deadlocked" + (first != null ? " (run 1 did not)" : "");
                }
                if (first == null) {
                    first = run;
                } else {
                    List<String> differences = Verification.differences(first, run);
                    if (reason == null && !o.deterministic()) {
                        reason = "run " + i + ": " + o.nondeterminism();
                    }
                    run.close();
                    if (reason == null && !differences.isEmpty()) {
                        reason = "run 1 and run " + i + " differ: " + String.join("; ", differences);
                    }
                }
                if (reason != null || o.termination() != RunOutcome.Termination.GUEST_EXITED) {
                    // a difference, a deadlock, or a kill at an arbitrary point: another run proves nothing
                    break;
                }
            }
            RunOutcome o = first.outcome();
            Benchmark.Builder entry = ResultFiles.benchmark(b.name(), prepared, List.of(first), reason == null)
                    .toBuilder()
                    .command(b.command())
                    .runs(runs)
                    .thresholdPct(b.thresholdPct())
                    .suiteIndex(b.index())
                    .counter(counterField);
            if (o.termination() == RunOutcome.Termination.TIMED_OUT) {
                Long limit = prepared.timeout() == null ? null : prepared.timeout().toMillis();
                entry.termination(Termination.TIMED_OUT).deterministic(false)
                        .deterministicReason("timed out after " + limit + " ms and was killed: its counts are partial");
            } else if (reason != null) {
                entry.deterministic(false).deterministicReason(
                        o.deterministic() ? reason : o.nondeterminism() + "; " + reason);
            }
            String startup = StartupWarning.of(entry.build());
            if (startup != null) {
                entry.note(startup);
                progress.println("vbench: warning: " + b.name() + ": " + startup);
            }
            if (settings.attribute() && reason == null && o.termination() == RunOutcome.Termination.GUEST_EXITED) {
                progress.begin(b.name() + ": attributed run");
                Attribution.Attributed a = Attribution.run(b.name(), prepared);
                progress.done();
                a.run().close();
                e.profile = a.profile();
                String differs = Attribution.compareTotals(entry.build(), a.profile());
                if (differs != null) {
                    entry.note(differs);
                }
            }
            e.benchmark = entry.build();
            return false;
        } finally {
            if (first != null) {
                first.close();
            }
        }
    }

    private static Benchmark.Builder failed(SuiteBenchmark b, String counterField, int status, String reason) {
        return Benchmark.builder(b.name()).command(b.command()).exitStatus(status).runs(0).deterministic(false)
                .deterministicReason(reason).thresholdPct(b.thresholdPct()).suiteIndex(b.index()).counter(counterField);
    }

    /**
     * Native runs in rounds: every runnable benchmark once per round, in an order shuffled with a
     * fixed seed, so that slow drifts of the machine spread over all benchmarks alike.
     */
    private void runWallRounds(List<Entry> entries) throws IOException, InterruptedException {
        List<Entry> runnable = new ArrayList<>();
        for (Entry e : entries) {
            if (e.prepared != null) {
                runnable.add(e);
            }
        }
        Random order = new Random(WALL_ORDER_SEED);
        for (int round = 1; round <= settings.wallRuns(); round++) {
            List<Entry> shuffled = new ArrayList<>(runnable);
            Collections.shuffle(shuffled, order);
            for (Entry e : shuffled) {
                progress.begin("wall time, round " + round + "/" + settings.wallRuns() + ": " + e.spec.name());
                NativeCommand.Outcome o = NativeCommand.run(e.prepared.command(), e.spec.cwd(), nativeEnvironment(e.prepared),
                        false, e.prepared.timeout());
                progress.done();
                e.wall.add(o.wallNanos());
                if (!o.succeeded()) {
                    e.nativeFailures++;
                    e.nativeFailure = o.describe(e.prepared.timeout());
                }
            }
        }
        for (Entry e : entries) {
            if (e.wall.count() > 0) {
                var w = e.wall.summary();
                progress.println(String.format(Locale.ROOT, "%s: wall time over %d native runs: median %s, p90 %s, min %s, max %s",
                        e.spec.name(), w.runs(), millis(w.median()), millis(w.p90()), millis(w.min()), millis(w.max())));
            }
        }
    }

    /** The environment the guest had, without what the counter backend adds for itself (Valgrind's). */
    private static Map<String, String> nativeEnvironment(GuestRun.Prepared prepared) {
        Set<String> launcher = new LinkedHashSet<>(prepared.counter().backend().launchEnvironment());
        Map<String, String> env = new LinkedHashMap<>();
        for (String pair : prepared.config().environment()) {
            if (launcher.contains(pair)) {
                continue;
            }
            int eq = pair.indexOf('=');
            env.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return env;
    }

    /** The options of one benchmark: the command line's, with the suite's where the command line is silent. */
    GuestOptions optionsFor(SuiteBenchmark b) {
        GuestOptions o = settings.options().copy();
        if (!settings.counterFromCommandLine() && b.counter() != null) {
            o.counter = b.counter();
        }
        if (!settings.timeoutFromCommandLine() && b.timeoutText() != null) {
            o.timeout = b.timeoutText();
        }
        o.env = new ArrayList<>(b.envPairs());
        o.env.addAll(settings.options().env); // --env wins over the suite
        return o;
    }

    /** The options the result's environment describes: the suite's default counter unless --counter. */
    private GuestOptions environmentOptions() {
        GuestOptions o = settings.options().copy();
        if (!settings.counterFromCommandLine() && suite.defaultCounter() != null) {
            o.counter = suite.defaultCounter();
        }
        return o;
    }

    private GuestRun.Prepared prepare(GuestOptions options, List<String> command, SuiteBenchmark b)
            throws CommandResolver.Unrunnable {
        try {
            return GuestRun.prepare(options, command, b == null ? null : b.cwd()).hiding(settings.output(),
                    settings.attribute() && settings.output() != null ? BenchCommand.profileFileFor(settings.output()) : null)
                    .simulating(simulatedCounts);
        } catch (CounterSelection.Unavailable e) {
            throw new UserError((b == null ? "" : suite.file() + ": benchmark \"" + b.name() + "\": ") + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserError((b == null ? "" : suite.file() + ": benchmark \"" + b.name() + "\": ") + e.getMessage());
        }
    }


    /** The line printed when a benchmark is done. */
    static String summaryLine(Benchmark b) {
        StringBuilder s = new StringBuilder(b.name()).append(": ");
        if (b.runs() == 0 || b.termination() != Termination.EXITED) {
            s.append("FAILED: ").append(b.termination() == Termination.EXITED ? b.deterministicReason()
                    : b.deterministicReason() + (b.deadlock() != null ? "\n  " + String.join("\n  ", b.deadlock()) : ""));
            b.notes().stream().filter(n -> n.startsWith("setup ")).forEach(n -> s.append("\n  ").append(n.replace("\n", "\n  ")));
            return s.toString();
        }
        if (!b.deterministic()) {
            s.append("NOT DETERMINISTIC: ").append(b.deterministicReason());
        } else {
            s.append(b.runs()).append(" runs identical");
        }
        s.append("; virtual time ").append(String.format(Locale.ROOT, "%.6f s", b.virtualTimeNs() / 1e9));
        Long instructions = b.counters().instructions();
        if (instructions != null) {
            s.append(String.format(Locale.ROOT, ", %,d instructions", instructions));
        }
        if (b.counters().syscalls() != null) {
            s.append(String.format(Locale.ROOT, ", %,d system calls", b.counters().syscalls()));
        }
        if (b.exitStatus() != 0) {
            s.append("; FAILED: exit status ").append(b.exitStatus());
        }
        return s.toString();
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }
}
