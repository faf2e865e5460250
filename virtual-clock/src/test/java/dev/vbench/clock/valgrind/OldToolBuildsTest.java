package dev.vbench.clock.valgrind;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OldToolBuildsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @TempDir
    Path cache;

    @Test
    void removesBuildsOlderThanADayBeyondTheTwoNewestAndKeepsEverythingElse() throws IOException {
        Path justBuilt = build("valgrind-3.19.0-aaaaaaaaaaaa", Duration.ofDays(30)); // its mtime does not matter
        Path newest = build("valgrind-3.19.0-bbbbbbbbbbbb", Duration.ofDays(40));
        Path third = build("valgrind-3.18.1-cccccccccccc", Duration.ofDays(50));
        Path old = build("valgrind-3.18.1-dddddddddddd", Duration.ofDays(60));
        Path older = build("valgrind-3.17.0-eeeeeeeeeeee", Duration.ofDays(70));
        Path secondNewest = build("valgrind-3.19.0-ffffffffffff", Duration.ofDays(45));
        Path notABuild = build("my-notes", Duration.ofDays(400));
        Path versionMemo = Files.writeString(cache.resolve("valgrind-version-0123456789abcdef"), "valgrind-3.19.0");
        Files.setLastModifiedTime(versionMemo, FileTime.from(NOW.minus(Duration.ofDays(400))));

        List<Path> removed = OldToolBuilds.prune(cache, justBuilt, NOW);

        assertThat(removed).containsExactlyInAnyOrder(third, old, older);
        assertThat(justBuilt).isDirectory();
        assertThat(newest).isDirectory();
        assertThat(secondNewest).isDirectory();
        assertThat(notABuild).isDirectory();
        assertThat(versionMemo).isRegularFile();
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left).hasSize(5);
        }
    }

    @Test
    void keepsRecentBuildsHoweverMany() throws IOException {
        Path justBuilt = build("valgrind-3.19.0-aaaaaaaaaaaa", Duration.ZERO);
        for (int i = 1; i <= 5; i++) {
            build("valgrind-3.19.0-00000000000" + i, Duration.ofHours(4 * i));
        }
        assertThat(OldToolBuilds.prune(cache, justBuilt, NOW)).isEmpty();
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left).hasSize(6);
        }
    }

    @Test
    void aMissingCacheRemovesNothing() {
        assertThat(OldToolBuilds.prune(cache.resolve("absent"), cache.resolve("x"), NOW)).isEmpty();
    }

    /** A build directory with a file in it, last built {@code age} before NOW. */
    private Path build(String name, Duration age) throws IOException {
        Path dir = Files.createDirectory(cache.resolve(name));
        Files.writeString(dir.resolve(VbcountTool.BINARY_NAME), "tool");
        Files.setLastModifiedTime(dir, FileTime.from(NOW.minus(age)));
        return dir;
    }
}
