package dev.vbench.model.io;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.vbench.model.FeatureSet;
import dev.vbench.model.calibrate.CalibrationSample;
import dev.vbench.model.calibrate.PointResult;
import dev.vbench.reports.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every calibration point as one CSV row, for plotting predicted against measured time: kind, size,
 * each feature's count, then every other count the point reported (sorted by name, 0 where a point
 * lacks it: so another feature set can be tried on the same measurements), the native wall time
 * (median, 10th and 90th percentiles, ns), and the chosen model's prediction fitted on all points
 * and fitted without the point's kind.
 */
public final class CalibrationCsv {
    private CalibrationCsv() {}

    public static void write(Path file, FeatureSet features, List<PointResult> points) throws IOException {
        CsvSchema.Builder columns = CsvSchema.builder().addColumn("kind").addColumn("size", CsvSchema.ColumnType.NUMBER);
        List<String> counts = countColumns(features, points);
        for (String count : counts) {
            columns.addColumn(count, CsvSchema.ColumnType.NUMBER);
        }
        for (String column : List.of("wall_median_ns", "wall_p10_ns", "wall_p90_ns", "predicted_ns", "held_out_predicted_ns")) {
            columns.addColumn(column, CsvSchema.ColumnType.NUMBER);
        }
        CsvSchema schema = columns.build().withHeader();
        CsvMapper mapper = new CsvMapper();
        AtomicFiles.write(file, out -> {
            var writer = mapper.writer(schema).writeValues(out);
            for (PointResult p : points) {
                writer.write(row(counts, p));
            }
            writer.flush();
        });
    }

    /** The features in order, then every other count name of any point, sorted. */
    static List<String> countColumns(FeatureSet features, List<PointResult> points) {
        List<String> names = new java.util.ArrayList<>(features.names());
        java.util.TreeSet<String> others = new java.util.TreeSet<>();
        points.forEach(p -> others.addAll(p.sample().counts().keySet()));
        others.removeAll(names);
        others.removeAll(List.of("kind", "size"));
        names.addAll(others);
        return names;
    }

    private static Map<String, Object> row(List<String> counts, PointResult p) {
        CalibrationSample s = p.sample();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", s.point().kind());
        row.put("size", s.point().size());
        for (String count : counts) {
            row.put(count, s.counts().getOrDefault(count, 0L));
        }
        row.put("wall_median_ns", Math.round(s.wall().medianNanos()));
        row.put("wall_p10_ns", Math.round(s.wall().p10Nanos()));
        row.put("wall_p90_ns", Math.round(s.wall().p90Nanos()));
        row.put("predicted_ns", Math.round(p.fittedNanos()));
        row.put("held_out_predicted_ns", Math.round(p.heldOutNanos()));
        return row;
    }
}
