package dev.vbench.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the guest's program before anything is started, the way a shell does, so that a missing
 * or non-executable program is reported clearly with the shell's exit codes (127 and 126).
 */
public final class CommandResolver {
    /** Thrown with the exit code and message a shell would give. */
    public static final class Unrunnable extends Exception {
        final int exitCode;

        Unrunnable(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    private CommandResolver() {}

    /** The absolute path of {@code program}, searched in {@code pathVariable} if it has no slash. */
    public static String resolve(String program, String pathVariable) throws Unrunnable {
        return resolve(program, pathVariable, null);
    }

    /**
     * The absolute path of {@code program}: a path with a slash is taken relative to
     * {@code workingDirectory} (null: vbench's own), a bare name is searched in {@code pathVariable}.
     */
    static String resolve(String program, String pathVariable, Path workingDirectory) throws Unrunnable {
        if (program.isEmpty()) {
            throw new Unrunnable(ExitCodes.NOT_FOUND, "'': command not found");
        }
        if (program.contains("/")) {
            Path base = workingDirectory != null ? workingDirectory : Path.of("").toAbsolutePath();
            return check(base.resolve(program).toAbsolutePath().normalize(), program);
        }
        for (String dir : (pathVariable == null ? "" : pathVariable).split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(program).toAbsolutePath();
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new Unrunnable(ExitCodes.NOT_FOUND, program + ": command not found");
    }

    private static String check(Path path, String asGiven) throws Unrunnable {
        if (!Files.exists(path)) {
            throw new Unrunnable(ExitCodes.NOT_FOUND, asGiven + ": No such file or directory");
        }
        if (Files.isDirectory(path)) {
            throw new Unrunnable(ExitCodes.NOT_EXECUTABLE, asGiven + ": Is a directory");
        }
        if (!Files.isExecutable(path)) {
            throw new Unrunnable(ExitCodes.NOT_EXECUTABLE, asGiven + ": Permission denied");
        }
        return path.toString();
    }
}
