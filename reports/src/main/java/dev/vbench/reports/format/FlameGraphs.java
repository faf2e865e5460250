package dev.vbench.reports.format;

import dev.vbench.reports.profile.DiffFlameGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Differential flame graphs in an HTML page: a section per graph with its container and a caption,
 * and the data charts.js draws them from (ECharts' custom series: one rectangle per frame, red
 * where the frame's inclusive value grew, blue where it shrank, stronger the larger the relative
 * change; grey where unchanged).
 */
final class FlameGraphs {
    private FlameGraphs() {}

    static void append(HtmlPage page, List<DiffFlameGraph> flames) {
        if (flames.isEmpty()) {
            return;
        }
        StringBuilder sb = page.body();
        sb.append("<h2>Where the regressions are</h2>\n");
        for (int i = 0; i < flames.size(); i++) {
            DiffFlameGraph f = flames.get(i);
            sb.append("<h3>").append(Escape.html(f.benchmark())).append("</h3>\n");
            page.chart("chart-flame-" + i, "Differential flame graph of " + f.benchmark() + ": the new profile's call "
                    + "paths, each frame as wide as its inclusive " + f.metric() + "; red grew, blue shrank from the "
                    + "previous result (" + Numbers.grouped(f.baseTotal()) + " to " + Numbers.grouped(f.newTotal())
                    + (f.unit().equals("ns") ? " ns" : "") + ").");
        }
    }

    static List<Map<String, Object>> data(List<DiffFlameGraph> flames) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < flames.size(); i++) {
            DiffFlameGraph f = flames.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", "chart-flame-" + i);
            m.put("benchmark", f.benchmark());
            m.put("metric", f.metric());
            m.put("unit", f.unit());
            m.put("base_total", f.baseTotal());
            m.put("new_total", f.newTotal());
            m.put("names", f.names());
            m.put("frames", f.frames());
            out.add(m);
        }
        return out;
    }
}
