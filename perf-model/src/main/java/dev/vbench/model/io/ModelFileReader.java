package dev.vbench.model.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vbench.model.CalibratedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a model file and refuses anything that would price runs wrongly: malformed or truncated
 * JSON, another schema major, a missing field, a coefficient that is not a finite number >= 0
 * (NaN included, whether written as a bare token or a string), coefficients that do not match the
 * feature list, or a model fitted for another counter backend. Unknown fields are ignored, as in
 * result files, so later versions can add some.
 */
public final class ModelFileReader {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ModelFileReader() {}

    /** Reads a model and checks it was fitted with {@code expectedCounter}'s counts. */
    public static CalibratedModel read(Path file, String expectedCounter) throws ModelFileException {
        return requireCounter(read(file), file, expectedCounter);
    }

    public static CalibratedModel read(Path file) throws ModelFileException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot be read: " + e, e);
        }
        return read(content, file);
    }

    /**
     * Reads a model from its bytes (a model shipped as a resource); {@code name} is what messages
     * call it.
     */
    public static CalibratedModel read(byte[] content, Path name) throws ModelFileException {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            throw new ModelFileException(name, "not valid JSON (truncated or corrupted?): " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFileException(name, "cannot be read: " + e, e);
        }
        return fromTree(name, root);
    }

    /** Checks that {@code model}, read from {@code file}, prices counts of {@code expectedCounter}. */
    public static CalibratedModel requireCounter(CalibratedModel model, Path file, String expectedCounter)
            throws ModelFileException {
        if (!model.counter().equals(expectedCounter)) {
            throw new ModelFileException(file, "it was calibrated for counter backend '" + model.counter()
                    + "', but this run counts with '" + expectedCounter + "': calibrate again with --counter " + expectedCounter);
        }
        return model;
    }

    /** Also used by the writer, so that it never writes a file this reader would refuse. */
    static CalibratedModel fromTree(Path file, JsonNode root) throws ModelFileException {
        if (root == null || root.isMissingNode()) {
            throw new ModelFileException(file, "is empty (truncated?)");
        }
        if (!root.isObject()) {
            throw new ModelFileException(file, "not a JSON object");
        }
        String schema = text(file, root, "schema");
        if (!schema.startsWith("vbench.model/")) {
            throw new ModelFileException(file, "not a vbench model (schema '" + schema + "')");
        }
        if (!schema.equals(ModelFileWriter.SCHEMA)) {
            throw new ModelFileException(file, "schema " + schema + " is not supported; this vbench reads " + ModelFileWriter.SCHEMA);
        }
        String id = text(file, root, "id");
        Instant created;
        try {
            created = Instant.parse(text(file, root, "created"));
        } catch (DateTimeParseException e) {
            throw new ModelFileException(file, "created is not an ISO-8601 instant: " + root.get("created").asText());
        }
        String host = text(file, root, "host");
        String counter = text(file, root, "counter");

        JsonNode featuresNode = field(file, root, "features");
        if (!featuresNode.isArray() || featuresNode.isEmpty()) {
            throw new ModelFileException(file, "features must be a non-empty array of names");
        }
        List<String> features = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode f : featuresNode) {
            if (!f.isTextual() || f.asText().isBlank() || !seen.add(f.asText())) {
                throw new ModelFileException(file, "features must be distinct non-blank names, found " + f);
            }
            features.add(f.asText());
        }
        JsonNode coefficientsNode = field(file, root, "coefficients");
        if (!coefficientsNode.isObject()) {
            throw new ModelFileException(file, "coefficients must be an object");
        }
        for (Iterator<String> names = coefficientsNode.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!seen.contains(name)) {
                throw new ModelFileException(file, "coefficient '" + name + "' is not one of the features " + features);
            }
        }
        List<CalibratedModel.Coefficient> coefficients = new ArrayList<>();
        for (String feature : features) {
            JsonNode c = coefficientsNode.get(feature);
            if (c == null || !c.isObject()) {
                throw new ModelFileException(file, "no coefficient for feature '" + feature + "'");
            }
            String where = "coefficients." + feature;
            double value = finite(file, c, "ns_per_unit", where);
            if (value < 0) {
                throw new ModelFileException(file, where + ".ns_per_unit is negative (" + value + "): a cost cannot be");
            }
            JsonNode se = c.get("standard_error");
            double standardError = se == null || se.isNull() ? Double.NaN : finite(file, c, "standard_error", where);
            coefficients.add(new CalibratedModel.Coefficient(feature, value, standardError));
        }

        JsonNode fit = field(file, root, "fit");
        if (!fit.isObject()) {
            throw new ModelFileException(file, "fit must be an object");
        }
        CalibratedModel.FitSummary summary = new CalibratedModel.FitSummary(
                text(file, fit, "method"), text(file, fit, "weighting"),
                count(file, fit, "points"), count(file, fit, "kinds"),
                finite(file, fit, "r2", "fit"), finite(file, fit, "adjusted_r2", "fit"),
                percent(file, fit, "cv_median_abs_pct_error", "fit"), percent(file, fit, "cv_max_abs_pct_error", "fit"),
                percent(file, fit, "noise_floor_pct", "fit"));

        List<CalibratedModel.Alternative> alternatives = new ArrayList<>();
        JsonNode alternativesNode = field(file, root, "alternatives");
        if (!alternativesNode.isArray()) {
            throw new ModelFileException(file, "alternatives must be an array");
        }
        for (JsonNode a : alternativesNode) {
            String where = "alternatives[" + alternatives.size() + "]";
            if (!a.isObject()) {
                throw new ModelFileException(file, where + " must be an object");
            }
            String failure = a.hasNonNull("failure") ? a.get("failure").asText() : null;
            alternatives.add(new CalibratedModel.Alternative(text(file, a, "name"),
                    a.hasNonNull("description") ? a.get("description").asText() : "",
                    failure != null ? Double.NaN : percent(file, a, "cv_median_abs_pct_error", where),
                    failure != null ? Double.NaN : percent(file, a, "cv_max_abs_pct_error", where), failure));
        }
        return new CalibratedModel(id, created, host, counter, coefficients, summary, alternatives);
    }

    private static JsonNode field(Path file, JsonNode node, String name) throws ModelFileException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new ModelFileException(file, "field '" + name + "' is missing");
        }
        return value;
    }

    private static String text(Path file, JsonNode node, String name) throws ModelFileException {
        JsonNode value = field(file, node, name);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new ModelFileException(file, "field '" + name + "' must be a non-empty string, found " + value);
        }
        return value.asText();
    }

    /** Only JSON numbers: a string such as "NaN" or "1e3" is refused, not coerced. */
    private static double finite(Path file, JsonNode node, String name, String where) throws ModelFileException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new ModelFileException(file, where + "." + name + " is missing");
        }
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw new ModelFileException(file, where + "." + name + " must be a finite number, found " + value);
        }
        return value.asDouble();
    }

    private static double percent(Path file, JsonNode node, String name, String where) throws ModelFileException {
        double v = finite(file, node, name, where);
        if (v < 0) {
            throw new ModelFileException(file, where + "." + name + " is a negative percentage (" + v + ")");
        }
        return v;
    }

    private static int count(Path file, JsonNode node, String name) throws ModelFileException {
        JsonNode value = field(file, node, name);
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw new ModelFileException(file, "fit." + name + " must be a positive integer, found " + value);
        }
        return value.asInt();
    }
}
