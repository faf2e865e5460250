package dev.vbench.reports.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void failingSerializationKeepsTheOldFileAndRemovesTheTemporaryFile() throws IOException {
        Path file = dir.resolve("result.json");
        Files.writeString(file, "previous result");

        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("{\"schema\": \"half-writ".getBytes(StandardCharsets.UTF_8));
            out.flush(); // the partial bytes really reach the temporary file
            throw new IOException("serializer blew up");
        })).isInstanceOf(IOException.class).hasMessage("serializer blew up");

        assertThat(Files.readString(file)).isEqualTo("previous result");
        assertThat(listDir()).containsExactly(file);
    }

    @Test
    void runtimeFailuresAlsoCleanUp() throws IOException {
        Path file = dir.resolve("result.json");

        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write(1);
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(listDir()).isEmpty();
    }

    @Test
    void writesTheContentEvenIfTheWriterClosesTheStream() throws IOException {
        Path file = dir.resolve("out.txt");

        AtomicFiles.write(file, out -> {
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.close();
        });

        assertThat(Files.readString(file)).isEqualTo("hello");
        assertThat(listDir()).containsExactly(file);
    }

    @Test
    void resultGetsOrdinaryPermissionsNotThoseOfATempFile() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path plain = Files.createFile(dir.resolve("plain"));
        Path file = dir.resolve("atomic");

        AtomicFiles.write(file, out -> out.write('x'));

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void worksWithARelativePathInTheCurrentDirectory() throws IOException {
        // A bare file name has no parent; the temp file must still go beside the target.
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("rel.txt"));

        AtomicFiles.write(relative, out -> out.write('y'));

        assertThat(Files.readString(dir.resolve("rel.txt"))).isEqualTo("y");
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
