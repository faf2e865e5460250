package dev.vbench.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command natively (not under the determinizer): a benchmark's setup, or one timed run for
 * its wall time. Uses ProcessBuilder, so it must never run while a guest is traced in this JVM (the
 * JDK's process reaper and the supervisor's waitpid(-1) steal each other's events): callers run it
 * on the main thread between traced runs and it returns only after the child has been reaped.
 */
public final class NativeCommand {
    /** How the command ended. {@code output} is its stdout and stderr together when captured, else "". */
    public record Outcome(int exitStatus, boolean timedOut, long wallNanos, String output) {
        public boolean succeeded() {
            return exitStatus == 0 && !timedOut;
        }

        /** "exit status 2", "killed by signal 9", "timed out after 30s". */
        public String describe(Duration timeout) {
            if (timedOut) {
                return "timed out after " + timeout.toMillis() + " ms";
            }
            return exitStatus > 128 ? "exit status " + exitStatus + " (killed by signal " + (exitStatus - 128) + ")"
                    : "exit status " + exitStatus;
        }
    }

    private NativeCommand() {}

    /**
     * Runs {@code command} in {@code dir} with exactly {@code env}, stdin empty.
     *
     * @param capture collect stdout and stderr (for a setup's error message); otherwise they are discarded
     * @param timeout null for none; on expiry the process is killed
     */
    public static Outcome run(List<String> command, Path dir, Map<String, String> env, boolean capture,
                              Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (capture) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        long start = System.nanoTime();
        Process p = pb.start();
        StringBuilder output = new StringBuilder();
        Thread reader = null;
        if (capture) {
            reader = new Thread(() -> {
                try (InputStream in = p.getInputStream()) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    synchronized (output) {
                        output.append(text);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "vbench-native-output");
            reader.setDaemon(true);
            reader.start();
        }
        boolean timedOut = false;
        if (timeout == null) {
            p.waitFor();
        } else if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            timedOut = true;
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
        long wall = System.nanoTime() - start;
        if (reader != null) {
            reader.join(10_000);
        }
        synchronized (output) {
            return new Outcome(p.exitValue(), timedOut, wall, output.toString());
        }
    }
}
