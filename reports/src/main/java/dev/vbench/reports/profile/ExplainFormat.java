package dev.vbench.reports.profile;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * A rendering of {@code vbench explain}: text for a terminal, Markdown for a pull-request comment,
 * JSON ({@code vbench.explain/1}) for scripts. Text and Markdown list the functions whose counts
 * changed, at most {@code top} per benchmark; JSON lists every function.
 */
public interface ExplainFormat {
    void writeOut(List<Explanation> explanations, Writer out) throws IOException;

    /** text, markdown or json. */
    static ExplainFormat of(String name, int top) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "text" -> new ExplainText(top);
            case "markdown", "md" -> new ExplainMarkdown(top);
            case "json" -> new ExplainJson();
            default -> throw new IllegalArgumentException("'" + name + "' is not an explain format: text, markdown or json");
        };
    }

    /** Whether any count of the function changed. */
    static boolean changed(ProfileDiff.FunctionDelta d) {
        for (long x : d.exclusiveDelta()) {
            if (x != 0) {
                return true;
            }
        }
        for (long x : d.inclusiveDelta()) {
            if (x != 0) {
                return true;
            }
        }
        return false;
    }

    static String signed(long v) {
        return String.format(Locale.ROOT, "%+,d", v);
    }

    static String pct(Double p) {
        return p == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", p);
    }
}
