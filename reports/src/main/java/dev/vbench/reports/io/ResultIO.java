package dev.vbench.reports.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vbench.reports.model.Result;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringWriter;
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

    /** One value as a tree, from the middle of a document (the rest is not this reader's business). */
    private static final ObjectReader TREE = ResultJson.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The whole document as a result; trailing data is checked here, to call it malformed. */
    private static final ObjectReader BIND = ResultJson.READER.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ResultIO() {}

    /**
     * Reads a result file.
     *
     * @throws ResultFormatException if the file is not valid JSON, not a result, or of another major
     * @throws NoSuchFileException if it does not exist (other I/O errors as usual)
     */
    public static Result read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String source = file.toString();
        checkSchema(bytes, source);
        try (JsonParser parser = ResultJson.MAPPER.createParser(bytes)) {
            return bind(parser, source);
        }
    }

    /**
     * Reads a result from a byte stream (e.g. stdin), as from a file: bytes that are not UTF-8 are
     * refused, not replaced; {@code source} names it in errors.
     */
    public static Result read(java.io.InputStream in, String source) throws IOException {
        byte[] bytes = in.readAllBytes();
        checkSchema(bytes, source);
        try (JsonParser parser = ResultJson.MAPPER.createParser(bytes)) {
            return bind(parser, source);
        }
    }

    /** Reads a result from any character stream; {@code source} names it in errors. */
    public static Result read(Reader in, String source) throws IOException {
        StringWriter text = new StringWriter();
        in.transferTo(text);
        String json = text.toString();
        try (JsonParser parser = ResultJson.MAPPER.createParser(json)) {
            checkSchema(parser, source);
        } catch (JsonProcessingException e) {
            throw malformed(source, e);
        }
        try (JsonParser parser = ResultJson.MAPPER.createParser(json)) {
            return bind(parser, source);
        }
    }

    private static void checkSchema(byte[] bytes, String source) throws IOException {
        try (JsonParser parser = ResultJson.MAPPER.createParser(bytes)) {
            checkSchema(parser, source);
        } catch (JsonProcessingException e) {
            throw malformed(source, e);
        } catch (java.io.CharConversionException e) {
            // Jackson guesses UTF-16/32 from the first bytes; a few odd bytes then end mid-character.
            throw new ResultFormatException(source, "not JSON text (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Maps the whole document straight from the token stream (no intermediate tree: a result of
     * 10,000 benchmarks reads in half the time), then requires the end of input. Syntax errors are
     * "malformed JSON" with their position; type errors and missing parts name the field.
     */
    private static Result bind(JsonParser parser, String source) throws IOException {
        Result result;
        try {
            result = BIND.readValue(parser);
            if (parser.nextToken() != null) {
                // Two JSON documents in one file is a broken file, not a result plus noise.
                throw new ResultFormatException(source, "malformed JSON" + at(parser.currentTokenLocation())
                        + ": more data after the result");
            }
        } catch (StreamReadException e) {
            throw malformed(source, e);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof StreamReadException syntax) {
                throw malformed(source, syntax); // e.g. the input ended inside a value being mapped
            }
            // Wrong type or a missing required part: say which field and what, not Jackson's internals.
            throw new ResultFormatException(source,
                    "not a valid vbench result" + path(e) + ": " + e.getOriginalMessage(), e);
        }
        checkValues(result, source);
        return result;
    }

    /** What JSON types cannot say: counts and times are never negative, and no benchmark is null. */
    private static void checkValues(Result result, String source) throws ResultFormatException {
        if (result.benchmarks() == null) {
            return;
        }
        for (int i = 0; i < result.benchmarks().size(); i++) {
            var b = result.benchmarks().get(i);
            if (b == null) {
                throw new ResultFormatException(source, "not a valid vbench result at benchmarks[" + i + "]: null");
            }
            if (b.virtualTimeNs() < 0) {
                throw new ResultFormatException(source, "not a valid vbench result at benchmarks[" + i
                        + "].virtual_time_ns: negative (" + b.virtualTimeNs() + ")");
            }
            if (b.counters() != null) {
                for (var e : b.counters().asMap().entrySet()) {
                    if (e.getValue() < 0) {
                        throw new ResultFormatException(source, "not a valid vbench result at benchmarks[" + i
                                + "].counters." + e.getKey() + ": negative (" + e.getValue() + ")");
                    }
                }
            }
        }
    }

    private static ResultFormatException malformed(String source, JsonProcessingException e) {
        String message = e.getOriginalMessage();
        // Jackson appends where an unclosed object started, with a source description of its own.
        message = message.replaceAll("\\s*\\(start marker at \\[Source:.*?\\]\\)", "");
        return new ResultFormatException(source, "malformed JSON" + at(e.getLocation()) + ": " + message, e);
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

    /**
     * Reads top-level fields until {@code "schema"} (the first one in every file vbench writes),
     * skipping the values of others unread, and refuses anything but a supported major.
     */
    private static void checkSchema(JsonParser parser, String source) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new ResultFormatException(source, "empty input; expected a vbench result (JSON object)");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new ResultFormatException(source, "not a vbench result file: top-level JSON is "
                    + kind(TREE.readTree(parser)) + ", expected an object");
        }
        JsonNode schema = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals("schema")) {
                schema = TREE.readTree(parser);
                break;
            }
            parser.skipChildren();
        }
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

    /** The JSON path of a mapping error, e.g. {@code benchmarks[0].runs}. */
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
