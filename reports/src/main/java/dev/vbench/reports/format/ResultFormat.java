package dev.vbench.reports.format;

import dev.vbench.reports.model.Result;
import java.io.IOException;
import java.io.Writer;

/** Renders a result in one output format. Writes to {@code out}; never closes it (callers flush). */
@FunctionalInterface
public interface ResultFormat {
    void writeOut(Result result, Writer out) throws IOException;
}
