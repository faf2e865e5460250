package dev.vbench.e2e.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs a guest directly, without vbench, to show what varies natively. */
public final class Native {
    private Native() {
    }

    public static RunResult run(List<String> command) {
        return run(command, Map.of(), null, Duration.ofSeconds(60));
    }

    public static RunResult run(List<String> command, Map<String, String> extraEnv, Path cwd, Duration timeout) {
        return Processes.run(command, extraEnv, cwd, timeout);
    }
}
