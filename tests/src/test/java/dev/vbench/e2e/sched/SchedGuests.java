package dev.vbench.e2e.sched;

import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles the scheduler guests of src/test/guests/sched/ (gcc -O2 -pthread, once per test JVM)
 * into target/guests-sched/; {@code Guests} only knows src/test/guests/*.c.
 */
final class SchedGuests {
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();

    private SchedGuests() {
    }

    static Path sourceDir() {
        String base = System.getProperty("vbench.tests.basedir", System.getProperty("user.dir"));
        return Path.of(base).toAbsolutePath().resolve("src/test/guests/sched");
    }

    /** A script of src/test/guests/sched (the Python guest). */
    static Path script(String fileName) {
        Path p = sourceDir().resolve(fileName);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("no guest source " + p);
        }
        return p;
    }

    /** The compiled binary of src/test/guests/sched/NAME.c, as an absolute path string. */
    static synchronized String path(String name) {
        Path done = BUILT.get(name);
        if (done != null) {
            return done.toString();
        }
        Path src = script(name + ".c");
        Path outDir = Processes.targetDir().resolve("guests-sched");
        Path out = outDir.resolve(name);
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunResult r = Processes.run(List.of("gcc", "-O2", "-Wall", "-pthread", "-o", out.toString(), src.toString()),
                Map.of(), null, Duration.ofSeconds(120));
        if (r.exitCode() != 0) {
            throw new IllegalStateException("gcc failed for " + src + "\n" + r.describe());
        }
        BUILT.put(name, out);
        return out.toString();
    }
}
