package dev.vbench.e2e.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a process to completion (or kills it at a deadline), collecting its output in files. */
public final class Processes {
    private Processes() {
    }

    /** The test module's target directory (for guests, scratch directories and output files). */
    public static Path targetDir() {
        String base = System.getProperty("vbench.tests.basedir", System.getProperty("user.dir"));
        return Path.of(base).toAbsolutePath().resolve("target");
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /**
     * A fresh directory target/e2e-scratch/PREFIX-XXXXXXXXXXXXXXXX. The suffix has a fixed width, so
     * two scratch directories with the same prefix have paths of the same length.
     */
    public static Path scratch(String prefix) {
        try {
            Path root = targetDir().resolve("e2e-scratch");
            Files.createDirectories(root);
            for (;;) {
                Path dir = root.resolve(String.format("%s-%016x", prefix, RANDOM.nextLong()));
                try {
                    return Files.createDirectory(dir);
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    // try another name
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ProcessBuilder builder(List<String> command, Map<String, String> extraEnv, Path cwd) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(extraEnv);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        pb.redirectInput(new File("/dev/null"));
        return pb;
    }

    public static RunResult run(List<String> command, Map<String, String> extraEnv, Path cwd, Duration timeout) {
        return run(builder(command, extraEnv, cwd), timeout);
    }

    public static RunResult run(ProcessBuilder pb, Duration timeout) {
        Started s = start(pb);
        return s.await(timeout);
    }

    public static Started start(ProcessBuilder pb) {
        try {
            Path dir = scratch("out");
            Path out = dir.resolve("stdout");
            Path err = dir.resolve("stderr");
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            long t0 = System.nanoTime();
            Process p = pb.start();
            return new Started(new ArrayList<>(pb.command()), p, out, err, t0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started process whose output goes to files. */
    public static final class Started {
        public final List<String> command;
        public final Process process;
        private final Path out;
        private final Path err;
        private final long t0;

        Started(List<String> command, Process process, Path out, Path err, long t0) {
            this.command = command;
            this.process = process;
            this.out = out;
            this.err = err;
            this.t0 = t0;
        }

        public long pid() {
            return process.pid();
        }

        public String stdoutSoFar() {
            return read(out);
        }

        public String stderrSoFar() {
            return read(err);
        }

        /** Waits for the exit; past the timeout kills the process (and its descendants) and fails. */
        public RunResult await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("timed out after " + timeout + ": " + command + "\n--- stdout ---\n"
                            + read(out) + "\n--- stderr ---\n" + read(err));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - t0);
            return new RunResult(command, process.exitValue(), read(out), read(err), wall);
        }

        private static String read(Path p) {
            try {
                return Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
