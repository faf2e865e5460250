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

    /**
     * Options for tests of the determinizer itself (clocks, randomness, identity, files, CLI...):
     * no counter backend, so the guest runs directly under the supervisor. On a host without a
     * hardware PMU the default ({@code --counter auto}) is Valgrind, which is slower and adds its
     * own variables to the guest's environment; those runs are the counter tests' business.
     */
    public static final List<String> NO_COUNTER = List.of("--counter", "none");

    /** The software PMU: the guest runs inside Valgrind with vbench's vbcount tool. */
    public static final List<String> VALGRIND = List.of("--counter", "valgrind");

    /** {@code base} followed by {@code more}. */
    public static List<String> options(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

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
