package dev.vbench.reports.format;

/** Picks the comparison format for a type; the one place a new one is registered. */
public final class ComparisonFormatFactory {
    private ComparisonFormatFactory() {}

    /** @param colour ANSI colours in the text format (see {@link TerminalColour}); other formats ignore it */
    public static ComparisonFormat of(ComparisonFormatType type, boolean colour) {
        return switch (type) {
            case TEXT -> new CompareTextFormat(colour);
            case MARKDOWN -> new CompareMarkdownFormat();
            case JSON -> new CompareJsonFormat();
            case CSV -> new CompareCsvFormat();
            case JUNIT -> new CompareJunitFormat();
            case HTML -> new CompareHtmlFormat();
        };
    }
}
