package dev.vbench.model.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model file that cannot be used: malformed, incomplete, with impossible values, or fitted for
 * another counter backend. The message names the file and the problem; an IOException so callers
 * handling I/O errors cannot forget it, a type of its own so the command line can call it bad input.
 */
public final class ModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final Path file;
    private final String problem;

    public ModelFileException(Path file, String problem) {
        this(file, problem, null);
    }

    public ModelFileException(Path file, String problem, Throwable cause) {
        super("model file " + file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    public String problem() {
        return problem;
    }
}
