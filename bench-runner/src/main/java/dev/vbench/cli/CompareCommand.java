package dev.vbench.cli;

import dev.vbench.baselines.BaselineStore;
import dev.vbench.reports.compare.Comparison;
import dev.vbench.reports.compare.Metric;
import dev.vbench.reports.compare.Threshold;
import dev.vbench.reports.format.ComparisonFormatFactory;
import dev.vbench.reports.format.ComparisonFormatType;
import dev.vbench.reports.format.TerminalColour;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vbench compare BASE NEW}: the regression gate. */
@Command(name = "compare",
        mixinStandardHelpOptions = true,
        description = {"Compare two results benchmark by benchmark; exit 1 if anything regressed, failed, is "
                + "nondeterministic or was not measured.",
                "BASE and NEW are result files, '-' (stdin) or baseline:NAME."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing regressed", "1:something regressed, failed, is nondeterministic or was not measured",
                "2:bad usage or input (missing or malformed file, unknown schema, different platforms)",
                "3:internal error"})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASE", description = "The result to compare against.")
    String base;

    @Parameters(index = "1", paramLabel = "NEW", description = "The result to judge.")
    String current;

    @Option(names = "--threshold", paramLabel = "T", defaultValue = "0.2%",
            description = "Smallest change that counts, as a percentage (0.2%%) or a fraction (0.002); "
                    + "a benchmark's own threshold_pct wins. Default: 0.2%%.")
    String threshold;

    @Option(names = "--metric", paramLabel = "M",
            description = "virtual_time, calibrated_time or a count (instructions, branches_conditional, "
                    + "syscalls, pages_touched, ...). Default: virtual_time, or calibrated_time with --model.")
    String metric;

    @Option(names = "--region", paramLabel = "NAME",
            description = "Compare the metric inside the region NAME that the benchmarks marked (vbench.h) instead "
                    + "of the whole run; a benchmark without the region is not measured.")
    String region;

    @Option(names = "--model", paramLabel = "MODEL.json",
            description = "Re-price both results' stored counts with this calibrated model (vbench calibrate) "
                    + "before comparing, without re-running anything; the metric is then calibrated_time unless "
                    + "--metric says otherwise.")
    Path model;

    @Option(names = "--format", paramLabel = "F", defaultValue = "text",
            description = "text, markdown, json, csv, junit or html. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write there (atomically) instead of stdout.")
    Path out;

    @Option(names = "--allow-mismatch",
            description = "Compare results from different platforms anyway; the output says so.")
    boolean allowMismatch;

    @Option(names = "--baseline-dir", paramLabel = "DIR", description = "Where baseline:NAME looks (default .vbench/baselines).")
    Path baselineDir = BaselineStore.DEFAULT_DIR;

    @Override
    public Integer call() {
        Threshold t = parse("--threshold", () -> Threshold.parse(threshold));
        Metric whole = parse("--metric", () -> Metric.parse(metric != null ? metric
                : model != null ? "calibrated_time" : "virtual_time"));
        Metric m = region == null ? whole : parse("--region", () -> whole.inRegion(region));
        dev.vbench.model.CalibratedModel calibrated = model == null ? null : readModel(model);
        ComparisonFormatType type = parse("--format", () -> ComparisonFormatType.parse(format));
        Comparison c = ResultPair.load(ResultSources.standard(baselineDir), base, current, r -> reprice(r, calibrated))
                .compare(m, t, allowMismatch);
        boolean colour = type == ComparisonFormatType.TEXT && out == null
                && TerminalColour.wanted(Outputs.stdoutIsTerminal(), Outputs.environment);
        Outputs.write(out, "--out", w -> ComparisonFormatFactory.of(type, colour).writeOut(c, w));
        if (out != null) {
            System.err.println("vbench: " + c.summaryLine() + " (written to " + out + ")");
        }
        String summary = Outputs.environment.get("GITHUB_STEP_SUMMARY");
        if (summary != null && !summary.isEmpty()) {
            Outputs.append(Path.of(summary), "GITHUB_STEP_SUMMARY",
                    w -> ComparisonFormatFactory.of(ComparisonFormatType.MARKDOWN, false).writeOut(c, w));
        }
        if (c.mismatched()) {
            System.err.println("vbench: warning: compared results from different platforms (--allow-mismatch)");
        }
        return c.failsGate() ? ExitCodes.DIFFERENCE : ExitCodes.OK;
    }

    /** The model file, any counter; each result is checked against it when loaded. */
    private static dev.vbench.model.CalibratedModel readModel(Path file) {
        try {
            return dev.vbench.model.io.ModelFileReader.read(file);
        } catch (dev.vbench.model.io.ModelFileException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The loaded result priced by {@code model}; refused if its counts come from another counter backend. */
    private ResultSources.Loaded reprice(ResultSources.Loaded loaded, dev.vbench.model.CalibratedModel model) {
        if (model == null) {
            return loaded;
        }
        String counter = loaded.result().environment().counter();
        if (!model.counter().equals(counter)) {
            throw new UserError("--model " + this.model + ": it was calibrated for counter backend '" + model.counter()
                    + "', but " + loaded.label() + " was counted with '" + counter + "'");
        }
        return new ResultSources.Loaded(loaded.label(),
                dev.vbench.model.price.ResultPricing.reprice(loaded.result(), model));
    }

    static <T> T parse(String option, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }
}
