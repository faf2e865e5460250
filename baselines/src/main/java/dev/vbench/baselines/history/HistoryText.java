package dev.vbench.baselines.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Plain-text renderings of series and change points for a terminal or a CI log. */
public final class HistoryText {
    private HistoryText() {}

    /** One block per series: each point, the change points marked, then the change points listed. */
    public static String series(List<Series> series, ChangeDetector detector) {
        StringBuilder sb = new StringBuilder();
        for (Series s : series) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            List<ChangePoint> changes = detector.detect(s);
            Map<Integer, ChangePoint> byIndex = new HashMap<>();
            changes.forEach(c -> byIndex.put(c.index(), c));
            sb.append(s.benchmark()).append("  ").append(s.metric()).append("  on ").append(s.branch()).append(": ")
                    .append(s.size()).append(s.size() == 1 ? " result, " : " results, ").append(kind(s)).append('\n');
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"#", "commit", "recorded", "value", "change"});
            for (int i = 0; i < s.size(); i++) {
                SeriesPoint p = s.points().get(i);
                ChangePoint c = byIndex.get(i);
                rows.add(new String[] {String.valueOf(i + 1), Formats.commit(p.commit()), Formats.time(p.recordedAt()),
                        Formats.number(p.value()), c == null ? "" : Formats.percent(c.percent()) + "  <- change point"
                        + (c.platformChanged() ? " (platform changed)" : "")});
            }
            table(sb, rows, "  ", new boolean[] {true, false, false, true, false});
            sb.append(changes.isEmpty() ? "no change point\n"
                    : changes.size() == 1 ? "1 change point:\n" : changes.size() + " change points:\n");
            for (ChangePoint c : changes) {
                sb.append("  ").append(Formats.commit(c.commit())).append(" (#").append(c.index() + 1).append(")  ")
                        .append(Formats.number(c.before())).append(" -> ").append(Formats.number(c.after())).append("  ")
                        .append(Formats.percent(c.percent()));
                if (c.method() == ChangePoint.Method.E_DIVISIVE) {
                    sb.append(String.format(java.util.Locale.ROOT, "  (segment means, p = %.3f)", c.pValue()));
                }
                if (c.platformChanged()) {
                    sb.append("  platform changed");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** A table of change points, oldest first; a line saying so when there are none. */
    public static String changes(List<ChangePoint> changes) {
        if (changes.isEmpty()) {
            return "no change points\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"commit", "branch", "benchmark", "metric", "before", "after", "change", "method"});
        boolean anyPlatform = false;
        for (ChangePoint c : changes) {
            anyPlatform |= c.platformChanged();
            rows.add(new String[] {Formats.commit(c.commit()), c.branch(), c.benchmark(), c.metric().name(),
                    Formats.number(c.before()), Formats.number(c.after()), Formats.percent(c.percent()),
                    c.method().label() + (c.platformChanged() ? " *" : "")});
        }
        StringBuilder sb = new StringBuilder();
        table(sb, rows, "", new boolean[] {false, false, false, false, true, true, true, false});
        if (anyPlatform) {
            sb.append("* the platform fingerprint changed at this commit too: the change may be the platform's\n");
        }
        return sb.toString();
    }

    static String kind(Series s) {
        if (s.exact()) {
            return "exact (every change of value is a change point)";
        }
        EDivisive.Config c = EDivisive.Config.DEFAULT;
        return (s.metric().noisy() ? "noisy" : "noisy (a run was not deterministic)")
                + String.format(java.util.Locale.ROOT, " (E-Divisive means, p <= %s)", c.significance());
    }

    private static void table(StringBuilder sb, List<String[]> rows, String indent, boolean[] right) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < r.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(width[i] - r[i].length());
                line.append(right[i] ? pad + r[i] : r[i] + (i == r.length - 1 ? "" : pad));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
