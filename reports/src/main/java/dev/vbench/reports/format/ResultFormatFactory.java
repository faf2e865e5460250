package dev.vbench.reports.format;

/** Picks the format for a type; the one place a new format is registered. */
public final class ResultFormatFactory {
    private ResultFormatFactory() {}

    public static ResultFormat of(ResultFormatType type) {
        return switch (type) {
            case TEXT -> new TextFormat();
            case JSON -> new JsonFormat();
            case CSV -> new CsvFormat();
            case MARKDOWN -> new MarkdownFormat();
            case HTML -> new HtmlFormat();
            case BENCHER -> new BencherFormat();
            case GITHUB_ACTION_BENCHMARK -> new GithubActionBenchmarkFormat();
        };
    }
}
