package dev.vbench.core.handlers;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The times of the files in the guest's workspace (its working directory tree) that predate the
 * run, made deterministic whatever the checkout: a fresh clone writes its files within seconds,
 * at times that differ from clone to clone, so the real times would make every `ls -l` or `tar`
 * differ. The files are grouped by their modification times, a new group wherever {@link #GAP} or
 * more passed between two of them (a checkout, a later edit, a build), and every file of group k
 * (the oldest is 0) shows the time epoch - 1 day + k seconds: the order of the groups is kept, so
 * make still sees an edited source newer than its object; a newer group (what a run wrote into
 * the workspace) leaves the older groups' times as they were; and all of them are older than what
 * the run creates (from the epoch on) and newer than the host's own files, whose real times are kept.
 */
final class WorkspaceTimes {
    /** Changes closer than this belong to one group (one checkout, one build). */
    static final long GAP = 2_000_000_000L;
    /** A workspace larger than this is not scanned: its files keep their real times (said in a note). */
    static final int MAX_FILES = 100_000;
    private static final long SECOND = 1_000_000_000L;
    private static final int S_IFMT = 0170000, S_IFDIR = 0040000;
    /** Where the oldest group of the workspace lies before the epoch. */
    private static final long BEFORE_EPOCH = 86_400 * SECOND;

    private record Key(long dev, long ino) {}

    private final Map<Key, Long> times;
    private final boolean complete;

    private WorkspaceTimes(Map<Key, Long> times, boolean complete) {
        this.times = times;
        this.complete = complete;
    }

    /** No workspace: every file keeps its real times. */
    static WorkspaceTimes none() {
        return new WorkspaceTimes(Map.of(), true);
    }

    /**
     * Scans the tree at {@code root} (symbolic links not followed, other file systems and
     * {@code hidden} paths left out) for files last changed before {@code runStartNanos}. The root
     * directory of the host is no workspace: its files keep their real times.
     */
    static WorkspaceTimes scan(Path root, long epochNanos, long runStartNanos, Set<String> hidden) {
        return scan(root, epochNanos, runStartNanos, hidden, MAX_FILES);
    }

    static WorkspaceTimes scan(Path root, long epochNanos, long runStartNanos, Set<String> hidden, int maxFiles) {
        if (root.getParent() == null) {
            return none();
        }
        Map<Key, Long> modified = new HashMap<>();
        Object rootDevice;
        try {
            rootDevice = Files.getAttribute(root, "unix:dev");
        } catch (IOException | RuntimeException e) {
            return none();
        }
        // one lstat per file (a walk with Files.walkFileTree would take two)
        Deque<Path> directories = new ArrayDeque<>(List.of(root));
        while (!directories.isEmpty()) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directories.pop())) {
                for (Path p : entries) {
                    if (hidden.contains(p.toString())) {
                        continue;
                    }
                    if (modified.size() >= maxFiles) {
                        return new WorkspaceTimes(Map.of(), false);
                    }
                    Map<String, Object> a = Files.readAttributes(p, "unix:dev,ino,mode,lastModifiedTime",
                            LinkOption.NOFOLLOW_LINKS);
                    Object dev = a.get("dev");
                    long mtime = nanos((FileTime) a.get("lastModifiedTime"));
                    if (mtime < runStartNanos) {
                        modified.put(new Key(((Number) dev).longValue(), ((Number) a.get("ino")).longValue()), mtime);
                    }
                    if (((Integer) a.get("mode") & S_IFMT) == S_IFDIR && dev.equals(rootDevice)) {
                        directories.push(p);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone meanwhile, or unreadable: what is left keeps its real times
            }
        }
        long[] changes = modified.values().stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        Map<Long, Integer> group = new HashMap<>();
        int g = 0;
        for (int i = 0; i < changes.length; i++) {
            if (i > 0 && changes[i] - changes[i - 1] >= GAP) {
                g++;
            }
            group.put(changes[i], g);
        }
        Map<Key, Long> times = new HashMap<>();
        modified.forEach((key, mtime) ->
                times.put(key, epochNanos - BEFORE_EPOCH + Math.min(group.get(mtime), 86_399) * SECOND));
        return new WorkspaceTimes(times, true);
    }

    private static long nanos(FileTime t) {
        return t.to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The time the guest sees for the workspace file {@code (dev, ino)}, or null if it is not one. */
    Long timeOf(long dev, long ino) {
        return times.get(new Key(dev, ino));
    }

    /** Whether the whole workspace was scanned (false: too large, its files keep their real times). */
    boolean complete() {
        return complete;
    }
}
