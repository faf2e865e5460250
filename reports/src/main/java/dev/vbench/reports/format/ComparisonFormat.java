package dev.vbench.reports.format;

import dev.vbench.reports.compare.Comparison;
import java.io.IOException;
import java.io.Writer;

/** Renders a comparison in one output format. Writes to {@code out}; never closes it. */
@FunctionalInterface
public interface ComparisonFormat {
    void writeOut(Comparison comparison, Writer out) throws IOException;
}
