package dev.vbench.reports.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark's profile in speedscope's file format (schema
 * https://www.speedscope.app/file-format-schema.json): a "sampled" profile per count, with one
 * sample per calling-context node whose own cost is not zero (its stack of frames from the top
 * level down) weighted by that cost, so speedscope's views add up to the benchmark's totals.
 */
public final class SpeedscopeExport {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private SpeedscopeExport() {}

    public static void write(Profile profile, BenchmarkProfile b, Writer out) throws IOException {
        List<Map<String, Object>> frames = new ArrayList<>();
        for (FunctionInfo f : b.functions()) {
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("name", f.name() + " [" + f.objectName() + "]");
            if (!f.file().isEmpty()) {
                frame.put("file", f.file());
                frame.put("line", f.line());
            }
            frames.add(frame);
        }
        List<Map<String, Object>> profiles = new ArrayList<>();
        for (int k = 0; k < profile.counts().size(); k++) {
            List<List<Integer>> samples = new ArrayList<>();
            List<Long> weights = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < b.nodes().size(); i++) {
                long w = b.nodes().get(i)[BenchmarkProfile.COSTS + k];
                if (w == 0) {
                    continue;
                }
                List<Integer> stack = new ArrayList<>();
                for (int n = i; n >= 0; n = b.parent(n)) {
                    stack.add(0, b.function(n));
                }
                samples.add(stack);
                weights.add(w);
                total += w;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("type", "sampled");
            p.put("name", b.name() + ": " + profile.counts().get(k));
            p.put("unit", "none");
            p.put("startValue", 0);
            p.put("endValue", total);
            p.put("samples", samples);
            p.put("weights", weights);
            profiles.add(p);
        }
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("$schema", "https://www.speedscope.app/file-format-schema.json");
        file.put("shared", Map.of("frames", frames));
        file.put("profiles", profiles);
        file.put("name", b.name());
        file.put("activeProfileIndex", 0);
        file.put("exporter", "vbench");
        out.write(JSON.writeValueAsString(file));
        out.write("\n");
    }
}
