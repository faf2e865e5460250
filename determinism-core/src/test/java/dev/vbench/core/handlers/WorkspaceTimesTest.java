package dev.vbench.core.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workspace files show times from their group's rank, whatever their real times. */
class WorkspaceTimesTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long EPOCH = Instant.parse("2030-01-01T00:00:00Z").getEpochSecond() * SECOND;
    private static final long DAY_BEFORE = EPOCH - 86_400 * SECOND;

    @TempDir
    Path root;

    private Path file(String name, Instant modified) throws IOException {
        Path p = root.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, name);
        Files.setLastModifiedTime(p, FileTime.from(modified));
        return p;
    }

    private static Long shown(WorkspaceTimes w, Path p) throws IOException {
        return w.timeOf(((Number) Files.getAttribute(p, "unix:dev")).longValue(),
                ((Number) Files.getAttribute(p, "unix:ino")).longValue());
    }

    private static long now() {
        Instant i = Instant.now();
        return i.getEpochSecond() * SECOND + i.getNano();
    }

    @Test
    void filesCloseInTimeShareATimeAndLaterGroupsComeLater() throws IOException {
        Instant t = Instant.parse("2021-05-01T10:00:00Z");
        Path a = file("a.c", t);
        Path b = file("src/b.c", t.plusMillis(500));
        Path c = file("c.o", t.plusSeconds(10));
        Path d = file("src/d.o", t.plusSeconds(11));
        Path e = file("e.c", t.plusSeconds(100));
        WorkspaceTimes w = WorkspaceTimes.scan(root, EPOCH, now() + SECOND, Set.of());
        assertThat(w.complete()).isTrue();
        assertThat(shown(w, a)).isEqualTo(DAY_BEFORE);
        assertThat(shown(w, b)).as("within the gap: same group").isEqualTo(DAY_BEFORE);
        assertThat(shown(w, c)).as("10 s later: next group").isEqualTo(DAY_BEFORE + SECOND);
        assertThat(shown(w, d)).isEqualTo(DAY_BEFORE + SECOND);
        assertThat(shown(w, e)).isEqualTo(DAY_BEFORE + 2 * SECOND);
    }

    @Test
    void twoCheckoutsAtDifferentTimesShowTheSameTimes() throws IOException {
        for (String name : new String[] {"x", "y/z"}) {
            file(name, Instant.parse("2020-01-01T00:00:00Z"));
        }
        WorkspaceTimes first = WorkspaceTimes.scan(root, EPOCH, now() + SECOND, Set.of());
        long firstX = shown(first, root.resolve("x")), firstZ = shown(first, root.resolve("y/z"));
        // the same checkout made three years later
        for (String name : new String[] {"x", "y/z"}) {
            file(name, Instant.parse("2023-06-07T08:09:10Z"));
        }
        WorkspaceTimes second = WorkspaceTimes.scan(root, EPOCH, now() + SECOND, Set.of());
        assertThat(shown(second, root.resolve("x"))).isEqualTo(firstX);
        assertThat(shown(second, root.resolve("y/z"))).isEqualTo(firstZ);
    }

    @Test
    void filesChangedAfterTheRunStartedAndHiddenPathsAreLeftOut() throws IOException {
        Path old = file("old", Instant.parse("2020-01-01T00:00:00Z"));
        Path changed = file("changed", Instant.ofEpochSecond(0, now() + 10 * SECOND));
        Path hidden = file("result.json", Instant.parse("2020-01-01T00:00:00Z"));
        WorkspaceTimes w = WorkspaceTimes.scan(root, EPOCH, now() + SECOND, Set.of(hidden.toString()));
        assertThat(shown(w, old)).isEqualTo(DAY_BEFORE);
        assertThat(shown(w, changed)).as("modified after the run started: by the run").isNull();
        assertThat(shown(w, hidden)).isNull();
    }

    @Test
    void aWorkspaceTooLargeIsNotScannedAndTheHostRootIsNoWorkspace() throws IOException {
        for (int i = 0; i < 5; i++) {
            file("f" + i, Instant.parse("2020-01-01T00:00:00Z"));
        }
        WorkspaceTimes large = WorkspaceTimes.scan(root, EPOCH, now() + SECOND, Set.of(), 3);
        assertThat(large.complete()).isFalse();
        assertThat(shown(large, root.resolve("f0"))).isNull();
        WorkspaceTimes host = WorkspaceTimes.scan(Path.of("/"), EPOCH, now() + SECOND, Set.of());
        assertThat(host.complete()).isTrue();
        assertThat(shown(host, Path.of("/etc/passwd"))).isNull();
    }
}
