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
    HTML("html");

    private final String extension;

    ResultFormatType(String extension) {
        this.extension = extension;
    }

    /** Without the dot, e.g. {@code "md"}. */
    public String extension() {
        return extension;
    }

    /** Case-insensitive name ({@code "markdown"}) or extension ({@code "md"}), for command-line options. */
    public static ResultFormatType parse(String text) {
        String key = text.trim().toLowerCase(Locale.ROOT);
        for (ResultFormatType type : values()) {
            if (type.name().toLowerCase(Locale.ROOT).equals(key) || type.extension.equals(key)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown format '" + text + "'; expected one of "
                + Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
