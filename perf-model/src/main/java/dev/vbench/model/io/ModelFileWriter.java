package dev.vbench.model.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vbench.model.CalibratedModel;
import dev.vbench.reports.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a model file (schema {@value #SCHEMA}) atomically: a reader, or a crash, sees the old file
 * or the whole new one. The tree is built field by field so the layout is the documented one and a
 * standard error that was not estimated is written as null (JSON has no NaN).
 */
public final class ModelFileWriter {
    public static final String SCHEMA = "vbench.model/1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFileWriter() {}

    /** Throws ModelFileException (before touching the file) if the model could not be read back. */
    public static void write(Path file, CalibratedModel model) throws IOException {
        ObjectNode tree = toTree(model);
        ModelFileReader.fromTree(file, tree);
        byte[] bytes = JSON.writeValueAsBytes(tree);
        AtomicFiles.write(file, out -> {
            out.write(bytes);
            out.write('\n');
        });
    }

    static ObjectNode toTree(CalibratedModel model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("id", model.id());
        root.put("created", model.created().toString());
        root.put("host", model.host());
        root.put("counter", model.counter());
        ArrayNode features = root.putArray("features");
        model.features().forEach(features::add);
        ObjectNode coefficients = root.putObject("coefficients");
        for (CalibratedModel.Coefficient c : model.coefficients()) {
            ObjectNode entry = coefficients.putObject(c.feature());
            entry.put("ns_per_unit", c.nanosPerUnit());
            number(entry, "standard_error", c.standardError());
        }
        CalibratedModel.FitSummary f = model.fit();
        ObjectNode fit = root.putObject("fit");
        fit.put("method", f.method());
        fit.put("weighting", f.weighting());
        fit.put("points", f.points());
        fit.put("kinds", f.kinds());
        fit.put("r2", f.r2());
        fit.put("adjusted_r2", f.adjustedR2());
        fit.put("cv_median_abs_pct_error", f.cvMedianAbsPctError());
        fit.put("cv_max_abs_pct_error", f.cvMaxAbsPctError());
        fit.put("noise_floor_pct", f.noiseFloorPct());
        ArrayNode alternatives = root.putArray("alternatives");
        for (CalibratedModel.Alternative a : model.alternatives()) {
            ObjectNode entry = alternatives.addObject();
            entry.put("name", a.name());
            entry.put("description", a.description());
            if (a.failure() != null) {
                entry.put("failure", a.failure());
            } else {
                entry.put("cv_median_abs_pct_error", a.cvMedianAbsPctError());
                entry.put("cv_max_abs_pct_error", a.cvMaxAbsPctError());
            }
        }
        return root;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
