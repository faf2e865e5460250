package dev.vbench.reports.io;

import java.io.IOException;

/**
 * The input exists but is not a result this vbench can read: malformed JSON, not a result file, or
 * an unsupported schema major. An {@link IOException} so callers that already handle I/O errors
 * cannot forget it; a separate type so the CLI can map it to "bad input" (exit 2) rather than an
 * internal error. The message always names the source and what was found there.
 */
public final class ResultFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;

    public ResultFormatException(String source, String problem) {
        this(source, problem, null);
    }

    public ResultFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file (or other source name) that was being read. */
    public String source() {
        return source;
    }
}
