package dev.vbench.reports.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The output formats of a comparison, each with the file extension a CLI should default to. */
public enum ComparisonFormatType {
    TEXT("txt"),
    MARKDOWN("md"),
    JSON("json"),
    CSV("csv"),
    JUNIT("xml"),
    HTML("html");

    private final String extension;

    ComparisonFormatType(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** Case-insensitive name ({@code "junit"}) or extension ({@code "md"}), for command-line options. */
    public static ComparisonFormatType parse(String text) {
        String key = text.trim().toLowerCase(Locale.ROOT);
        for (ComparisonFormatType type : values()) {
            if (type.name().toLowerCase(Locale.ROOT).equals(key) || type.extension.equals(key)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown format '" + text + "'; expected one of "
                + Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
