package dev.vbench.cli.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhCompilerHintsTest {
    @Test
    void blackholeHintsThenTheJarsOwnSortedAsJmhWritesThemForAFork(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("b.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/CompilerHints"));
            out.write("inline,bench/Work.mix\ndontinline,*.*_ss_jmhStub\n\n".getBytes(StandardCharsets.UTF_8));
        }
        Path file = dir.resolve("hints");
        JmhCompilerHints.write(jar, file);
        assertThat(Files.readAllLines(file)).containsExactly("quiet", "inline,org/openjdk/jmh/infra/Blackhole.consume",
                "dontinline,org/openjdk/jmh/infra/Blackhole.consumeCPU", "dontinline,org/openjdk/jmh/infra/Blackhole.consumeFull",
                "dontinline,*.*_ss_jmhStub", "inline,bench/Work.mix");
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(Files.getLastModifiedTime(jar));
    }

    @Test
    void aJarWithoutHintsGetsTheBlackholeHintsOnly(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("b.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("x.txt"));
        }
        assertThat(JmhCompilerHints.lines(jar)).hasSize(4).startsWith("quiet");
    }
}
