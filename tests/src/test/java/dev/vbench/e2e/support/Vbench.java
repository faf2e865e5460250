package dev.vbench.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the shaded vbench jar as a separate JVM. The test JVM never traces anything itself: the
 * supervisor's waitpid(-1) would steal the JDK process reaper's exit statuses.
 */
public final class Vbench {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private Vbench() {
    }

    public static Path jar() {
        String prop = System.getProperty("vbench.jar");
        Path jar = prop != null ? Path.of(prop)
                : Processes.targetDir().getParent().getParent().resolve("bench-runner/target/vbench.jar");
        jar = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("vbench jar not found at " + jar + " (run mvn -DskipTests package)");
        }
        return jar;
    }

    /** The java command line that starts vbench, with extra JVM system properties before -jar. */
    public static List<String> command(List<String> jvmOptions, List<String> vbenchArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Djnr.ffi.x86asm.enabled=false");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.addAll(vbenchArgs);
        return cmd;
    }

    public static RunResult run(List<String> vbenchArgs, Map<String, String> extraEnv, Path cwd, Duration timeout) {
        return Processes.run(command(List.of(), vbenchArgs), extraEnv, cwd, timeout);
    }

    public static RunResult run(String... vbenchArgs) {
        return run(List.of(vbenchArgs), Map.of(), null, DEFAULT_TIMEOUT);
    }

    /** {@code vbench run [options] -- CMD...} */
    public static RunResult runGuest(List<String> options, List<String> guestCommand) {
        return runGuest(options, guestCommand, Map.of(), null);
    }

    public static RunResult runGuest(List<String> options, List<String> guestCommand, Map<String, String> extraEnv,
            Path cwd) {
        return run(runArgs(options, guestCommand), extraEnv, cwd, DEFAULT_TIMEOUT);
    }

    public static List<String> runArgs(List<String> options, List<String> guestCommand) {
        List<String> args = new ArrayList<>();
        args.add("run");
        args.addAll(options);
        args.add("--");
        args.addAll(guestCommand);
        return args;
    }
}
