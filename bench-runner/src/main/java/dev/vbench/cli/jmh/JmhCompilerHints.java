package dev.vbench.cli.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The compiler hints JMH gives a forked JVM ({@code -XX:CompileCommandFile}), for the JVM vbench runs
 * with {@code -f 0}, where JMH cannot apply them itself: its blackhole hints for ordinary (not
 * compiler) blackholes, then the jar's own {@code META-INF/CompilerHints} (the generated stubs kept
 * out of line, each benchmark method inlined into its stub), as JMH 1.37's {@code CompilerHints.hintsFile()}
 * writes them.
 */
public final class JmhCompilerHints {
    static final String RESOURCE = "META-INF/CompilerHints";

    private JmhCompilerHints() {}

    /** The lines of the hints file for {@code jar}. */
    public static List<String> lines(Path jar) throws IOException {
        List<String> hints = new ArrayList<>(List.of("quiet", "inline,org/openjdk/jmh/infra/Blackhole.consume",
                "dontinline,org/openjdk/jmh/infra/Blackhole.consumeCPU",
                "dontinline,org/openjdk/jmh/infra/Blackhole.consumeFull"));
        try (JarFile f = new JarFile(jar.toFile())) {
            ZipEntry e = f.getEntry(RESOURCE);
            if (e != null) {
                try (InputStream in = f.getInputStream(e)) {
                    TreeSet<String> own = new TreeSet<>();
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n")) {
                        if (!line.isBlank()) {
                            own.add(line.trim());
                        }
                    }
                    hints.addAll(own);
                }
            }
        }
        return hints;
    }

    /**
     * Writes the hints file for {@code jar} to {@code file}, with the jar's modification time: the
     * guest reads it, and an input's time is part of what the result says the run read.
     */
    public static void write(Path jar, Path file) throws IOException {
        Files.write(file, lines(jar), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, Files.getLastModifiedTime(jar));
    }
}
