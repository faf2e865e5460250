package dev.vbench.reports.format;

import dev.vbench.reports.compare.Comparison;
import dev.vbench.reports.compare.Mismatch;
import dev.vbench.reports.compare.Row;
import dev.vbench.reports.compare.Verdict;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The human comparison: a header (what was compared, on what metric and threshold), the summary
 * line, then one aligned row per benchmark, what fails the gate first. A reason (why a benchmark
 * failed, is nondeterministic or was not measured) follows its row, indented. With colour, the
 * verdict is red when it fails the gate and green when it improved; without, the bytes are plain.
 */
public final class CompareTextFormat implements ComparisonFormat {
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    private final boolean colour;

    public CompareTextFormat(boolean colour) {
        this.colour = colour;
    }

    @Override
    public void writeOut(Comparison c, Writer out) throws IOException {
        List<Row> rows = c.rowsBySeverity();
        StringBuilder sb = new StringBuilder(128 + rows.size() * 100);
        sb.append("vbench compare: ").append(c.baseLabel()).append(" -> ").append(c.newLabel())
                .append(", metric ").append(c.metric().name()).append(" (").append(c.metric().unit())
                .append("), threshold ").append(c.threshold()).append('\n');
        if (c.mismatched()) {
            sb.append(paint(YELLOW, "warning: platforms differ (compared with --allow-mismatch):")).append('\n');
            for (Mismatch m : c.mismatches()) {
                sb.append("  ").append(m.describe()).append('\n');
            }
        }
        sb.append(paint(BOLD, c.summaryLine())).append("\n\n");

        String[] header = {"verdict", "benchmark", "base", "new", "delta", "change"};
        String[][] cells = new String[rows.size()][];
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
        }
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            cells[r] = new String[] {row.verdict().label(), row.name(), Numbers.grouped(row.base()),
                    Numbers.grouped(row.current()), Numbers.signed(row.delta()), change(row)};
            for (int i = 0; i < header.length; i++) {
                width[i] = Math.max(width[i], cells[r][i].length());
            }
        }
        line(sb, header, width, null);
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            line(sb, cells[r], width, colourOf(row.verdict()));
            if (row.reason() != null) {
                sb.append("    ").append(row.reason()).append('\n');
            }
        }
        out.write(sb.toString());
    }

    /** The relative change, or why there is none: "+0.30%", "from 0", "n/a". */
    static String change(Row row) {
        if (row.deltaPct() == null && row.delta() != null) {
            return "from 0";
        }
        return Numbers.percent(row.deltaPct());
    }

    private void line(StringBuilder sb, String[] cells, int[] width, String verdictColour) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            // Text columns left-aligned, numbers right-aligned.
            String padded = i < 2 ? cell + " ".repeat(width[i] - cell.length()) : " ".repeat(width[i] - cell.length()) + cell;
            if (i == 0 && verdictColour != null) {
                padded = paint(verdictColour, cell) + " ".repeat(width[i] - cell.length());
            }
            line.append(i == 0 ? "" : "  ").append(padded);
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }

    private String colourOf(Verdict v) {
        if (v.failsGate()) {
            return RED;
        }
        return v == Verdict.IMPROVED ? GREEN : null;
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }
}
