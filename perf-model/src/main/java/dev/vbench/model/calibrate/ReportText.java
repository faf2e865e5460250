package dev.vbench.model.calibrate;

import java.util.Locale;

/**
 * The calibration report as text for a terminal: every model and formula with its held-out errors
 * beside the noise floor (an error near the floor is as good as the measurement allows), then the
 * chosen model's coefficients.
 */
public final class ReportText {
    private ReportText() {}

    public static String render(CalibrationReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d points, %d workload kinds; leave-one-kind-out cross-validation%n",
                report.points().size(), report.kinds()));
        out.append(String.format(Locale.ROOT, "%-20s %8s %8s %13s %10s %12s%n",
                "model", "R2", "adj R2", "median err %", "max err %", "noise floor %"));
        for (Evaluation e : report.evaluations()) {
            String mark = e.name().equals(report.chosen()) ? "*" : " ";
            if (e.failed()) {
                out.append(String.format(Locale.ROOT, "%s%-19s not fitted: %s%n", mark, e.name(), e.failure()));
                continue;
            }
            out.append(String.format(Locale.ROOT, "%s%-19s %8s %8s %13.2f %10.2f %12.2f%n", mark, e.name(),
                    e.fullFit() == null ? "-" : number(e.fullFit().r2()),
                    e.fullFit() == null ? "-" : number(e.fullFit().adjustedR2()),
                    e.cv().medianAbsPctError(), e.cv().maxAbsPctError(), report.noiseFloorPct()));
        }
        out.append(String.format(Locale.ROOT, "* the model (%s, %s weighting): ns per unit +- standard error%n",
                report.fit().method(), report.fit().weighting().label()));
        double[] c = report.fit().coefficients(), se = report.fit().standardErrors();
        for (int j = 0; j < c.length; j++) {
            out.append(String.format(Locale.ROOT, "  %-22s %14.6g %s%n", report.fit().names().get(j), c[j],
                    Double.isNaN(se[j]) ? "(held at 0 or unobserved)" : String.format(Locale.ROOT, "+- %.3g", se[j])));
        }
        return out.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
