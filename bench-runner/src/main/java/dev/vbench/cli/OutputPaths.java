package dev.vbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks an output path before any work is done, so a typo costs nothing: its directory must exist
 * and be writable, and the path must not be a directory.
 */
final class OutputPaths {
    private OutputPaths() {}

    /** @throws IllegalArgumentException naming {@code option} and the problem */
    static void checkWritable(Path file, String option) {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new IllegalArgumentException(option + " " + file + ": is a directory");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " " + file + ": no such directory: " + dir);
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException(option + " " + file + ": cannot write in " + dir);
        }
        if (Files.exists(absolute) && !Files.isWritable(absolute)) {
            throw new IllegalArgumentException(option + " " + file + ": not writable");
        }
    }
}
