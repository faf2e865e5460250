package dev.vbench.reports.format;

import java.util.List;
import java.util.Locale;

/**
 * A horizontal grouped bar chart as inline SVG (no script, no external resources), so an HTML report
 * is one self-contained file. All series share one linear scale starting at 0, because they are all
 * nanoseconds and the point is to compare them; a {@code null} value draws no bar.
 */
final class SvgBarChart {
    /** One kind of bar; {@code cssClass} sets its colour from the page's inline style. */
    record Series(String name, String cssClass) {}

    /** One benchmark: its label and one value per series (same order as the series). */
    record Group(String label, List<Long> values) {}

    private static final int LABEL_WIDTH = 220;
    private static final int BAR_AREA = 520;
    private static final int VALUE_WIDTH = 120;
    private static final int BAR_HEIGHT = 16;
    private static final int BAR_GAP = 3;
    private static final int GROUP_GAP = 12;
    private static final int LEGEND_HEIGHT = 24;

    private SvgBarChart() {}

    static String render(String title, List<Series> series, List<Group> groups) {
        long max = groups.stream().flatMap(g -> g.values().stream())
                .filter(v -> v != null).mapToLong(Long::longValue).max().orElse(0);
        int width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
        StringBuilder body = new StringBuilder();
        int y = LEGEND_HEIGHT;
        for (Group group : groups) {
            int groupTop = y;
            for (int i = 0; i < series.size(); i++) {
                Long value = i < group.values().size() ? group.values().get(i) : null;
                if (value == null) {
                    continue;
                }
                bar(body, series.get(i), value, max, y);
                y += BAR_HEIGHT + BAR_GAP;
            }
            if (y == groupTop) {
                y += BAR_HEIGHT + BAR_GAP; // keep the label's row even with nothing to draw
            }
            int labelY = groupTop + (y - groupTop - BAR_GAP) / 2 + 5;
            body.append("<text class=\"label\" x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(labelY)
                    .append("\" text-anchor=\"end\">").append(Escape.html(group.label())).append("</text>\n");
            y += GROUP_GAP;
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg role=\"img\" width=\"").append(width).append("\" height=\"").append(y)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(y).append("\">\n")
                .append("<title>").append(Escape.html(title)).append("</title>\n");
        legend(svg, series);
        return svg.append(body).append("</svg>\n").toString();
    }

    private static void bar(StringBuilder sb, Series series, long value, long max, int y) {
        double length = max <= 0 ? 0 : (double) BAR_AREA * Math.max(0, value) / max;
        if (value > 0 && length < 1) {
            length = 1; // a non-zero time must stay visible next to a much longer one
        }
        sb.append("<rect class=\"").append(Escape.html(series.cssClass())).append("\" x=\"").append(LABEL_WIDTH)
                .append("\" y=\"").append(y).append("\" width=\"").append(String.format(Locale.ROOT, "%.1f", length))
                .append("\" height=\"").append(BAR_HEIGHT).append("\"><title>")
                .append(Escape.html(series.name() + ": " + Numbers.grouped(value) + " ns"))
                .append("</title></rect>\n");
        sb.append("<text class=\"value\" x=\"").append(String.format(Locale.ROOT, "%.1f", LABEL_WIDTH + length + 4))
                .append("\" y=\"").append(y + BAR_HEIGHT - 4).append("\">")
                .append(Escape.html(Numbers.duration(value))).append("</text>\n");
    }

    private static void legend(StringBuilder sb, List<Series> series) {
        int x = LABEL_WIDTH;
        for (Series s : series) {
            sb.append("<rect class=\"").append(Escape.html(s.cssClass())).append("\" x=\"").append(x)
                    .append("\" y=\"4\" width=\"12\" height=\"12\"/>")
                    .append("<text x=\"").append(x + 16).append("\" y=\"14\">").append(Escape.html(s.name()))
                    .append("</text>\n");
            x += 16 + 8 * s.name().length() + 24;
        }
    }
}
