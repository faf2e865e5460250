package dev.vbench.clock.valgrind;

import java.io.IOException;

/** The vbcount tool could not be built: a prerequisite is missing or the build failed. */
public class VbcountBuildException extends IOException {
    private static final long serialVersionUID = 1L;

    public VbcountBuildException(String message) {
        super(message);
    }

    public VbcountBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
