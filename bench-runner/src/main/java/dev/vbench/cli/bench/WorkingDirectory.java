package dev.vbench.cli.bench;

import java.nio.file.Path;

/**
 * Runs a traced guest in a directory of its own. The determinizer starts the guest with posix_spawn,
 * which inherits the process's working directory, and has no option for another one; so the bench
 * command changes vbench's own working directory (chdir) for the duration of the run and changes it
 * back afterwards.
 *
 * <p>That is safe because vbench resolves every path it uses to an absolute one before (Java
 * resolves relative paths against {@code user.dir}, which a chdir does not change, while the kernel
 * would resolve them against the new directory) and the bench command runs guests one at a time on
 * the main thread. Candidate for the determinizer's run configuration, which would make this class
 * unnecessary.
 */
public final class WorkingDirectory implements AutoCloseable {
    private final Path previous;

    private WorkingDirectory(Path previous) {
        this.previous = previous;
    }

    /** Changes the process's working directory to {@code dir} (absolute) until closed. */
    public static WorkingDirectory enter(Path dir) {
        if (!dir.isAbsolute()) {
            throw new IllegalArgumentException("a guest's working directory must be absolute: " + dir);
        }
        Path previous = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        change(dir);
        return new WorkingDirectory(previous);
    }

    @Override
    public void close() {
        change(previous);
    }

    private static void change(Path dir) {
        if (HostLibc.get().chdir(dir.toString()) != 0) {
            throw new IllegalStateException("chdir(" + dir + ") failed");
        }
    }
}
