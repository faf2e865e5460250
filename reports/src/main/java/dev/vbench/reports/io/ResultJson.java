package dev.vbench.reports.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vbench.reports.model.Result;

/**
 * The one Jackson configuration for result JSON, shared by files and the JSON output format so both
 * give the same bytes. Immutable and thread-safe once built.
 */
final class ResultJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            // "Add fields freely": a newer writer's extra fields must not break this reader.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // An exit status or a count of 0.5 is a broken file, not 0.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // Two JSON documents in one file is a broken file, not a result plus noise.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Callers own their streams (e.g. System.out); closing is theirs to do.
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            // Absent optional objects (no wall time, no scheduler) are left out rather than written as null.
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    static final ObjectReader READER = MAPPER.readerFor(Result.class);

    /** Two-space indent, "\n" line ends on every OS, "key": value, and [] / {} for empties. */
    static final ObjectWriter WRITER = MAPPER.writerFor(Result.class).with(prettyPrinter());

    private ResultJson() {}

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }
}
