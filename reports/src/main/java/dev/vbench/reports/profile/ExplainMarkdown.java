package dev.vbench.reports.profile;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** {@code vbench explain} as a pull-request comment: a table of changed functions per regressed benchmark. */
final class ExplainMarkdown implements ExplainFormat {
    private final int top;

    ExplainMarkdown(int top) {
        this.top = top;
    }

    @Override
    public void writeOut(List<Explanation> explanations, Writer out) throws IOException {
        out.write("### vbench explain\n\n");
        if (explanations.isEmpty()) {
            out.write("No benchmark regressed: nothing to explain.\n");
            return;
        }
        for (Explanation e : explanations) {
            out.write("#### `" + code(e.benchmark()) + "`: " + e.row().verdict().label()
                    + (e.row().deltaPct() == null ? "" : String.format(Locale.ROOT, " (%+.3f%%)", e.row().deltaPct())) + "\n\n");
            if (e.problem() != null) {
                out.write(cell(e.problem()) + "\n\n");
                continue;
            }
            String unit = e.valuation().unit().equals("ns") ? " ns" : "";
            out.write("`" + e.valuation().name() + "` changed by **" + ExplainFormat.signed(e.totalDelta()) + unit
                    + "** over the profiles.\n\n");
            out.write("| function | exclusive | inclusive | share | where |\n|---|---:|---:|---:|---|\n");
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
                FunctionInfo f = d.function();
                out.write("| `" + code(f.name()) + "` | " + ExplainFormat.signed(e.value(d.exclusiveDelta())) + " | "
                        + ExplainFormat.signed(e.value(d.inclusiveDelta())) + " | " + ExplainFormat.pct(e.share(d)) + " | "
                        + cell(f.file().isEmpty() ? f.objectName() : f.file() + (f.line() > 0 ? ":" + f.line() : "")) + " |\n");
            }
            out.write("\n");
            if (changed > top) {
                out.write((changed - top) + " more functions changed; ");
            }
            out.write((e.functions().size() - changed) + " functions unchanged.\n\n");
        }
    }

    private static String code(String s) {
        return s.replace("`", "'").replace("|", "\\|");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;");
    }
}
