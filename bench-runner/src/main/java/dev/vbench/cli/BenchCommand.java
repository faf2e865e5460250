package dev.vbench.cli;

import dev.vbench.cli.bench.Progress;
import dev.vbench.cli.suite.Shard;
import dev.vbench.cli.suite.Suite;
import dev.vbench.cli.suite.SuiteBenchmark;
import dev.vbench.cli.suite.SuiteException;
import dev.vbench.cli.suite.SuiteReader;
import dev.vbench.core.run.HostEnvironment;
import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.model.SuiteInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vbench bench SUITE --out RESULT.json}: every benchmark of a suite, proven deterministic, into one result. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run each benchmark of SUITE (JSON, or YAML named *.yaml/*.yml) under the determinizer `repeat` "
                + "times and prove the runs identical (stdout, stderr, exit status, every count, the system calls "
                + "in order); write one result file. Options below apply to every benchmark and override the suite "
                + "file's values (--counter, --timeout, --repeat, --env).",
                "Exit: 0 every benchmark ran and was deterministic; 1 a benchmark was not deterministic or failed "
                        + "(non-zero exit, timeout, deadlock, failed setup); 2 bad suite or options; 3 internal error."})
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUITE", description = "The suite file.")
    Path suiteFile;

    @Option(names = "--out", required = true, paramLabel = "RESULT.json", description = "Where to write the result (atomically).")
    Path out;

    @Option(names = "--filter", paramLabel = "REGEX",
            description = "Only benchmarks whose name contains a match of REGEX (Java syntax; anchor with ^ and $).")
    String filter;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "Only shard K of N: the selected benchmarks in suite order are dealt round robin, the j-th "
                    + "(from 0) to shard j mod N + 1. Join the shards' results with `vbench merge`.")
    String shard;

    @Option(names = "--wall", paramLabel = "N",
            description = "Also time each benchmark natively N times, in N rounds over the suite after the "
                    + "determinized runs (wall_time_ns; for reference, never compared). Default: 0.")
    int wall;

    @Option(names = "--repeat", paramLabel = "N",
            description = "Determinized runs per benchmark that must agree, overriding the suite (at least 2).")
    Integer repeat;

    @Option(names = "--attribute",
            description = "Also run each benchmark once more with per-function attribution (--counter valgrind) and "
                    + "store the profiles beside the result (RESULT.profile.json, atomically), referenced from it.")
    boolean attribute;

    @Option(names = "--model", paramLabel = "MODEL.json",
            description = "A calibrated model (vbench calibrate) that prices each benchmark's counts as "
                    + "calibrated_time_ns; default: the model vbench ships for the counter, if fitted on this kind "
                    + "of machine. The guests' clocks keep the fixed default model.")
    Path model;

    @Mixin
    GuestOptions guest;

    @Override
    public Integer call() throws Exception {
        if (wall < 0) {
            throw new UserError("--wall takes a number of native runs (0 or more), not " + wall);
        }
        if (repeat != null && (repeat < 2 || repeat > SuiteReader.MAX_REPEAT)) {
            throw new UserError("--repeat must be between 2 and " + SuiteReader.MAX_REPEAT + ", not " + repeat
                    + " (determinism is proven by comparing at least two runs)");
        }
        Pattern pattern = null;
        if (filter != null) {
            try {
                pattern = Pattern.compile(filter);
            } catch (PatternSyntaxException e) {
                throw new UserError("--filter: not a regular expression: " + e.getDescription() + " in '" + filter + "'");
            }
        }
        Shard part;
        try {
            part = shard == null ? null : Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        Suite suite;
        try {
            suite = SuiteReader.read(suiteFile);
        } catch (SuiteException e) {
            throw new UserError(e.getMessage());
        }
        Path output = out.toAbsolutePath().normalize();
        if (output.getParent() != null && !Files.isDirectory(output.getParent())) {
            throw new UserError("--out " + out + ": the directory " + output.getParent() + " does not exist");
        }
        List<SuiteBenchmark> selected = new ArrayList<>();
        for (SuiteBenchmark b : suite.benchmarks()) {
            if (pattern == null || pattern.matcher(b.name()).find()) {
                selected.add(b);
            }
        }
        if (selected.isEmpty()) {
            throw new UserError(suiteFile + ": no benchmark matches --filter '" + filter + "'");
        }
        if (part != null) {
            selected = part.select(selected);
        }
        var parse = spec.commandLine().getParseResult();
        SuiteRunner.Settings settings = new SuiteRunner.Settings(guest, parse.hasMatchedOption("--counter"),
                parse.hasMatchedOption("--timeout"), repeat, wall, output, attribute);
        SuiteInfo info = new SuiteInfo(suiteFile.getFileName().toString(), suite.sha256(), suite.benchmarks().size(),
                filter, part == null ? null : part.toString());
        SuiteRunner.Outcome outcome;
        CalibratedModels.Choice calibrated;
        try (Progress progress = Progress.create("vbench bench", SuiteRunner.steps(selected, settings), HostEnvironment.get(),
                System.err)) {
            SuiteRunner runner = new SuiteRunner(suite, settings, progress);
            // A model that cannot price this suite's counts is refused before anything runs.
            String counter = runner.check(selected).counter().backend().name();
            calibrated = CalibratedModels.choose(model, counter, ExitCodes.USAGE);
            outcome = runner.run(selected, info, calibrated.pricedCounts());
        }
        if (outcome.interrupted()) {
            System.err.println("vbench: interrupted; no result written");
            return ExitCodes.INTERRUPTED;
        }
        dev.vbench.reports.model.Result result = calibrated.price(outcome.result());
        if (attribute && !outcome.profiles().isEmpty()) {
            Path profileFile = profileFileFor(output);
            var ref = Attribution.write(Attribution.profile(outcome.profiles(), outcome.model()), profileFile,
                    output.getParent());
            java.util.Set<String> profiled = new java.util.HashSet<>();
            outcome.profiles().forEach(p -> profiled.add(p.name()));
            List<dev.vbench.reports.model.Benchmark> withRefs = new ArrayList<>();
            for (var b : result.benchmarks()) {
                withRefs.add(profiled.contains(b.name()) ? b.toBuilder().profile(ref).build() : b);
            }
            result = new dev.vbench.reports.model.Result(result.schema(), result.vbench(), result.environment(),
                    result.suite(), withRefs);
            System.err.println("vbench: profiles in " + profileFile);
        }
        ResultFiles.write(result, output, "--out", ExitCodes.USAGE);
        long passed = result.benchmarks().stream().filter(SuiteRunner::passed).count();
        int total = result.benchmarks().size();
        System.err.println("vbench: " + total + " benchmark" + (total == 1 ? "" : "s")
                + (part != null ? " (shard " + part + ")" : "") + ": " + passed + " passed"
                + (passed < total ? ", " + (total - passed) + " not deterministic or failed" : "")
                + "; result in " + out);
        return outcome.allPassed() ? ExitCodes.OK : ExitCodes.DIFFERENCE;
    }

    /** {@code r.json} -> {@code r.profile.json} beside it. */
    static Path profileFileFor(Path result) {
        String n = result.getFileName().toString();
        String stem = n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
        return result.resolveSibling(stem + ".profile.json");
    }
}
