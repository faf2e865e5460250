package dev.vbench.reports.profile;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** {@code vbench explain} for a terminal: per regressed benchmark, its changed functions, largest first. */
final class ExplainText implements ExplainFormat {
    private final int top;

    ExplainText(int top) {
        this.top = top;
    }

    @Override
    public void writeOut(List<Explanation> explanations, Writer out) throws IOException {
        if (explanations.isEmpty()) {
            out.write("No benchmark regressed: nothing to explain.\n");
            return;
        }
        for (Explanation e : explanations) {
            out.write(e.benchmark() + ": " + e.row().verdict().label());
            if (e.row().deltaPct() != null) {
                out.write(String.format(Locale.ROOT, " (%s %+.3f%%)", e.row().delta() == null ? ""
                        : ExplainFormat.signed(e.row().delta()), e.row().deltaPct()));
            }
            out.write("\n");
            if (e.problem() != null) {
                out.write("  " + e.problem() + "\n\n");
                continue;
            }
            String unit = e.valuation().unit().equals("ns") ? " ns" : "";
            out.write("  " + e.valuation().name() + " changed by " + ExplainFormat.signed(e.totalDelta()) + unit
                    + " over the profiles; by function (exclusive, inclusive, share of the change):\n");
            int shown = 0;
            int changed = 0;
            for (ProfileDiff.FunctionDelta d : e.functions()) {
                if (!ExplainFormat.changed(d)) {
                    continue;
                }
                changed++;
                if (shown++ >= top) {
                    continue;
                }
                out.write(String.format(Locale.ROOT, "  %16s %16s %8s  %s%n", ExplainFormat.signed(e.value(d.exclusiveDelta())),
                        ExplainFormat.signed(e.value(d.inclusiveDelta())), ExplainFormat.pct(e.share(d)),
                        d.function().describe()));
            }
            if (changed > top) {
                out.write("  ... and " + (changed - top) + " more changed functions\n");
            }
            out.write("  " + (e.functions().size() - changed) + " functions unchanged\n\n");
        }
    }
}
