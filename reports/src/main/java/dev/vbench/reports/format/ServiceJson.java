package dev.vbench.reports.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Termination;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the formats for other services share: the measures of a benchmark, and pretty JSON. */
final class ServiceJson {
    private static final ObjectWriter WRITER = JsonMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build().writer();

    /** The unit of a measure named as in a result file. */
    static final String NS = "ns";

    private ServiceJson() {}

    /**
     * The numbers a service should track for {@code b}, by the names the result file uses:
     * {@code virtual_time_ns}, {@code calibrated_time_ns} when present, then each measured count.
     * Empty for a run that did not end by exiting (timed out, interrupted, deadlocked): its counts
     * stop mid-run and would look like an improvement.
     */
    static Map<String, Long> measures(Benchmark b) {
        Map<String, Long> m = new LinkedHashMap<>();
        if (b.termination() != Termination.EXITED) {
            return m;
        }
        m.put("virtual_time_ns", b.virtualTimeNs());
        if (b.calibratedTimeNs() != null) {
            m.put("calibrated_time_ns", b.calibratedTimeNs());
        }
        m.putAll(b.counters().asMap());
        return m;
    }

    static String unit(String measure) {
        return measure.endsWith("_ns") ? NS : "count";
    }

    static void write(Object value, Writer out) throws IOException {
        WRITER.writeValue(out, value);
        out.write('\n');
    }
}
