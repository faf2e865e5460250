package dev.vbench.core.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
                ((Number) Files.getAttribute(p, "unix:ino")).longValue(), EPOCH);
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
        WorkspaceTimes w = WorkspaceTimes.scan(root, now() + SECOND, Set.of());
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
        WorkspaceTimes first = WorkspaceTimes.scan(root, now() + SECOND, Set.of());
        long firstX = shown(first, root.resolve("x")), firstZ = shown(first, root.resolve("y/z"));
        // the same checkout made three years later
        for (String name : new String[] {"x", "y/z"}) {
            file(name, Instant.parse("2023-06-07T08:09:10Z"));
        }
        WorkspaceTimes second = WorkspaceTimes.scan(root, now() + SECOND, Set.of());
        assertThat(shown(second, root.resolve("x"))).isEqualTo(firstX);
        assertThat(shown(second, root.resolve("y/z"))).isEqualTo(firstZ);
    }

    @Test
    void filesChangedAfterTheRunStartedAndHiddenPathsAreLeftOut() throws IOException {
        Path old = file("old", Instant.parse("2020-01-01T00:00:00Z"));
        Path changed = file("changed", Instant.ofEpochSecond(0, now() + 10 * SECOND));
        Path hidden = file("result.json", Instant.parse("2020-01-01T00:00:00Z"));
        WorkspaceTimes w = WorkspaceTimes.scan(root, now() + SECOND, Set.of(hidden.toString()));
        assertThat(shown(w, old)).isEqualTo(DAY_BEFORE);
        assertThat(shown(w, changed)).as("modified after the run started: by the run").isNull();
        assertThat(shown(w, hidden)).isNull();
    }

    @Test
    void aWorkspaceTooLargeIsNotScannedAndTheHostRootIsNoWorkspace() throws IOException {
        for (int i = 0; i < 5; i++) {
            file("f" + i, Instant.parse("2020-01-01T00:00:00Z"));
        }
        WorkspaceTimes large = WorkspaceTimes.scan(root, now() + SECOND, Set.of(), 3, () -> false);
        assertThat(large.complete()).isFalse();
        assertThat(shown(large, root.resolve("f0"))).isNull();
        WorkspaceTimes host = WorkspaceTimes.scan(Path.of("/"), now() + SECOND, Set.of());
        assertThat(host.complete()).isTrue();
        assertThat(shown(host, Path.of("/etc/passwd"))).isNull();
    }

    @Test
    void theLimitCountsTheTreesEntries() throws IOException {
        file("d/f1", Instant.parse("2020-01-01T00:00:00Z"));
        file("d/f2", Instant.parse("2020-01-01T00:00:00Z"));
        file("f3", Instant.parse("2020-01-01T00:00:00Z")); // 4 entries: d, d/f1, d/f2, f3
        assertThat(WorkspaceTimes.scan(root, now() + SECOND, Set.of(), 4, () -> false).complete()).isTrue();
        assertThat(WorkspaceTimes.scan(root, now() + SECOND, Set.of(), 3, () -> false).complete()).isFalse();
        assertThat(WorkspaceTimes.scan(root, now() + SECOND, Set.of(root.resolve("d").toString()), 2, () -> false)
                .complete()).as("a hidden directory and what it holds do not count").isTrue();
    }

    /**
     * The same times as the plain walk vbench made before the scan read directories itself: one
     * Files.readAttributes per entry, symbolic links not followed, hidden paths and what they hold
     * left out, hard links one file.
     */
    @Test
    void showsWhatAPlainWalkOfTheTreeShows() throws IOException {
        Instant t = Instant.parse("2019-02-03T04:05:06Z");
        for (int i = 0; i < 60; i++) {
            // groups of files a few seconds apart, in nested directories, some alone in their group
            file("src/m" + (i % 4) + "/sub" + (i % 3) + "/f" + i + ".c", t.plusSeconds(i / 5 * 7).plusMillis(i));
        }
        // 1.9 s apart: one group, which only the nanoseconds of their times tell
        file("late/a", t.plusSeconds(500).plusMillis(900));
        file("late/b", t.plusSeconds(502).plusMillis(800));
        file("hidden-dir/inside", t.plusSeconds(1000));
        file("out.json", t.plusSeconds(2000));
        Files.createSymbolicLink(root.resolve("link-to-src"), root.resolve("src"));
        Files.createLink(root.resolve("hard-link"), root.resolve("src/m0/sub0/f0.c"));
        Path outside = Files.createTempDirectory("outside");
        Files.writeString(outside.resolve("x"), "x");
        Files.createSymbolicLink(root.resolve("link-outside"), outside);
        Files.setLastModifiedTime(root.resolve("src"), FileTime.from(t.plusSeconds(3000)));
        Set<String> hidden = Set.of(root.resolve("hidden-dir").toString(), root.resolve("out.json").toString());
        long runStart = now() + SECOND;

        WorkspaceTimes w = WorkspaceTimes.scan(root, runStart, hidden);
        Map<List<Long>, Long> expected = plainWalk(root, runStart, hidden);
        List<Path> everything = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(everything::add);
        }
        everything.add(outside.resolve("x"));
        assertThat(w.complete()).isTrue();
        assertThat(everything).hasSizeGreaterThan(70);
        assertThat(expected.values()).as("the groups of the files, the directories and the links made now")
                .containsOnly(java.util.stream.LongStream.range(0, 15).mapToObj(g -> DAY_BEFORE + g * SECOND)
                        .toArray(Long[]::new));
        for (Path p : everything) {
            List<Long> key = key(p);
            assertThat(w.timeOf(key.get(0), key.get(1), EPOCH)).as(p.toString()).isEqualTo(expected.get(key));
        }
        assertThat(shown(w, root.resolve("hidden-dir/inside"))).isNull();
        assertThat(shown(w, root.resolve("src/m3/sub2/f59.c"))).isEqualTo(DAY_BEFORE + 11 * SECOND);
        assertThat(shown(w, root.resolve("late/b"))).isEqualTo(DAY_BEFORE + 12 * SECOND);
    }

    private static List<Long> key(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:dev,ino", LinkOption.NOFOLLOW_LINKS);
        return List.of(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue());
    }

    /** The reference: the walk WorkspaceTimes made up to issue 15, with the same grouping. */
    private static Map<List<Long>, Long> plainWalk(Path root, long runStart, Set<String> hidden) throws IOException {
        Object rootDevice = Files.getAttribute(root, "unix:dev");
        Map<List<Long>, Long> modified = new HashMap<>();
        Deque<Path> directories = new ArrayDeque<>(List.of(root));
        while (!directories.isEmpty()) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directories.pop())) {
                for (Path p : entries) {
                    if (hidden.contains(p.toString())) {
                        continue;
                    }
                    Map<String, Object> a = Files.readAttributes(p, "unix:dev,ino,mode,lastModifiedTime",
                            LinkOption.NOFOLLOW_LINKS);
                    long mtime = ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
                    if (mtime < runStart) {
                        modified.put(List.of(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue()),
                                mtime);
                    }
                    if (((Integer) a.get("mode") & 0170000) == 0040000 && a.get("dev").equals(rootDevice)) {
                        directories.push(p);
                    }
                }
            }
        }
        long[] changes = modified.values().stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        Map<Long, Long> shownTime = new HashMap<>();
        int g = 0;
        for (int i = 0; i < changes.length; i++) {
            if (i > 0 && changes[i] - changes[i - 1] >= WorkspaceTimes.GAP) {
                g++;
            }
            shownTime.put(changes[i], DAY_BEFORE + g * SECOND);
        }
        Map<List<Long>, Long> times = new HashMap<>();
        modified.forEach((key, mtime) -> times.put(key, shownTime.get(mtime)));
        return times;
    }
}
