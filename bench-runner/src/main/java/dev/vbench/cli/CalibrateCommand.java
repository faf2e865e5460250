package dev.vbench.cli;

import dev.vbench.cli.bench.NativeCommand;
import dev.vbench.cli.bench.Progress;
import dev.vbench.cli.suite.Suite;
import dev.vbench.cli.suite.SuiteBenchmark;
import dev.vbench.cli.suite.SuiteException;
import dev.vbench.cli.suite.SuiteReader;
import dev.vbench.core.run.HostEnvironment;
import dev.vbench.model.CalibratedModel;
import dev.vbench.model.FeatureSet;
import dev.vbench.model.calibrate.CalibrationReport;
import dev.vbench.model.calibrate.Calibrator;
import dev.vbench.model.calibrate.CountSource;
import dev.vbench.model.calibrate.HostDescription;
import dev.vbench.model.calibrate.ReportText;
import dev.vbench.model.corpus.CorpusBuilder;
import dev.vbench.model.corpus.CorpusDescriptor;
import dev.vbench.model.corpus.CorpusPoint;
import dev.vbench.model.fit.FitException;
import dev.vbench.model.io.CalibrationCsv;
import dev.vbench.model.io.CalibrationHtml;
import dev.vbench.model.io.ModelFileWriter;
import dev.vbench.model.price.ResultFeatures;
import dev.vbench.model.wall.WallClockException;
import dev.vbench.model.wall.WallClockSampler;
import dev.vbench.core.run.RunOutcome;
import dev.vbench.reports.model.Benchmark;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vbench calibrate}: fits a cost model of this machine. Every point of a corpus runs once
 * under vbench (its counts), then natively in shuffled rounds (its wall time); the fit, judged by
 * leave-one-kind-out cross-validation beside fixed formulas and the noise floor, becomes a model
 * file that {@code run}, {@code bench} and {@code compare} take with {@code --model}.
 *
 * <p>Counting and timing are separate passes, in that order: no native run (ProcessBuilder) ever
 * overlaps a traced one in this JVM (platform notes, pitfall 4).
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Fit a cost model of this machine: run a corpus under vbench (counts) and natively "
                + "(wall time, in shuffled rounds), fit the cost of each counted feature, and judge the fit on "
                + "workloads it was not fitted on (leave-one-kind-out) beside fixed formulas and the "
                + "measurements' noise floor. The model prices results as calibrated_time_ns "
                + "(run/bench/compare --model); the guest's clocks keep the fixed default model.",
                "Exit: 0 calibrated; 1 a corpus program failed natively or under vbench, or was not "
                        + "deterministic; 2 bad usage or input; 3 internal error."})
final class CalibrateCommand implements Callable<Integer> {
    @Option(names = "--corpus", paramLabel = "builtin|SUITE", defaultValue = "builtin",
            description = "The built-in corpus (19 workload kinds at 4 sizes, built from source with gcc and "
                    + "javac on first use), or a suite file whose benchmarks become the points, one workload kind "
                    + "each. Default: ${DEFAULT-VALUE}.")
    String corpus;

    @Option(names = "--out", paramLabel = "MODEL.json", defaultValue = "vbench-model.json",
            description = "Where to write the model (vbench.model/1, atomically). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write every point (counts, wall time, predictions) as CSV.")
    Path csv;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write an HTML report: predicted against measured time and the held-out errors.")
    Path html;

    @Option(names = "--kinds", paramLabel = "K,...", split = ",",
            description = "Only these kinds of the built-in corpus.")
    List<String> kinds;

    @Option(names = "--sizes", paramLabel = "N",
            description = "Only the N smallest sizes of each built-in kind (default: all 4).")
    Integer sizes;

    @Option(names = "--features", paramLabel = "F,...", split = ",",
            description = "The counts the model prices (default: " + FeatureSet.DEFAULT_NAMES
                    + "; sleep is priced at 1 ns/ns).")
    List<String> features;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
            description = "Rounds of native runs (each point runs in every round, in a shuffled order; at least 2, "
                    + "for the noise floor). Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--runs-per-round", paramLabel = "N", defaultValue = "3",
            description = "Native runs of each point per round. Default: ${DEFAULT-VALUE}.")
    int runsPerRound;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1",
            description = "Unrecorded native runs of each point first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--native-timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "Longest a native run may take. Default: ${DEFAULT-VALUE}.")
    String nativeTimeout;

    @Mixin
    GuestOptions guest;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        FeatureSet featureSet = featureSet();
        if (rounds < 2) {
            // checked here, not after minutes of runs: the fit would fail at the end
            throw new UserError("--rounds: calibration needs at least 2 rounds (the noise floor compares each "
                    + "round's median with the others'), not " + rounds);
        }
        WallClockSampler.Settings wallSettings;
        try {
            wallSettings = new WallClockSampler.Settings(warmup, rounds, runsPerRound,
                    Sizes.parseDuration(nativeTimeout, "--native-timeout"), 0);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().startsWith("--") ? e.getMessage()
                    : "--warmup, --rounds, --runs-per-round: " + e.getMessage());
        }
        for (Object[] output : new Object[][] {{out, "--out"}, {csv, "--csv"}, {html, "--html"}}) {
            if (output[0] != null) {
                try {
                    OutputPaths.checkWritable((Path) output[0], (String) output[1]);
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
            }
        }
        String counter = counterName();
        List<CorpusPoint> points = points();
        if (points.size() < featureSet.size() + 2) {
            throw new UserError("the corpus has " + points.size() + " points, too few for " + featureSet.size()
                    + " features (at least features + 2); choose fewer with --features, or more points");
        }
        long steps = points.size() + (long) points.size() * (warmup + (long) rounds * runsPerRound);
        System.err.println("vbench: calibrating on " + points.size() + " points (" + describeCorpus(points)
                + ") with counter " + counter + "; " + featureSet.size() + " features");
        CalibrationReport report;
        try (Progress progress = Progress.create("vbench calibrate", steps, HostEnvironment.get(), System.err)) {
            EngineCounts counts = new EngineCounts(counter, featureSet, progress);
            long perRound = (long) points.size() * runsPerRound;
            long[] timed = new long[1];
            WallClockSampler sampler = new WallClockSampler(wallSettings, run -> {
                CorpusPoint p = points.get(run.pointIndex());
                progress.begin(run.warmup() ? "warm-up: " + p.id()
                        : "wall time, round " + (run.round() + 1) + "/" + rounds + ": " + p.id());
                progress.done();
                if (!run.warmup() && ++timed[0] % perRound == 0) {
                    progress.println("wall time: round " + (run.round() + 1) + " of " + rounds + " done ("
                            + minutes(Duration.ofNanos(System.nanoTime() - started)) + " so far)");
                }
            });
            Calibrator calibrator = new Calibrator(featureSet, counts, sampler);
            try {
                report = calibrator.calibrate(points);
            } catch (PointFailed e) {
                progress.println("vbench: " + e.getMessage());
                return ExitCodes.DIFFERENCE;
            } catch (WallClockException e) {
                progress.println("vbench: native run failed: " + e.getMessage());
                return ExitCodes.DIFFERENCE;
            } catch (FitException | IllegalArgumentException e) {
                throw new UserError("the fit failed: " + e.getMessage());
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        CalibratedModel model = report.toModel(counter, HostDescription.current(), startedAt);
        ModelFileWriter.write(out, model);
        if (csv != null) {
            CalibrationCsv.write(csv, report.features(), report.points());
        }
        List<String> summary = List.of(
                "host: " + model.host(),
                "counter: " + counter + "; corpus: " + corpus + " (" + describeCorpus(points) + ")",
                "native timing: " + warmup + " warm-up run(s), then " + rounds + " rounds of " + runsPerRound
                        + " run(s) per point, each round in a shuffled order",
                "model " + model.id() + ", written to " + out,
                "calibration took " + minutes(took) + " (started " + startedAt + ")");
        if (html != null) {
            CalibrationHtml.write(html, report, summary);
        }
        System.out.print(ReportText.render(report));
        summary.forEach(System.out::println);
        return ExitCodes.OK;
    }

    private FeatureSet featureSet() {
        if (features == null || features.isEmpty()) {
            return FeatureSet.DEFAULT;
        }
        try {
            return new FeatureSet(features.stream().map(String::trim).toList());
        } catch (IllegalArgumentException e) {
            throw new UserError("--features: " + e.getMessage());
        }
    }

    /** The counter backend every point is counted with, checked before anything is built or run. */
    private String counterName() {
        try {
            return GuestRun.prepare(guest, List.of("/bin/true")).counter().backend().name();
        } catch (CommandResolver.Unrunnable e) {
            throw new IllegalStateException("/bin/true cannot be run: " + e.getMessage(), e);
        } catch (IllegalArgumentException | dev.vbench.clock.CounterSelection.Unavailable e) {
            throw new UserError(e.getMessage());
        }
    }

    private List<CorpusPoint> points() throws IOException, InterruptedException {
        if (corpus.equals("builtin")) {
            CorpusDescriptor descriptor;
            try {
                descriptor = CorpusBuilder.bundledDescriptor().select(kinds, sizes);
            } catch (IllegalArgumentException e) {
                throw new UserError("--kinds/--sizes: " + e.getMessage());
            }
            System.err.println("vbench: building the corpus (gcc, javac; cached in " + corpusCache() + ")");
            return new CorpusBuilder(corpusCache(), descriptor).build();
        }
        if (kinds != null || sizes != null) {
            throw new UserError("--kinds and --sizes select from the built-in corpus; a suite's benchmarks are its points");
        }
        Suite suite;
        try {
            suite = SuiteReader.read(Path.of(corpus));
        } catch (SuiteException e) {
            throw new UserError(e.getMessage());
        }
        List<CorpusPoint> points = new ArrayList<>();
        for (SuiteBenchmark b : suite.benchmarks()) {
            if (b.setup() != null) {
                Map<String, String> env = new LinkedHashMap<>(HostEnvironment.get());
                env.putAll(b.env());
                NativeCommand.Outcome setup = NativeCommand.run(b.setup(), b.cwd(), env, true, null);
                if (!setup.succeeded()) {
                    throw new UserError(corpus + ": benchmark \"" + b.name() + "\": its setup failed ("
                            + setup.describe(null) + "): " + setup.output().strip());
                }
            }
            points.add(new CorpusPoint(b.name(), b.index() + 1L, b.command(), b.cwd(), b.env()));
        }
        return points;
    }

    private static Path corpusCache() {
        return Caches.root().resolve("corpus");
    }

    private static String describeCorpus(List<CorpusPoint> points) {
        long kinds = points.stream().map(CorpusPoint::kind).distinct().count();
        return kinds + " workload kind" + (kinds == 1 ? "" : "s");
    }

    private static String minutes(Duration d) {
        long s = d.toSeconds();
        return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    /** A corpus point that did not run to a deterministic exit 0 under vbench. */
    static final class PointFailed extends IOException {
        PointFailed(String message) {
            super(message);
        }
    }

    /**
     * Counts a point by running it once under vbench in this process, exactly as {@code vbench run}
     * would, and taking the features from the benchmark entry a result would hold.
     */
    private final class EngineCounts implements CountSource {
        private final String counter;
        private final FeatureSet features;
        private final Progress progress;

        EngineCounts(String counter, FeatureSet features, Progress progress) {
            this.counter = counter;
            this.features = features;
            this.progress = progress;
        }

        @Override
        public String counter() {
            return counter;
        }

        @Override
        public Map<String, Long> counts(CorpusPoint point) throws IOException, InterruptedException {
            progress.begin("under vbench: " + point.id());
            GuestOptions options = withEnv(point.env());
            GuestRun.Prepared prepared;
            try {
                // the simulations (cache, branch predictor) run only if a feature needs their counts
                prepared = GuestRun.prepare(options, point.argv(), point.directory()).simulating(features.names());
            } catch (CommandResolver.Unrunnable e) {
                throw new PointFailed(point.id() + ": " + e.getMessage());
            } catch (IllegalArgumentException | dev.vbench.clock.CounterSelection.Unavailable e) {
                throw new UserError(point.id() + ": " + e.getMessage());
            }
            long start = System.nanoTime();
            try (GuestRun.Completed run = prepared.execute(true)) {
                RunOutcome o = run.outcome();
                if (o.termination() == RunOutcome.Termination.INTERRUPTED) {
                    throw new InterruptedException("interrupted");
                }
                if (o.termination() != RunOutcome.Termination.GUEST_EXITED || o.shellStatus() != 0) {
                    throw new PointFailed(point.id() + " failed under vbench: " + o.termination().name().toLowerCase(Locale.ROOT)
                            + ", exit status " + o.shellStatus() + " (" + String.join(" ", point.argv()) + ")");
                }
                if (!o.deterministic()) {
                    throw new PointFailed(point.id() + " is not deterministic under vbench: " + o.nondeterminism());
                }
                Benchmark b = ResultFiles.benchmark(point.id(), prepared, List.of(run), true);
                progress.done();
                Long instructions = b.counters().instructions();
                progress.println(String.format(Locale.ROOT, "%s: counted in %.1f s: %s%,d system calls",
                        point.id(), (System.nanoTime() - start) / 1e9,
                        instructions == null ? "" : String.format(Locale.ROOT, "%,d instructions, ", instructions),
                        o.syscalls()));
                return ResultFeatures.of(b);
            }
        }

        private GuestOptions withEnv(Map<String, String> env) {
            if (env.isEmpty()) {
                return guest;
            }
            GuestOptions o = guest.copy();
            o.env = new ArrayList<>();
            env.forEach((k, v) -> o.env.add(k + "=" + v));
            o.env.addAll(guest.env);
            return o;
        }
    }
}
