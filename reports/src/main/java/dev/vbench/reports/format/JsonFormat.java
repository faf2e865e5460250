package dev.vbench.reports.format;

import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.model.Result;
import java.io.IOException;
import java.io.Writer;

/** The result file itself, so `--format json` output can be saved and read back by {@link ResultIO}. */
public final class JsonFormat implements ResultFormat {
    @Override
    public void writeOut(Result result, Writer out) throws IOException {
        ResultIO.write(result, out);
    }
}
