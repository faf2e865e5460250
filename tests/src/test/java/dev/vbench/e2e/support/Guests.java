package dev.vbench.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles the C guests of src/test/guests with gcc once per test JVM into target/guests/
 * (as PIE, with -pthread) and hands out their absolute paths.
 */
public final class Guests {
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();

    private Guests() {
    }

    public static Path sourceDir() {
        String base = System.getProperty("vbench.tests.basedir", System.getProperty("user.dir"));
        return Path.of(base).toAbsolutePath().resolve("src/test/guests");
    }

    /** The path of a file in src/test/guests (scripts). */
    public static Path source(String fileName) {
        Path p = sourceDir().resolve(fileName);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("no guest source " + p);
        }
        return p;
    }

    /**
     * The compiled binary of src/test/guests/NAME.c, as an absolute path string. NAME may name a
     * subdirectory ("sched/racy"); the binary lands at the same place under target/guests. Extra gcc
     * {@code flags} (-fopenmp) must be the same at every call for one guest.
     */
    public static String path(String name, String... flags) {
        return binary(name, flags).toString();
    }

    public static synchronized Path binary(String name, String... flags) {
        Path done = BUILT.get(name);
        if (done != null) {
            return done;
        }
        Path src = source(name + ".c");
        Path out = Processes.targetDir().resolve("guests").resolve(name);
        Path outDir = out.getParent();
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> gcc = new ArrayList<>(List.of("gcc", "-O2", "-Wall", "-pthread", "-fPIE", "-pie"));
        gcc.addAll(List.of(flags));
        gcc.addAll(List.of("-o", out.toString(), src.toString(), "-lm"));
        RunResult r = Processes.run(gcc, Map.of(), null, Duration.ofSeconds(120));
        if (r.exitCode() != 0) {
            throw new IllegalStateException("gcc failed for " + src + "\n" + r.describe());
        }
        BUILT.put(name, out);
        return out;
    }
}
