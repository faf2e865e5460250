package dev.vbench.cli.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vbench.reports.model.JmhScore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads JMH's JSON result ({@code -rf json}): one entry per benchmark and parameter combination. */
public final class JmhResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JmhResults() {}

    /**
     * The entries of a JMH JSON result, with {@code settings} (the options vbench passed) recorded in each.
     *
     * @throws IOException if the file cannot be read or is not JMH's JSON
     */
    public static List<JmhScore> read(Path file, List<String> settings) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException(file + " is not JMH's JSON result (an array of benchmarks)");
        }
        List<JmhScore> out = new ArrayList<>();
        for (JsonNode b : root) {
            JsonNode primary = b.path("primaryMetric");
            if (!b.hasNonNull("benchmark") || !primary.hasNonNull("score") || !primary.hasNonNull("scoreUnit")) {
                throw new IOException(file + ": an entry without benchmark, primaryMetric.score or scoreUnit");
            }
            Map<String, String> params = new TreeMap<>();
            b.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            List<List<Double>> raw = new ArrayList<>();
            for (JsonNode fork : primary.path("rawData")) {
                List<Double> values = new ArrayList<>();
                fork.forEach(v -> values.add(v.asDouble()));
                raw.add(values);
            }
            List<String> jvmArgs = new ArrayList<>();
            b.path("jvmArgs").forEach(v -> jvmArgs.add(v.asText()));
            double score = primary.get("score").asDouble();
            String unit = primary.get("scoreUnit").asText();
            JsonNode error = primary.get("scoreError");
            out.add(new JmhScore(b.get("benchmark").asText(), new TreeMap<>(params), b.path("mode").asText(null), score,
                    error == null || !error.isNumber() ? null : error.asDouble(), unit, nanosPerOp(score, unit),
                    intOrNull(b, "measurementBatchSize"), intOrNull(b, "warmupIterations"),
                    intOrNull(b, "warmupBatchSize"), intOrNull(b, "measurementIterations"), intOrNull(b, "forks"),
                    intOrNull(b, "threads"), raw, b.path("jvm").asText(null), jvmArgs, settings,
                    b.path("jmhVersion").asText(null)));
        }
        return out;
    }

    private static Integer intOrNull(JsonNode b, String field) {
        JsonNode n = b.get(field);
        return n == null || !n.canConvertToInt() ? null : n.asInt();
    }

    /**
     * A JMH score as nanoseconds per operation: {@code ns/op}, {@code us/op}, {@code ms/op},
     * {@code s/op} (time per operation) or {@code ops/ns} ... {@code ops/s} (throughput, inverted).
     *
     * @throws IllegalArgumentException for another unit
     */
    public static double nanosPerOp(double score, String unit) {
        String[] parts = unit.split("/");
        if (parts.length == 2 && parts[1].equals("op")) {
            return score * nanos(parts[0], unit);
        }
        if (parts.length == 2 && parts[0].equals("ops")) {
            return nanos(parts[1], unit) / score;
        }
        throw new IllegalArgumentException("JMH score unit " + unit + " is neither time per operation nor operations per time");
    }

    private static double nanos(String timeUnit, String unit) {
        return switch (timeUnit) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "min" -> 60e9;
            case "hr" -> 3600e9;
            case "day" -> 86400e9;
            default -> throw new IllegalArgumentException("JMH score unit " + unit + ": unknown time unit " + timeUnit);
        };
    }
}
