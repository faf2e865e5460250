package dev.vbench.baselines.history;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.databind.SequenceWriter;
import dev.vbench.reports.model.Fingerprint;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The history as CSV (RFC 4180, via jackson-dataformat-csv): one row per (result, benchmark) in the
 * order of recording, with provenance, every metric, the fingerprint, and one column per count name
 * found anywhere in the history (empty where a result did not measure it).
 */
public final class HistoryCsv {
    static final List<String> FIXED_COLUMNS = List.of("result_id", "commit", "branch", "recorded_at", "benchmark",
            "virtual_time_ns", "calibrated_time_ns", "wall_time_median_ns", "wall_time_min_ns", "wall_time_max_ns",
            "deterministic", "fp_counter", "fp_counter_version", "fp_cpu", "fp_libc", "fp_kernel", "fp_model");

    private HistoryCsv() {}

    /** Writes the rows; does not close {@code out}. Count columns are named {@code count:NAME}. */
    public static void write(List<HistoryStore.RunRow> rows, List<String> countNames, Writer out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        FIXED_COLUMNS.forEach(schema::addColumn);
        countNames.forEach(n -> schema.addColumn("count:" + n));
        CsvMapper mapper = new CsvMapper();
        mapper.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        try (SequenceWriter w = mapper.writer(schema.build()).writeValues(out)) {
            for (HistoryStore.RunRow r : rows) {
                Fingerprint fp = r.fingerprint();
                List<Object> row = new ArrayList<>(FIXED_COLUMNS.size() + countNames.size());
                row.add(r.resultId());
                row.add(r.commit());
                row.add(r.branch());
                row.add(r.recordedAt().toString());
                row.add(r.benchmark());
                row.add(r.virtualTimeNs());
                row.add(r.calibratedTimeNs());
                row.add(r.wallTimeMedianNs());
                row.add(r.wallTimeMinNs());
                row.add(r.wallTimeMaxNs());
                row.add(r.deterministic());
                row.add(fp == null ? null : fp.counter());
                row.add(fp == null ? null : fp.counterVersion());
                row.add(fp == null ? null : fp.cpu());
                row.add(fp == null ? null : fp.libc());
                row.add(fp == null ? null : fp.kernel());
                row.add(fp == null ? null : fp.model());
                for (String n : countNames) {
                    row.add(r.counts().get(n));
                }
                w.write(row);
            }
        }
        out.flush();
    }
}
