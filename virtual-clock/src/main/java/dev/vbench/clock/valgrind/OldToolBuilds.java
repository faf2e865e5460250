package dev.vbench.clock.valgrind;

import dev.vbench.clock.fs.TrustedPaths;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes vbcount builds that an upgrade left behind in the cache. Every Valgrind version and
 * source revision gets a directory of its own (about 2.6 MB), so a cache that is never pruned grows
 * with every upgrade: 35 directories, 92 MB, after one day of development here. A build is
 * removed only when {@link #KEPT} newer ones exist besides the one just built and nothing has
 * rebuilt it for {@link #MIN_AGE}: another vbench still in use then rebuilds it, once, and never
 * finds it half deleted, because a build directory is entered only by a rename of a complete build.
 */
final class OldToolBuilds {
    /** Builds kept besides the one just made, newest first: two vbench versions in use side by side never rebuild. */
    static final int KEPT = 2;
    static final Duration MIN_AGE = Duration.ofDays(1);
    /** What {@link VbcountToolBuilder} names a build: the Valgrind version, a dash, 12 hex digits of the sources' hash. */
    private static final Pattern BUILD_NAME = Pattern.compile(".+-[0-9a-f]{12}");

    private OldToolBuilds() {}

    /**
     * Removes the old builds in {@code cacheDir}, never {@code justBuilt}. Best effort: a build
     * that cannot be removed stays, and the run goes on.
     *
     * @return the builds removed
     */
    static List<Path> prune(Path cacheDir, Path justBuilt, Instant now) {
        List<Path> removed = new ArrayList<>();
        List<Build> others = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(cacheDir)) {
            for (Path entry : entries) {
                if (entry.getFileName().equals(justBuilt.getFileName())
                        || !BUILD_NAME.matcher(entry.getFileName().toString()).matches()) {
                    continue;
                }
                BasicFileAttributes a = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isDirectory()) {
                    others.add(new Build(entry, a.lastModifiedTime().toInstant()));
                }
            }
        } catch (IOException e) {
            return removed;
        }
        others.sort(Comparator.comparing(Build::built).reversed());
        Instant cutoff = now.minus(MIN_AGE);
        for (Build old : others.subList(Math.min(KEPT, others.size()), others.size())) {
            if (old.built().isBefore(cutoff)) {
                try {
                    TrustedPaths.deleteTree(old.dir());
                    removed.add(old.dir());
                } catch (IOException e) {
                    // kept: a cache another user owns, or a file system that refuses
                }
            }
        }
        return removed;
    }

    private record Build(Path dir, Instant built) {}
}
