package dev.vbench.reports.format;

import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.WallTime;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bencher Metric Format (BMF) JSON, for {@code bencher run --adapter json --file FILE}: an object
 * keyed by benchmark name, each an object keyed by measure, each {@code {"value": N}}. The measures
 * are named as in the result file: {@code virtual_time_ns}, {@code calibrated_time_ns} when
 * calibrated, every measured count ({@code instructions}, {@code syscalls}...), and
 * {@code wall_time_ns} where native wall time was measured: the median, with {@code lower_value}
 * min and {@code upper_value} max. Benchmarks that did not end by exiting are left out (their counts
 * stop mid-run). Bencher creates a measure the first time it sees its name.
 */
public final class BencherFormat implements ResultFormat {
    @Override
    public void writeOut(Result result, Writer out) throws IOException {
        Map<String, Map<String, Map<String, Long>>> bmf = new LinkedHashMap<>();
        for (Benchmark b : result.benchmarks()) {
            Map<String, Map<String, Long>> measures = new LinkedHashMap<>();
            ServiceJson.measures(b).forEach((name, value) -> measures.put(name, Map.of("value", value)));
            if (measures.isEmpty()) {
                continue;
            }
            WallTime w = b.wallTimeNs();
            if (w != null) {
                Map<String, Long> wall = new LinkedHashMap<>();
                wall.put("value", w.median());
                wall.put("lower_value", w.min());
                wall.put("upper_value", w.max());
                measures.put("wall_time_ns", wall);
            }
            bmf.put(b.name(), measures);
        }
        ServiceJson.write(bmf, out);
    }
}
