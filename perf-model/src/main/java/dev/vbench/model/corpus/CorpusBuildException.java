package dev.vbench.model.corpus;

import java.io.IOException;

/** A corpus program did not build; the message carries the compiler's output. */
public final class CorpusBuildException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorpusBuildException(String message) {
        super(message);
    }
}
