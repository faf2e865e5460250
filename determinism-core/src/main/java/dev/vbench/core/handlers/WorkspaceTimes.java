package dev.vbench.core.handlers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

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
    /**
     * A workspace of more entries than this (files, directories, links: counted before any is
     * lstat'ed) is not scanned: its files keep their real times (said in a note).
     */
    static final int MAX_FILES = 100_000;
    private static final long SECOND = 1_000_000_000L;
    /** Where the oldest group of the workspace lies before the epoch. */
    private static final long BEFORE_EPOCH = 86_400 * SECOND;

    private record Key(long dev, long ino) {}

    /** The group of each file, 0 for the oldest. */
    private final Map<Key, Integer> groups;
    private final boolean complete;

    private WorkspaceTimes(Map<Key, Integer> groups, boolean complete) {
        this.groups = groups;
        this.complete = complete;
    }

    /** No workspace: every file keeps its real times. */
    static WorkspaceTimes none() {
        return new WorkspaceTimes(Map.of(), true);
    }

    /**
     * Scans the tree at {@code root} ({@link WorkspaceWalk}: symbolic links not followed, other
     * file systems and {@code hidden} paths left out) for files last changed before
     * {@code runStartNanos}. The root directory of the host is no workspace: its files keep their
     * real times.
     */
    static WorkspaceTimes scan(Path root, long runStartNanos, Set<String> hidden) {
        return scan(root, runStartNanos, hidden, MAX_FILES, () -> false);
    }

    /**
     * As above, for a tree of at most {@code maxFiles} entries.
     *
     * @param cancelled once true, the scan stops with a CancellationException
     */
    static WorkspaceTimes scan(Path root, long runStartNanos, Set<String> hidden, int maxFiles,
            BooleanSupplier cancelled) {
        if (root.getParent() == null) {
            return none();
        }
        long rootDevice;
        try {
            rootDevice = ((Number) Files.getAttribute(root, "unix:dev")).longValue();
        } catch (IOException | RuntimeException e) {
            return none();
        }
        WorkspaceWalk walk = new WorkspaceWalk(root, rootDevice, hidden, cancelled);
        // Counting first (getdents lists many entries a call; only directories are lstat'ed) costs
        // about a third of lstat'ing every entry, and a tree too large is given up at that cost:
        // 0.2 s for a 159k-entry checkout with its build output, where lstat'ing the first 100k took 0.86 s.
        if (walk.count(maxFiles) > maxFiles) {
            return tooLarge();
        }
        Map<Key, Long> modified = new HashMap<>();
        boolean complete = walk.visit(maxFiles, (dev, ino, mtime) -> {
            if (mtime < runStartNanos) {
                modified.put(new Key(dev, ino), mtime);
            }
        });
        if (!complete) { // grown since it was counted
            return tooLarge();
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
        Map<Key, Integer> groups = new HashMap<>();
        modified.forEach((key, mtime) -> groups.put(key, Math.min(group.get(mtime), 86_399)));
        return new WorkspaceTimes(groups, true);
    }

    private static WorkspaceTimes tooLarge() {
        return new WorkspaceTimes(Map.of(), false);
    }

    /**
     * The time the guest sees for the workspace file {@code (dev, ino)} in a run whose clocks start
     * at {@code epochNanos}, or null if it is not one.
     */
    Long timeOf(long dev, long ino, long epochNanos) {
        Integer g = groups.get(new Key(dev, ino));
        return g == null ? null : epochNanos - BEFORE_EPOCH + g * SECOND;
    }

    /** Whether the whole workspace was scanned (false: too large, its files keep their real times). */
    boolean complete() {
        return complete;
    }
}
