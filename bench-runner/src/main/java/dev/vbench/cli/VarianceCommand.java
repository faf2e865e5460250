package dev.vbench.cli;

import dev.vbench.cli.bench.NativeCommand;
import dev.vbench.cli.bench.WallSamples;
import dev.vbench.cli.suite.Suite;
import dev.vbench.cli.suite.SuiteBenchmark;
import dev.vbench.cli.suite.SuiteException;
import dev.vbench.cli.suite.SuiteReader;
import dev.vbench.core.run.HostEnvironment;
import dev.vbench.core.run.RunOutcome;
import dev.vbench.reports.format.VarianceHtmlFormat;
import dev.vbench.reports.format.VarianceTextFormat;
import dev.vbench.reports.io.AtomicFiles;
import dev.vbench.reports.variance.Distribution;
import dev.vbench.reports.variance.JvmComparison;
import dev.vbench.reports.variance.JvmLog;
import dev.vbench.reports.variance.VarianceReport;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vbench variance --seeds N -- CMD...}: how much a program's virtual time and counts depend on
 * the thread schedule. Runs CMD under N scheduler seeds, reports the distribution of every metric,
 * replays the fastest and the slowest seed to prove each reproduces exactly, and for JVM guests
 * ({@code --jvm-logs}) shows what the JIT, the GC and safepoints did differently between them.
 */
@Command(name = "variance", mixinStandardHelpOptions = true,
        description = {"Run CMD (or a suite's benchmark) under --seeds N scheduler seeds (--first-seed, --first-seed+1, ...; "
                + "with --chaos, PCT-style schedules) and report the distribution of virtual time and of each count, a "
                + "histogram (--html), the fastest and slowest seed with the command that replays each; both are replayed "
                + "and must be identical.",
                "--jvm-logs (JVM guests): every JVM of the guest logs its JIT compilations, GCs and safepoints "
                        + "(JAVA_TOOL_OPTIONS=-Xlog:...), in virtual time; the report names what differs between the "
                        + "fastest and the slowest seed. The logs run inside the guest, so they add to what it does.",
                "Exit: 0 every seed ran to exit status 0 and both replays were identical; 1 a replay differed or a seed "
                        + "failed (non-zero exit, deadlock, timeout); 2 bad usage; 3 internal error."})
final class VarianceCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seeds", required = true, paramLabel = "N", description = "How many scheduler seeds (2 to 10000).")
    int seeds;

    @Option(names = "--first-seed", paramLabel = "S", description = "The first seed (default: ${DEFAULT-VALUE}; seed 0 is plain round robin).")
    long firstSeed = 1;

    @Option(names = "--jvm-logs", description = "Record each JVM's JIT compilations, GCs and safepoints per seed and compare "
            + "the fastest and the slowest seed's.")
    boolean jvmLogs;

    @Option(names = "--logs-dir", paramLabel = "DIR",
            description = "Where --jvm-logs keeps each seed's logs, as seed-S/jvm-PID.log (default: ${DEFAULT-VALUE}).")
    Path logsDir = Path.of("vbench-jvm-logs");

    @Option(names = "--wall", paramLabel = "N", description = "Also run CMD natively N times for its wall-time spread.")
    int wall;

    @Option(names = "--suite", paramLabel = "FILE", description = "Take the command from this suite file (with --benchmark).")
    Path suiteFile;

    @Option(names = "--benchmark", paramLabel = "NAME", description = "The suite benchmark to study.")
    String benchmarkName;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the report as an HTML page with a histogram.")
    Path html;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON (schema vbench.variance/1).")
    Path json;

    @Mixin
    GuestOptions guest;

    @Parameters(arity = "0..*", paramLabel = "CMD", description = "The program and its arguments (after --).")
    List<String> command = new ArrayList<>();

    /**
     * The JVM options that --jvm-logs adds: the logging (%p is the JVM's pid, virtual under vbench;
     * filecount=0: no rotation, which would depend on files already there), no hsperfdata file (a
     * JVM lists /tmp/hsperfdata_USER at start and removes other JVMs' stale files: host state), and no
     * container support (the JVM would read the cgroup's live memory.stat: host state again).
     */
    static String xlog(Path dir) {
        return "-XX:-UsePerfData -XX:-UseContainerSupport -Xlog:jit+compilation=debug,gc,safepoint:file=" + dir.resolve("jvm-%p.log")
                + ":uptimenanos,tid,tags:filecount=0";
    }

    private record Target(List<String> command, Path cwd, GuestOptions options, List<String> setup) {}

    @Override
    public Integer call() throws Exception {
        if (seeds < 2 || seeds > 10_000) {
            throw new UserError("--seeds must be between 2 and 10000, not " + seeds);
        }
        if (wall < 0) {
            throw new UserError("--wall takes a number of native runs (0 or more), not " + wall);
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--sched-seed")) {
            throw new UserError("--sched-seed: variance runs seeds --first-seed.. itself; use --first-seed");
        }
        for (Path p : new Path[] {html, json}) {
            if (p != null) {
                try {
                    OutputPaths.checkWritable(p, p == html ? "--html" : "--json");
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
            }
        }
        Target target = target();
        if (target.setup() != null) {
            Map<String, String> env = new LinkedHashMap<>(HostEnvironment.get());
            NativeCommand.Outcome o = NativeCommand.run(target.setup(), target.cwd(), env, true, null);
            if (!o.succeeded()) {
                throw new UserError("the benchmark's setup failed (" + o.describe(null) + "):\n" + JmhCommand.tail(o.output(), 30));
            }
        }
        GuestOptions options = target.options();
        Path logs = null;
        Path current = null;
        if (jvmLogs) {
            // The guests write under /tmp, in a directory named after the working directory and the
            // command, the same on every run and replay: the logs' path is in the guest's environment.
            // Its `current` stays (empty) afterwards for the replay commands; the logs go to --logs-dir.
            logs = Path.of("/tmp/vbench-variance-" + GuestRun.sha256Of((Path.of("").toAbsolutePath() + "\0"
                    + String.join("\0", target.command())).getBytes(StandardCharsets.UTF_8)).substring(0, 16));
            current = logs.resolve("current");
            Files.createDirectories(current);
            clearTree(logs);
            clearTree(Path.of(logs + ".seeds"));
            Files.createDirectories(current);
            options = withJvmLogging(options, current);
        }
        Path cwd = target.cwd();
        List<VarianceReport.SeedRun> runs = new ArrayList<>();
        Map<Long, JvmLog> jvm = new LinkedHashMap<>();
        GuestRun.Completed fastest = null;
        GuestRun.Completed slowest = null;
        long fastestSeed = 0;
        long slowestSeed = 0;
        String counter = null;
        List<String> notes = new ArrayList<>();
        try {
            for (long s = firstSeed; s < firstSeed + seeds; s++) {
                GuestRun.Prepared prepared = prepare(options, s, target, logs);
                counter = prepared.counter().backend().name();
                clear(current);
                GuestRun.Completed run = prepared.execute(true);
                RunOutcome o = run.outcome();
                if (o.termination() == RunOutcome.Termination.INTERRUPTED) {
                    run.close();
                    System.err.println("vbench: interrupted");
                    return ExitCodes.INTERRUPTED;
                }
                JvmLog log = null;
                if (jvmLogs) {
                    log = keepLogs(current, seedLogs(logs, s));
                    jvm.put(s, log);
                }
                Map<String, Long> counts = new LinkedHashMap<>(ResultFiles.counters(run).asMap());
                runs.add(new VarianceReport.SeedRun(s, o.virtualNanos(), counts, o.shellStatus(),
                        ResultFiles.termination(o.termination()).name().toLowerCase(Locale.ROOT), o.deterministic(),
                        run.stdoutSha256(), log == null ? null : log.summary()));
                System.err.println(String.format(Locale.ROOT, "seed %d: virtual time %,d ns%s%s", s, o.virtualNanos(),
                        counts.containsKey("instructions") ? String.format(Locale.ROOT, ", %,d instructions", counts.get("instructions")) : "",
                        o.termination() != RunOutcome.Termination.GUEST_EXITED ? ", " + o.termination()
                                : o.shellStatus() != 0 ? ", exit status " + o.shellStatus() : ""));
                if (fastest == null || o.virtualNanos() < fastest.outcome().virtualNanos()) {
                    if (fastest != null && fastest != slowest) {
                        fastest.close();
                    }
                    fastest = run;
                    fastestSeed = s;
                }
                if (slowest == null || o.virtualNanos() > slowest.outcome().virtualNanos()) {
                    if (slowest != null && slowest != fastest) {
                        slowest.close();
                    }
                    slowest = run;
                    slowestSeed = s;
                }
                if (run != fastest && run != slowest) {
                    run.close();
                }
            }
            VarianceReport.Extreme fast = replay(options, fastestSeed, fastest, target, logs, current);
            VarianceReport.Extreme slow = replay(options, slowestSeed, slowest, target, logs, current);
            Map<String, Distribution> distributions = distributions(runs);
            var wallTime = wall > 0 ? wall(target, prepare(target.options(), firstSeed, target, null)) : null;
            JvmComparison comparison = null;
            if (jvmLogs) {
                comparison = JvmComparison.of(fastestSeed, jvm.get(fastestSeed), slowestSeed, jvm.get(slowestSeed));
                if (jvm.get(fastestSeed).compilations().isEmpty() && jvm.get(slowestSeed).compilations().isEmpty()) {
                    notes.add("--jvm-logs: no JIT compilation was logged: is the guest a JVM (a launcher that clears "
                            + "JAVA_TOOL_OPTIONS, or no java at all)?");
                }
                Path kept = logsDir.toAbsolutePath().normalize();
                for (long s = firstSeed; s < firstSeed + seeds; s++) {
                    Path to = kept.resolve("seed-" + s);
                    clearTree(to);
                    Files.createDirectories(to);
                    for (Path f : list(seedLogs(logs, s))) {
                        Files.move(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.deleteIfExists(seedLogs(logs, s));
                }
                notes.add("--jvm-logs: each seed's logs are in " + kept + "/seed-S/");
            }
            if (!jvmLogs && !(fast.replayIdentical() && slow.replayIdentical())
                    && String.join(" ", target.command()).contains("java")) {
                notes.add("a JVM reads host state that changes between runs: /tmp/hsperfdata_* (other JVMs' files) and "
                        + "the cgroup's live memory.stat; run java with -XX:-UsePerfData -XX:-UseContainerSupport "
                        + "(--jvm-logs adds both)");
            }
            if (distributions.get(VarianceReport.VIRTUAL_TIME).constant()) {
                notes.add("every seed gave the same virtual time: the program's work does not depend on the schedule "
                        + "(a single thread, or threads that do not interact)");
            }
            VarianceReport report = new VarianceReport(VarianceReport.SCHEMA, target.command(), counter, options.chaos,
                    firstSeed, seeds, distributions, fast, slow, runs, wallTime, comparison, notes);
            Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
            new VarianceTextFormat().writeOut(report, out);
            out.flush();
            if (html != null) {
                AtomicFiles.write(html, stream -> {
                    Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                    new VarianceHtmlFormat().writeOut(report, w);
                    w.flush();
                });
            }
            if (json != null) {
                AtomicFiles.write(json, stream -> dev.vbench.reports.variance.VarianceJson.write(report, stream));
            }
            return report.passed() ? ExitCodes.OK : ExitCodes.DIFFERENCE;
        } finally {
            if (fastest != null) {
                fastest.close();
            }
            if (slowest != null && slowest != fastest) {
                slowest.close();
            }
            if (current != null) {
                clear(current); // the directory stays: the replay commands' JVMs write their logs there
            }
        }
    }

    private Target target() {
        if (suiteFile == null) {
            if (benchmarkName != null) {
                throw new UserError("--benchmark names a benchmark of --suite FILE");
            }
            if (command.isEmpty()) {
                throw new UserError("give the command to study after --, or --suite FILE --benchmark NAME");
            }
            return new Target(List.copyOf(command), null, guest, null);
        }
        if (!command.isEmpty()) {
            throw new UserError("give either a command or --suite FILE --benchmark NAME, not both");
        }
        if (benchmarkName == null) {
            throw new UserError("--suite needs --benchmark NAME");
        }
        Suite suite;
        try {
            suite = SuiteReader.read(suiteFile);
        } catch (SuiteException e) {
            throw new UserError(e.getMessage());
        }
        SuiteBenchmark b = suite.benchmarks().stream().filter(x -> x.name().equals(benchmarkName)).findFirst()
                .orElseThrow(() -> new UserError(suiteFile + ": no benchmark named \"" + benchmarkName + "\" (it has: "
                        + String.join(", ", suite.benchmarks().stream().map(SuiteBenchmark::name).toList()) + ")"));
        var parse = spec.commandLine().getParseResult();
        SuiteRunner runner = new SuiteRunner(suite, new SuiteRunner.Settings(guest, parse.hasMatchedOption("--counter"),
                parse.hasMatchedOption("--timeout"), null, 0, null), null);
        GuestOptions o = runner.optionsFor(b);
        o.maxThreads = guest.maxThreads;
        return new Target(b.command(), b.cwd(), o, b.setup());
    }

    private GuestRun.Prepared prepare(GuestOptions options, long seed, Target target, Path logs) {
        GuestOptions o = options.copy();
        o.schedSeed = seed;
        try {
            return GuestRun.prepare(o, target.command(), target.cwd()).hiding(html, json);
        } catch (CommandResolver.Unrunnable e) {
            throw new UserError(e.exitCode == ExitCodes.NOT_FOUND ? ExitCodes.USAGE : ExitCodes.USAGE, e.getMessage());
        } catch (IllegalArgumentException | dev.vbench.clock.CounterSelection.Unavailable e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Runs {@code seed} again and says whether it did exactly what {@code original} did. */
    private VarianceReport.Extreme replay(GuestOptions options, long seed, GuestRun.Completed original, Target target,
                                          Path logs, Path current) throws IOException, InterruptedException {
        GuestRun.Prepared prepared = prepare(options, seed, target, logs);
        clear(current);
        List<String> differences;
        try (GuestRun.Completed again = prepared.execute(true)) {
            differences = new ArrayList<>(Verification.differences(original, again));
            if (!original.outcome().deterministic()) {
                differences.add(0, "the first run was not deterministic: " + original.outcome().nondeterminism());
            }
            if (!again.outcome().deterministic()) {
                differences.add(0, "the replay was not deterministic: " + again.outcome().nondeterminism());
            }
        }
        if (current != null) {
            Path kept = seedLogs(logs, seed);
            for (Path f : list(current)) {
                Path before = kept.resolve(f.getFileName());
                if (!Files.exists(before) || Files.mismatch(before, f) != -1L) {
                    differences.add("JVM log " + f.getFileName() + " differs");
                }
            }
            clear(current);
        }
        System.err.println("seed " + seed + " replayed: " + (differences.isEmpty() ? "identical" : "DIFFERENT: "
                + String.join("; ", differences)));
        return new VarianceReport.Extreme(seed, original.outcome().virtualNanos(), replayCommand(prepared, options, seed, target),
                differences.isEmpty(), differences);
    }

    /** The {@code vbench run} command line that replays {@code seed} exactly, ready for a shell. */
    static String replayCommand(GuestRun.Prepared prepared, GuestOptions o, long seed, Target target) {
        GuestOptions d = new GuestOptions();
        List<String> args = new ArrayList<>(List.of("vbench", "run", "--sched-seed", Long.toString(seed)));
        if (o.chaos) {
            args.add("--chaos");
        }
        args.addAll(List.of("--counter", prepared.counter().backend().name()));
        if (prepared.counter().backend().name().equals("perf")) {
            args.addAll(List.of("--perf-events", o.perfEvents));
        }
        if (o.maxThreads != d.maxThreads) {
            args.addAll(List.of("--max-threads", Integer.toString(o.maxThreads)));
        }
        if (o.seed != d.seed) {
            args.addAll(List.of("--seed", Long.toString(o.seed)));
        }
        if (!o.epoch.equals(d.epoch)) {
            args.addAll(List.of("--epoch", o.epoch));
        }
        if (o.cpus != d.cpus) {
            args.addAll(List.of("--cpus", Integer.toString(o.cpus)));
        }
        if (!o.memory.equals(d.memory)) {
            args.addAll(List.of("--memory", o.memory));
        }
        for (String e : o.env) {
            args.addAll(List.of("--env", e));
        }
        if (o.hostEnv) {
            args.add("--host-env");
        }
        if (o.tty) {
            args.add("--tty");
        }
        args.add("--");
        args.addAll(target.command());
        String line = String.join(" ", args.stream().map(VarianceCommand::shellQuote).toList());
        return target.cwd() == null ? line : "cd " + shellQuote(target.cwd().toString()) + " && " + line;
    }

    static String shellQuote(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static Map<String, Distribution> distributions(List<VarianceReport.SeedRun> runs) {
        Map<String, Distribution> out = new LinkedHashMap<>();
        out.put(VarianceReport.VIRTUAL_TIME, Distribution.of(runs.stream().map(VarianceReport.SeedRun::virtualTimeNs).toList()));
        Set<String> names = new LinkedHashSet<>(runs.get(0).counts().keySet());
        for (VarianceReport.SeedRun r : runs) {
            names.retainAll(r.counts().keySet());
        }
        for (String n : names) {
            out.put(n, Distribution.of(runs.stream().map(r -> r.counts().get(n)).toList()));
        }
        return out;
    }

    private dev.vbench.reports.model.WallTime wall(Target target, GuestRun.Prepared prepared)
            throws IOException, InterruptedException {
        Set<String> launcher = new LinkedHashSet<>(prepared.counter().backend().launchEnvironment());
        Map<String, String> env = new LinkedHashMap<>();
        for (String pair : prepared.config().environment()) {
            if (!launcher.contains(pair)) {
                int eq = pair.indexOf('=');
                env.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        WallSamples samples = new WallSamples();
        Path dir = target.cwd() != null ? target.cwd() : Path.of("").toAbsolutePath();
        int failures = 0;
        for (int i = 0; i < wall; i++) {
            NativeCommand.Outcome o = NativeCommand.run(prepared.command(), dir, env, false, prepared.timeout());
            samples.add(o.wallNanos());
            failures += o.succeeded() ? 0 : 1;
        }
        if (failures > 0) {
            System.err.println("vbench: warning: " + failures + " of " + wall + " native runs failed");
        }
        return samples.summary();
    }

    private static GuestOptions withJvmLogging(GuestOptions options, Path current) {
        GuestOptions o = options.copy();
        String ours = xlog(current);
        List<String> env = new ArrayList<>();
        boolean merged = false;
        for (String e : o.env) {
            if (e.startsWith("JAVA_TOOL_OPTIONS=")) {
                env.add(e + " " + ours);
                merged = true;
            } else {
                env.add(e);
            }
        }
        if (!merged) {
            env.add("JAVA_TOOL_OPTIONS=" + ours);
        }
        o.env = env;
        return o;
    }

    /** Moves the logs just written into {@code keep} and parses them as one log. */
    private static JvmLog keepLogs(Path current, Path keep) throws IOException {
        Files.createDirectories(keep);
        try (Stream<Path> old = Files.list(keep)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        List<String> labels = new ArrayList<>();
        List<JvmLog> logs = new ArrayList<>();
        for (Path f : list(current)) {
            Path moved = Files.move(f, keep.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            labels.add(f.getFileName().toString().replaceFirst("\\.log$", ""));
            logs.add(JvmLog.read(moved));
        }
        return logs.isEmpty() ? JvmLog.parse(List.of()) : JvmLog.merge(labels, logs);
    }

    private static List<Path> list(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /**
     * Where a seed's logs wait until all runs are done: beside the guests' log directory, not in it
     * (a replay saw about 1,000 instructions more when earlier seeds' logs lay next to `current`).
     */
    private static Path seedLogs(Path logs, long seed) {
        return Path.of(logs + ".seeds").resolve("seed-" + seed);
    }

    /** Removes everything under {@code dir}, keeping {@code dir}. */
    private static void clearTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void clear(Path dir) throws IOException {
        for (Path p : list(dir)) {
            Files.delete(p);
        }
    }

}
