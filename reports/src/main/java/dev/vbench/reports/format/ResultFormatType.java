package dev.vbench.reports.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The output formats, each with the file extension a CLI should default to. */
public enum ResultFormatType {
    TEXT("txt"),
    JSON("json"),
    CSV("csv"),
    MARKDOWN("md"),
    HTML("html"),
    /** Bencher Metric Format (BMF) JSON, for {@code bencher run --adapter json}. */
    BENCHER("json"),
    /** github-action-benchmark's {@code customSmallerIsBetter} JSON list. */
    GITHUB_ACTION_BENCHMARK("json");

    private final String extension;

    ResultFormatType(String extension) {
        this.extension = extension;
    }

    /** Without the dot, e.g. {@code "md"}. */
    public String extension() {
        return extension;
    }

    /** The name on the command line: {@code "markdown"}, {@code "github-action-benchmark"}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Case-insensitive name ({@code "markdown"}, {@code "github-action-benchmark"} or with
     * underscores) or extension ({@code "md"}; {@code "json"} is the result file itself), for
     * command-line options.
     */
    public static ResultFormatType parse(String text) {
        String key = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ResultFormatType type : values()) {
            if (type.cliName().equals(key) || type.extension.equals(key)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown format '" + text + "'; expected one of "
                + Arrays.stream(values()).map(ResultFormatType::cliName).collect(Collectors.joining(", ")));
    }
}
