package dev.vbench.reports.format;

import dev.vbench.reports.compare.Comparison;
import dev.vbench.reports.compare.Mismatch;
import dev.vbench.reports.compare.Row;
import dev.vbench.reports.compare.Verdict;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A pull-request comment (and GitHub job summary): a heading, one summary line
 * ("2 regressed, 1 improved, 40 unchanged"), what was compared, a warning when the platforms
 * differ, a table of every benchmark that is not unchanged (what fails the gate first), and the
 * unchanged ones collapsed in a {@code <details>} block so a long suite stays readable.
 */
public final class CompareMarkdownFormat implements ComparisonFormat {

    @Override
    public void writeOut(Comparison c, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder(1024);
        sb.append("### vbench compare: ").append(c.failsGate() ? "failed" : "passed").append("\n\n");
        sb.append("**").append(c.summaryLine()).append("**\n\n");
        sb.append("Metric ").append(Escape.markdownCell(c.metric().name())).append(" (").append(c.metric().unit())
                .append("), threshold ").append(c.threshold()).append(", base ")
                .append(Escape.markdownCell(c.baseLabel())).append(", new ").append(Escape.markdownCell(c.newLabel()))
                .append("\n");
        if (c.mismatched()) {
            sb.append("\n> **Warning:** the platforms differ (compared with --allow-mismatch):\n");
            for (Mismatch m : c.mismatches()) {
                sb.append("> - ").append(Escape.markdownCell(m.describe())).append('\n');
            }
        }
        List<Row> changed = new ArrayList<>();
        List<Row> unchanged = new ArrayList<>();
        for (Row r : c.rowsBySeverity()) {
            (r.verdict() == Verdict.UNCHANGED ? unchanged : changed).add(r);
        }
        if (!changed.isEmpty()) {
            sb.append("\n| verdict | benchmark | base | new | change | note |\n|:--|:--|--:|--:|--:|:--|\n");
            for (Row r : changed) {
                String verdict = r.verdict().failsGate() ? "**" + r.verdict().label() + "**" : r.verdict().label();
                sb.append("| ").append(verdict).append(" | ").append(Escape.markdownCell(r.name())).append(" | ")
                        .append(Numbers.grouped(r.base())).append(" | ").append(Numbers.grouped(r.current()))
                        .append(" | ").append(CompareTextFormat.change(r)).append(" | ")
                        .append(Escape.markdownCell(r.reason())).append(" |\n");
            }
        }
        if (!unchanged.isEmpty()) {
            // Blank lines around the table: GitHub renders Markdown inside <details> only then.
            sb.append("\n<details><summary>").append(unchanged.size()).append(" unchanged</summary>\n\n")
                    .append("| benchmark | base | new | change |\n|:--|--:|--:|--:|\n");
            for (Row r : unchanged) {
                sb.append("| ").append(Escape.markdownCell(r.name())).append(" | ").append(Numbers.grouped(r.base()))
                        .append(" | ").append(Numbers.grouped(r.current())).append(" | ")
                        .append(CompareTextFormat.change(r)).append(" |\n");
            }
            sb.append("\n</details>\n");
        }
        out.write(sb.toString());
    }
}
