package dev.vbench.reports.variance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;

/** A variance report as JSON, schema {@code vbench.variance/1}. */
public final class VarianceJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private VarianceJson() {}

    /** Writes {@code report} to {@code out}, which stays open. */
    public static void write(VarianceReport report, OutputStream out) throws IOException {
        MAPPER.writeValue(out, report);
        out.write('\n');
    }
}
