package dev.vbench.cli;

import dev.vbench.baselines.BaselineStore;
import dev.vbench.reports.compare.Comparison;
import dev.vbench.reports.compare.Metric;
import dev.vbench.reports.compare.Row;
import dev.vbench.reports.compare.Threshold;
import dev.vbench.reports.compare.Verdict;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.ProfileRef;
import dev.vbench.reports.profile.BenchmarkProfile;
import dev.vbench.reports.profile.CallgrindExport;
import dev.vbench.reports.profile.Explanation;
import dev.vbench.reports.profile.ExplainFormat;
import dev.vbench.reports.profile.Profile;
import dev.vbench.reports.profile.ProfileDiff;
import dev.vbench.reports.profile.ProfileIO;
import dev.vbench.reports.profile.SpeedscopeExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vbench explain BASE NEW [NAME]}: for each benchmark the compare engine finds regressed
 * (or the one named), the functions whose counts changed between the two results' profiles
 * ({@code --attribute}), largest first, with their exclusive and inclusive changes and their share
 * of the total change.
 */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        description = {"Explain regressions by function: for each benchmark that regressed from BASE to NEW (or the "
                + "benchmark NAME), the functions whose counts changed between the two results' profiles "
                + "(vbench run|bench --attribute), largest first: exclusive and inclusive changes and their share "
                + "of the total change.",
                "BASE and NEW are result files, '-' or baseline:NAME; their profiles are found beside them."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:explained (or nothing regressed)", "2:bad usage or input (missing or mismatched profile, "
                + "unknown benchmark, different platforms)", "3:internal error"})
final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASE")
    String base;

    @Parameters(index = "1", paramLabel = "NEW")
    String current;

    @Parameters(index = "2", arity = "0..1", paramLabel = "NAME", description = "Explain this benchmark, regressed or not.")
    String name;

    @Option(names = "--metric", paramLabel = "M", defaultValue = "virtual_time",
            description = "What regressed means and what functions are ranked by: virtual_time (the profile's counts "
                    + "priced by its cost model) or a count (instructions, branches_conditional, branches_indirect, "
                    + "syscalls). Default: ${DEFAULT-VALUE}.")
    String metric;

    @Option(names = "--threshold", paramLabel = "T", defaultValue = "0.2%", description = "As for compare. Default: 0.2%%.")
    String threshold;

    @Option(names = "--format", paramLabel = "F", defaultValue = "text",
            description = "text, markdown (a pull-request comment) or json. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "Changed functions listed per benchmark in text and markdown (json lists all). Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--export", paramLabel = "FORMAT",
            description = "Also write NEW's profile of the benchmark explained (NAME, or the one that regressed) as "
                    + "callgrind (callgrind_annotate, KCachegrind) or speedscope JSON to --out.")
    String export;

    @Option(names = "--out", paramLabel = "FILE", description = "Where --export writes (atomically).")
    Path out;

    @Option(names = "--allow-mismatch", description = "Compare results from different platforms anyway.")
    boolean allowMismatch;

    @Option(names = "--baseline-dir", paramLabel = "DIR", description = "Where baseline:NAME looks (default .vbench/baselines).")
    Path baselineDir = BaselineStore.DEFAULT_DIR;

    @Override
    public Integer call() throws IOException {
        Threshold t = CompareCommand.parse("--threshold", () -> Threshold.parse(threshold));
        Metric m = CompareCommand.parse("--metric", () -> Metric.parse(metric));
        ExplainFormat f = CompareCommand.parse("--format", () -> ExplainFormat.of(format, Math.max(0, top)));
        if (export != null && !export.equals("callgrind") && !export.equals("speedscope")) {
            throw new UserError("--export takes callgrind or speedscope, not '" + export + "'");
        }
        if ((export == null) != (out == null)) {
            throw new UserError("--export FORMAT and --out FILE go together");
        }
        ResultPair pair = ResultPair.load(ResultSources.standard(baselineDir), base, current, r -> r);
        ResultSources.Loaded b = pair.base();
        ResultSources.Loaded n = pair.current();
        Comparison c = pair.compare(m, t, allowMismatch);
        List<Row> rows = new ArrayList<>();
        for (Row r : c.rowsBySeverity()) {
            if (name != null ? r.name().equals(name) : r.verdict() == Verdict.REGRESSED) {
                rows.add(r);
            }
        }
        if (name != null && rows.isEmpty()) {
            throw new UserError("NEW " + n.label() + ": no benchmark named '" + name + "'");
        }
        String ranking = m.isTime() ? "virtual_time" : m.name();
        List<Explanation> explanations = new ArrayList<>();
        BenchmarkProfile exportable = null;
        Profile exportProfile = null;
        for (Row r : rows) {
            Benchmark bb = find(b, r.name());
            Benchmark nb = find(n, r.name());
            String problem = null;
            ProfileLookup.Found bp = null;
            ProfileLookup.Found np = null;
            try {
                bp = ProfileLookup.of("BASE", b, bb);
                np = ProfileLookup.of("NEW", n, nb);
            } catch (UserError e) {
                if (name != null) {
                    throw e;
                }
                problem = e.getMessage();
            }
            if (problem != null) {
                explanations.add(new Explanation(r.name(), r, new ProfileDiff.Valuation(ranking, "", x -> 0), 0,
                        List.of(), new long[0], new long[0], List.of(), problem));
                continue;
            }
            Profile newProfile = np.profile();
            ProfileDiff.Valuation v = CompareCommand.parse("--metric", () -> ProfileDiff.Valuation.of(ranking, newProfile));
            List<ProfileDiff.FunctionDelta> deltas = ProfileDiff.diff(bp.benchmark(), np.benchmark(), v);
            long total = v.value().applyAsLong(np.benchmark().totals()) - v.value().applyAsLong(bp.benchmark().totals());
            explanations.add(new Explanation(r.name(), r, v, total, np.profile().counts(), bp.benchmark().totals(),
                    np.benchmark().totals(), deltas, null));
            if (exportable == null) {
                exportable = np.benchmark();
                exportProfile = np.profile();
            }
        }
        Outputs.write(null, "stdout", w -> f.writeOut(explanations, w));
        if (export != null) {
            if (exportable == null) {
                throw new UserError("--export: no benchmark with profiles to export (name one with NAME)");
            }
            BenchmarkProfile eb = exportable;
            Profile ep = exportProfile;
            Outputs.write(out, "--out", w -> {
                if (export.equals("callgrind")) {
                    CallgrindExport.write(ep, eb, w);
                } else {
                    SpeedscopeExport.write(ep, eb, w);
                }
            });
            System.err.println("vbench: " + export + " profile of " + eb.name() + " (NEW) written to " + out);
        }
        return ExitCodes.OK;
    }

    private static Benchmark find(ResultSources.Loaded side, String name) {
        return side.result().benchmarks().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
    }
}
