package dev.vbench.model.io;

import dev.vbench.model.calibrate.CalibrationReport;
import dev.vbench.model.calibrate.Evaluation;
import dev.vbench.model.calibrate.PointResult;
import dev.vbench.reports.format.CalibrationHtmlFormat;
import dev.vbench.reports.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The calibration report as a self-contained HTML page: the reports module draws it (the same
 * inlined ECharts as every vbench page) from the plain data made here.
 */
public final class CalibrationHtml {
    private CalibrationHtml() {}

    /** Writes the page atomically; {@code summary} lines come first (host, counter, corpus, duration). */
    public static void write(Path file, CalibrationReport report, List<String> summary) throws IOException {
        CalibrationHtmlFormat.Page page = page(report, summary);
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            new CalibrationHtmlFormat().writeOut(page, w);
            w.flush();
        });
    }

    static CalibrationHtmlFormat.Page page(CalibrationReport report, List<String> summary) {
        List<CalibrationHtmlFormat.Model> models = new ArrayList<>();
        for (Evaluation e : report.evaluations()) {
            boolean failed = e.failed();
            models.add(new CalibrationHtmlFormat.Model(e.name(), e.description(), e.name().equals(report.chosen()),
                    failed || e.fullFit() == null ? null : e.fullFit().r2(),
                    failed || e.fullFit() == null ? null : e.fullFit().adjustedR2(),
                    failed ? null : e.cv().medianAbsPctError(), failed ? null : e.cv().maxAbsPctError(), e.failure()));
        }
        List<CalibrationHtmlFormat.Coefficient> coefficients = new ArrayList<>();
        double[] c = report.fit().coefficients(), se = report.fit().standardErrors();
        for (int j = 0; j < c.length; j++) {
            coefficients.add(new CalibrationHtmlFormat.Coefficient(report.fit().names().get(j), Math.max(0, c[j]),
                    Double.isNaN(se[j]) ? null : se[j]));
        }
        List<CalibrationHtmlFormat.Point> points = new ArrayList<>();
        for (PointResult p : report.points()) {
            var s = p.sample();
            points.add(new CalibrationHtmlFormat.Point(s.point().kind(), s.point().size(), s.wall().medianNanos(),
                    s.wall().p10Nanos(), s.wall().p90Nanos(), p.fittedNanos(), p.heldOutNanos()));
        }
        return new CalibrationHtmlFormat.Page("vbench calibration", summary, report.noiseFloorPct(), models,
                coefficients, points);
    }
}
