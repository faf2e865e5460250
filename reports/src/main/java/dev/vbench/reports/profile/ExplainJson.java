package dev.vbench.reports.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code vbench explain} as JSON, schema {@code vbench.explain/1}: every function, changed or not. */
final class ExplainJson implements ExplainFormat {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Override
    public void writeOut(List<Explanation> explanations, Writer out) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Explanation e : explanations) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.benchmark());
            m.put("verdict", e.row().verdict().jsonName());
            Map<String, Object> compare = new LinkedHashMap<>();
            compare.put("base", e.row().base());
            compare.put("new", e.row().current());
            compare.put("delta", e.row().delta());
            compare.put("delta_pct", e.row().deltaPct());
            m.put("compare", compare);
            m.put("metric", e.valuation().name());
            m.put("unit", e.valuation().unit());
            m.put("problem", e.problem());
            m.put("counts", e.counts());
            m.put("base_totals", e.baseTotals());
            m.put("new_totals", e.newTotals());
            m.put("total_delta", e.totalDelta());
            List<Map<String, Object>> fns = new ArrayList<>();
            for (ProfileDiff.FunctionDelta d : e.functions()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("function", d.function().name());
                f.put("object", d.function().object());
                f.put("file", d.function().file());
                f.put("line", d.function().line());
                f.put("exclusive_delta", e.value(d.exclusiveDelta()));
                f.put("inclusive_delta", e.value(d.inclusiveDelta()));
                f.put("share_pct", e.share(d));
                f.put("exclusive_delta_counts", d.exclusiveDelta());
                f.put("inclusive_delta_counts", d.inclusiveDelta());
                f.put("base_exclusive", d.baseExclusive());
                f.put("new_exclusive", d.newExclusive());
                f.put("base_inclusive", d.baseInclusive());
                f.put("new_inclusive", d.newInclusive());
                fns.add(f);
            }
            m.put("functions", fns);
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", "vbench.explain/1");
        root.put("benchmarks", list);
        JSON.writeValue(new NonClosing(out), root);
        out.write("\n");
    }

    private static final class NonClosing extends java.io.FilterWriter {
        NonClosing(Writer w) {
            super(w);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
