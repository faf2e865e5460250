package dev.vbench.cli;

import dev.vbench.cli.bench.NativeCommand;
import dev.vbench.cli.jmh.JmhArguments;
import dev.vbench.cli.jmh.JmhCompilerHints;
import dev.vbench.cli.jmh.JmhListing;
import dev.vbench.cli.jmh.JmhResults;
import dev.vbench.core.run.HostEnvironment;
import dev.vbench.core.run.RunOutcome;
import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.JmhScore;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.Termination;
import dev.vbench.reports.model.VbenchInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vbench jmh BENCHMARKS.jar --out RESULT.json [JMH options]}: each JMH benchmark (each
 * combination of its {@code @Param} values) in a guest JVM of its own under the determinizer, with
 * JMH settings chosen for deterministic measurement ({@link JmhArguments}); JMH's JSON result and
 * vbench's counts of the whole guest go into one result file that {@code vbench compare} gates.
 */
@Command(name = "jmh", mixinStandardHelpOptions = true,
        description = {"Run the JMH benchmarks of BENCHMARKS.jar (an uber-jar with META-INF/BenchmarkList and main class "
                + "org.openjdk.jmh.Main, as JMH's archetype builds it) under the determinizer: one guest JVM per benchmark "
                + "and @Param combination, JMH in it with -f 0 -bm ss -bs 1000 -wbs 1000 -wi 10 -i 5 -tu ns -foe true "
                + "unless you give those options. JMH reads the guest's virtual clocks, so its score is virtual time.",
                "The result's virtual_time_ns is the virtual time per JMH operation (in single-shot mode one operation is "
                        + "a batch of -bs calls); the counts are the whole guest JVM's; `jmh` holds JMH's score and settings.",
                "JMH options (single dash) may follow the jar; put -- before them if one could be read as vbench's.",
                "Exit: 0 every benchmark ran and was deterministic; 1 a benchmark failed or its runs differed; 2 bad "
                        + "usage, a jar JMH cannot list, or a counter that cannot be used; 3 internal error."})
final class JmhCommand implements Callable<Integer> {
    private static final Duration LISTING_TIMEOUT = Duration.ofMinutes(2);
    private static final String RESULT_NAME = "jmh-result.json";
    private static final String HINTS_NAME = "compilecommand";

    @Parameters(index = "0", paramLabel = "BENCHMARKS.jar", description = "The JMH benchmarks jar.")
    Path jar;

    @Parameters(index = "1..*", paramLabel = "JMH-OPTION", description = "JMH's own options and benchmark regexps.")
    List<String> jmhArgs = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "RESULT.json", description = "Where to write the result (atomically).")
    Path out;

    @Option(names = "--repeat", paramLabel = "N",
            description = "Determinized runs per benchmark that must agree (default: ${DEFAULT-VALUE}: one run, no comparison).")
    int repeat = 1;

    @Mixin
    GuestOptions guest;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1 || repeat > 100) {
            throw new UserError("--repeat must be between 1 and 100, not " + repeat);
        }
        if (!Files.isRegularFile(jar)) {
            throw new UserError(jar + ": no such file");
        }
        try {
            OutputPaths.checkWritable(out, "--out");
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        JmhArguments args;
        try {
            args = JmhArguments.parse(jmhArgs);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        List<JmhListing.Run> runs = JmhListing.runs(list(args), args.params());
        if (runs.isEmpty()) {
            throw new UserError(jar + ": no benchmark matches " + (args.includes().isEmpty() ? "(the jar has none)"
                    : String.join(" ", args.includes())));
        }
        List<Benchmark> benchmarks = new ArrayList<>();
        boolean allPassed = true;
        Environment environment = null;
        try (ScratchDir scratch = ScratchDir.create("jmh", jar.toAbsolutePath().toString())) {
            Path resultFile = scratch.resolve(RESULT_NAME);
            Path hints = scratch.resolve(HINTS_NAME);
            JmhCompilerHints.write(jar, hints);
            for (JmhListing.Run run : runs) {
                List<String> command = args.guestCommand(jar.toString(), run.benchmark(), run.params(), resultFile.toString(),
                        hints.toString());
                GuestRun.Prepared prepared = prepare(command);
                if (environment == null) {
                    environment = environment(prepared, args);
                }
                Benchmark b = measure(run, prepared, resultFile, args);
                if (b == null) {
                    System.err.println("vbench: interrupted; no result written");
                    return ExitCodes.INTERRUPTED;
                }
                benchmarks.add(b);
                allPassed &= SuiteRunner.passed(b);
                System.err.println(summaryLine(b));
            }
        }
        ResultIO.write(Result.of(new VbenchInfo(VersionProvider.version()), environment, benchmarks), out);
        long passed = benchmarks.stream().filter(SuiteRunner::passed).count();
        System.err.println("vbench: " + benchmarks.size() + " JMH benchmark" + (benchmarks.size() == 1 ? "" : "s") + ": "
                + passed + " passed" + (passed < benchmarks.size() ? ", " + (benchmarks.size() - passed) + " failed or not deterministic" : "")
                + "; result in " + out);
        return allPassed ? ExitCodes.OK : ExitCodes.DIFFERENCE;
    }

    /** JMH's own listing of the selected benchmarks, run natively (it measures nothing). */
    private List<JmhListing.Listed> list(JmhArguments args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(args.java(), "-jar", jar.toString()));
        command.addAll(args.listingArguments());
        NativeCommand.Outcome o = NativeCommand.run(command, Path.of("").toAbsolutePath(), HostEnvironment.get(), true,
                LISTING_TIMEOUT);
        if (!o.succeeded()) {
            throw new UserError(jar + ": JMH could not list its benchmarks (" + String.join(" ", command) + ": "
                    + o.describe(LISTING_TIMEOUT) + "):\n" + tail(o.output(), 20));
        }
        try {
            return JmhListing.parse(o.output());
        } catch (IllegalArgumentException e) {
            throw new UserError(jar + ": is it a JMH benchmarks jar? " + e.getMessage() + "\n" + tail(o.output(), 20));
        }
    }

    private GuestRun.Prepared prepare(List<String> command) {
        try {
            return GuestRun.prepare(guest, command).hiding(out);
        } catch (CommandResolver.Unrunnable e) {
            throw new UserError(e.getMessage());
        } catch (IllegalArgumentException | dev.vbench.clock.CounterSelection.Unavailable e) {
            throw new UserError(e.getMessage());
        }
    }

    private static Environment environment(GuestRun.Prepared prepared, JmhArguments args) {
        String counter = prepared.counter().backend().name();
        if (counter.equals("none")) {
            System.err.println("vbench: warning: under --counter none the guest's clocks advance only with its system calls:"
                    + " JMH's scores and virtual time do not measure the benchmark's computation"
                    + (args.timeBased() ? ", and a time-based iteration may never end" : ""));
        }
        return ResultFiles.environment(prepared, PlatformProbe.cpuidVirtualized(counter), PlatformProbe.rdtscVirtualized(counter));
    }

    /** Runs one benchmark {@code repeat} times; null if vbench was interrupted. */
    private Benchmark measure(JmhListing.Run run, GuestRun.Prepared prepared, Path resultFile, JmhArguments args)
            throws IOException, InterruptedException {
        String name = run.displayName();
        GuestRun.Completed first = null;
        String reason = null;
        JmhScore score = null;
        int done = 0;
        try {
            for (int i = 1; i <= repeat; i++) {
                Files.deleteIfExists(resultFile);
                GuestRun.Completed r = prepared.execute(true);
                done = i;
                RunOutcome o = r.outcome();
                if (o.termination() == RunOutcome.Termination.INTERRUPTED) {
                    r.close();
                    return null;
                }
                JmhScore s = readScore(run, resultFile, args);
                if (first == null) {
                    first = r;
                    score = s;
                } else {
                    List<String> differences = Verification.differences(first, r);
                    r.close();
                    if (!differences.isEmpty()) {
                        reason = "run 1 and run " + i + " differ: " + String.join("; ", differences);
                    } else if (score != null && (s == null || s.score() != score.score())) {
                        reason = "run 1 and run " + i + " differ: JMH score " + score.score() + " vs "
                                + (s == null ? "none" : s.score());
                    }
                }
                if (reason != null || o.termination() != RunOutcome.Termination.GUEST_EXITED || o.shellStatus() != 0) {
                    break;
                }
            }
            Benchmark.Builder b = ResultFiles.benchmark(name, prepared, List.of(first), reason == null).toBuilder().runs(done);
            RunOutcome o = first.outcome();
            if (reason != null) {
                b.deterministic(false).deterministicReason(o.deterministic() ? reason : o.nondeterminism() + "; " + reason);
            }
            if (o.termination() == RunOutcome.Termination.TIMED_OUT) {
                b.termination(Termination.TIMED_OUT).deterministic(false).deterministicReason("timed out and was killed");
            }
            if (score != null) {
                b.virtualTimeNs(Math.round(score.virtualTimePerOpNs())).jmh(score);
            } else {
                if (o.shellStatus() == 0 && o.termination() == RunOutcome.Termination.GUEST_EXITED) {
                    b.exitStatus(1);
                }
                b.deterministic(false).deterministicReason("JMH wrote no result for " + name + " (exit status "
                        + o.shellStatus() + ")");
                b.note("the end of JMH's output:\n" + tail(read(first.stdout()) + read(first.stderr()), 30));
            }
            b.note("virtual_time_ns is the virtual time per JMH operation" + (args.timeBased() ? "" : " (one batch of "
                    + (score != null && score.batchSize() != null ? score.batchSize() : "-bs") + " calls)")
                    + "; the counts are the whole guest JVM's (start-up, warm-up and measurement)");
            return b.build();
        } finally {
            if (first != null) {
                first.close();
            }
        }
    }

    /** The score JMH wrote for this run, or null if it wrote none. */
    private static JmhScore readScore(JmhListing.Run run, Path resultFile, JmhArguments args) throws IOException {
        if (!Files.isRegularFile(resultFile)) {
            return null;
        }
        List<JmhScore> scores;
        try {
            scores = JmhResults.read(resultFile, args.settings());
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError(ExitCodes.INTERNAL, "JMH's result for " + run.displayName() + " cannot be read: " + e.getMessage());
        }
        for (JmhScore s : scores) {
            if (s.benchmark().equals(run.benchmark()) && s.params().equals(new java.util.TreeMap<>(run.params()))) {
                return s;
            }
        }
        return null;
    }

    private static String read(Path file) {
        try {
            return file == null ? "" : Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    static String summaryLine(Benchmark b) {
        StringBuilder s = new StringBuilder(b.name()).append(": ");
        if (b.jmh() == null || b.exitStatus() != 0) {
            return s.append("FAILED: ").append(b.deterministicReason()).append(b.notes().isEmpty() ? ""
                    : "\n  " + b.notes().get(0).replace("\n", "\n  ")).toString();
        }
        JmhScore j = b.jmh();
        s.append(String.format(Locale.ROOT, "%,.3f ns of virtual time per op (JMH: %s %s)", j.virtualTimePerOpNs(),
                String.format(Locale.ROOT, "%.3f", j.score()), j.scoreUnit()));
        if (b.counters().instructions() != null) {
            s.append(String.format(Locale.ROOT, ", %,d instructions in all", b.counters().instructions()));
        }
        s.append(b.deterministic() ? (b.runs() > 1 ? "; " + b.runs() + " runs identical" : "")
                : "; NOT DETERMINISTIC: " + b.deterministicReason());
        return s.toString();
    }
}
