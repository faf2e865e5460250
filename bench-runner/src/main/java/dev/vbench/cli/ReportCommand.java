package dev.vbench.cli;

import dev.vbench.baselines.BaselineStore;
import dev.vbench.reports.compare.CompareEngine;
import dev.vbench.reports.format.HistoryHtmlFormat;
import dev.vbench.reports.format.ResultFormat;
import dev.vbench.reports.format.ResultFormatFactory;
import dev.vbench.reports.format.ResultFormatType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vbench report RESULT...}: renders results for people and for other services. One result
 * in any format; several as one HTML page with a history chart per benchmark, or as text or
 * Markdown one after another.
 */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {"Render results: for people (text, markdown, html), scripts (csv, json) and services "
                + "(bencher: Bencher Metric Format; github-action-benchmark: customSmallerIsBetter).",
                "RESULT is a file, '-' (stdin) or baseline:NAME. Several results: html shows each benchmark's "
                        + "history across them, in the order given."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:bad usage or input", "3:internal error"})
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RESULT")
    List<String> results = new ArrayList<>();

    @Option(names = "--format", paramLabel = "F",
            description = "text, markdown, csv, json, html, bencher or github-action-benchmark. Default: text.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write there (atomically) instead of stdout.")
    Path out;

    @Option(names = "--html", paramLabel = "FILE", description = "Shorthand for --format html --out FILE.")
    Path html;

    @Option(names = "--baseline-dir", paramLabel = "DIR", description = "Where baseline:NAME looks (default .vbench/baselines).")
    Path baselineDir = BaselineStore.DEFAULT_DIR;

    @Override
    public Integer call() {
        if (html != null && (format != null || out != null)) {
            throw new UserError("--html FILE is short for --format html --out FILE; give either, not both");
        }
        ResultFormatType type = html != null ? ResultFormatType.HTML
                : CompareCommand.parse("--format", () -> ResultFormatType.parse(format == null ? "text" : format));
        Path target = html != null ? html : out;
        if (results.stream().filter("-"::equals).count() > 1) {
            throw new UserError("'-' (standard input) can be given once");
        }
        ResultSources sources = ResultSources.standard(baselineDir);
        List<ResultSources.Loaded> loaded = new ArrayList<>();
        for (String spec : results) {
            loaded.add(sources.load("RESULT", spec));
        }
        if (loaded.size() == 1) {
            ResultFormat f = ResultFormatFactory.of(type);
            Outputs.write(target, "--out", w -> f.writeOut(loaded.get(0).result(), w));
            return ExitCodes.OK;
        }
        switch (type) {
            case HTML -> {
                List<CompareEngine.Labeled> series = loaded.stream()
                        .map(l -> new CompareEngine.Labeled(l.label(), l.result())).toList();
                List<dev.vbench.reports.profile.DiffFlameGraph> flames = flameGraphs(loaded.get(loaded.size() - 2),
                        loaded.get(loaded.size() - 1));
                Outputs.write(target, "--out", w -> new HistoryHtmlFormat().writeOut(series, flames, w));
            }
            case TEXT, MARKDOWN -> Outputs.write(target, "--out", w -> {
                ResultFormat f = ResultFormatFactory.of(type);
                for (int i = 0; i < loaded.size(); i++) {
                    w.write(i == 0 ? "" : "\n");
                    w.write(type == ResultFormatType.MARKDOWN ? "<!-- " + loaded.get(i).label().replace("--", "- -") + " -->\n"
                            : "== " + loaded.get(i).label() + " ==\n");
                    f.writeOut(loaded.get(i).result(), w);
                }
            });
            default -> throw new UserError("--format " + type.cliName() + " renders one RESULT, not "
                    + loaded.size() + "; several results go to --format html (a history per benchmark), text or markdown");
        }
        return ExitCodes.OK;
    }

    /**
     * A differential flame graph for each benchmark that regressed (virtual time, 0.2%) from
     * {@code base} to {@code now} and has a profile on both sides; a benchmark without profiles, or
     * results of different platforms, get none (a line on stderr says why).
     */
    static List<dev.vbench.reports.profile.DiffFlameGraph> flameGraphs(ResultSources.Loaded base, ResultSources.Loaded now) {
        List<dev.vbench.reports.profile.DiffFlameGraph> out = new ArrayList<>();
        dev.vbench.reports.compare.Comparison c;
        try {
            c = CompareEngine.compare(new CompareEngine.Labeled(base.label(), base.result()),
                    new CompareEngine.Labeled(now.label(), now.result()), dev.vbench.reports.compare.Metric.VIRTUAL_TIME,
                    dev.vbench.reports.compare.Threshold.parse("0.2%"), false);
        } catch (dev.vbench.reports.compare.IncomparableResultsException e) {
            return out;
        }
        for (var row : c.rowsBySeverity()) {
            if (row.verdict() != dev.vbench.reports.compare.Verdict.REGRESSED) {
                continue;
            }
            var bb = base.result().benchmarks().stream().filter(x -> x.name().equals(row.name())).findFirst().orElse(null);
            var nb = now.result().benchmarks().stream().filter(x -> x.name().equals(row.name())).findFirst().orElse(null);
            if (bb == null || nb == null || bb.profile() == null || nb.profile() == null) {
                continue;
            }
            try {
                ProfileLookup.Found bp = ProfileLookup.of("RESULT", base, bb);
                ProfileLookup.Found np = ProfileLookup.of("RESULT", now, nb);
                var v = dev.vbench.reports.profile.ProfileDiff.Valuation.of("virtual_time", np.profile());
                out.add(dev.vbench.reports.profile.DiffFlameGraph.of(row.name(), bp.benchmark(), np.benchmark(), v, 0.001));
            } catch (UserError e) {
                System.err.println("vbench: no flame graph for " + row.name() + ": " + e.getMessage());
            }
        }
        return out;
    }
}
