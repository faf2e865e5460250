package dev.vbench.reports.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vbench.reports.model.Result;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes result files ({@code vbench.result/1}). Reading checks the schema before mapping,
 * so a file from a future major is refused by name rather than half-understood; writing is atomic,
 * pretty-printed, UTF-8, with stable field order and a trailing newline, so results diff cleanly.
 */
public final class ResultIO {

    private ResultIO() {}

    /**
     * Reads a result file.
     *
     * @throws ResultFormatException if the file is not valid JSON, not a result, or of another major
     * @throws NoSuchFileException if it does not exist (other I/O errors as usual)
     */
    public static Result read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        }
    }

    /** Reads a result from any character stream (e.g. stdin); {@code source} names it in errors. */
    public static Result read(Reader in, String source) throws IOException {
        JsonNode root = parse(in, source);
        checkSchema(root, source);
        try {
            return ResultJson.READER.readValue(root);
        } catch (JsonProcessingException e) {
            // Wrong type or a missing required part: say which field and what, not Jackson's internals.
            throw new ResultFormatException(source,
                    "not a valid vbench result" + path(e) + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Atomically replaces {@code file} with the result; on failure the old file is left as it was. */
    public static void write(Result result, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            write(result, writer);
            writer.flush();
        });
    }

    /** Writes exactly the bytes a result file would contain; does not close {@code out}. */
    public static void write(Result result, Writer out) throws IOException {
        ResultJson.WRITER.writeValue(out, result);
        out.write('\n');
    }

    /** The result file's content as a string. */
    public static String toJson(Result result) {
        try {
            return ResultJson.WRITER.writeValueAsString(result) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain result data failed to serialize", e);
        }
    }

    private static JsonNode parse(Reader in, String source) throws IOException {
        try {
            JsonNode root = ResultJson.MAPPER.readTree(in);
            if (root == null || root.isMissingNode()) {
                throw new ResultFormatException(source, "empty input; expected a vbench result (JSON object)");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new ResultFormatException(source,
                    "malformed JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage(), e);
        }
    }

    private static void checkSchema(JsonNode root, String source) throws ResultFormatException {
        if (!root.isObject()) {
            throw new ResultFormatException(source,
                    "not a vbench result file: top-level JSON is " + kind(root) + ", expected an object");
        }
        JsonNode schema = root.get("schema");
        if (schema == null || schema.isNull()) {
            throw new ResultFormatException(source,
                    "not a vbench result file: no \"schema\" field (expected \"" + Result.SCHEMA + "\")");
        }
        if (!schema.isTextual()) {
            throw new ResultFormatException(source,
                    "not a vbench result file: \"schema\" is " + kind(schema) + " " + schema
                            + ", expected the string \"" + Result.SCHEMA + "\"");
        }
        String found = schema.textValue();
        int major = SchemaVersion.major(found);
        if (major < 0) {
            throw new ResultFormatException(source,
                    "not a vbench result file: schema \"" + found + "\" (expected \"" + Result.SCHEMA + "\")");
        }
        if (major != SchemaVersion.SUPPORTED_MAJOR) {
            throw new ResultFormatException(source,
                    "unsupported schema \"" + found + "\": this vbench reads only vbench.result/"
                            + SchemaVersion.SUPPORTED_MAJOR + " and its minors (vbench.result/"
                            + SchemaVersion.SUPPORTED_MAJOR + ".N); use a vbench that knows major " + major);
        }
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The JSON path of a mapping error, e.g. {@code benchmarks[0].runs}; parsed from a tree, lines are meaningless. */
    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" at ");
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() > 4 ? "." : "").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
