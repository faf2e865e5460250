package dev.vbench.cli;

import dev.vbench.clock.CostModel;
import dev.vbench.clock.VirtualClock;
import dev.vbench.core.CanonicalEnvironment;
import dev.vbench.core.Determinizer;
import dev.vbench.core.RunConfig;
import dev.vbench.core.RunOutcome;
import dev.vbench.core.spawn.GuestLauncher.Redirects;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Turns options into a run config and executes it, capturing the guest's output when asked. */
final class GuestRun {
    private GuestRun() {}

    /** A run ready to execute any number of times. */
    record Prepared(RunConfig config, Duration timeout, CostModel model) {
        Completed execute(boolean capture) throws InterruptedException {
            RunConfig c = config;
            Path dir = null;
            if (capture) {
                try {
                    dir = Files.createTempDirectory("vbench-output-");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                c = config.withRedirects(new Redirects(dir.resolve("stdout").toString(), dir.resolve("stderr").toString()));
            }
            RunOutcome outcome = Determinizer.run(c, new VirtualClock(model), List.of(), timeout);
            return new Completed(outcome, dir);
        }
    }

    /** One finished run; with capture, its stdout and stderr are in files until replayed. */
    record Completed(RunOutcome outcome, Path outputDir) {
        Path stdout() {
            return outputDir == null ? null : outputDir.resolve("stdout");
        }

        Path stderr() {
            return outputDir == null ? null : outputDir.resolve("stderr");
        }

        String stdoutSha256() {
            return sha256(stdout());
        }

        String stderrSha256() {
            return sha256(stderr());
        }

        /** Copies the captured output to vbench's own stdout and stderr. */
        void replayOutput() {
            copy(stdout(), System.out);
            copy(stderr(), System.err);
        }

        private static void copy(Path file, OutputStream out) {
            if (file == null || !Files.exists(file)) {
                return;
            }
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(out);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Prepared prepare(GuestOptions options, List<String> command) throws CommandResolver.Unrunnable {
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, CommandResolver.resolve(command.get(0), System.getenv("PATH")));
        List<String> env = CanonicalEnvironment.build(System.getenv(), options.hostEnv, options.env);
        RunConfig config = new RunConfig(resolved, env, options.seed, options.epochNanos(), options.cpus,
                options.memoryBytes(), options.tty, Redirects.NONE);
        return new Prepared(config, options.timeoutDuration(), CostModel.DEFAULT);
    }

    static String sha256(Path file) {
        if (file == null || !Files.exists(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
