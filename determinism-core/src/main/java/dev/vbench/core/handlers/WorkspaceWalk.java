package dev.vbench.core.handlers;

import dev.vbench.core.nativ.DirectoryReader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The entries of a workspace tree: everything below the root on the root's file system (a
 * directory of another file system, such as a mount point, is an entry but is not entered),
 * except the {@code hidden} paths and what lies below them; symbolic links are not followed.
 */
final class WorkspaceWalk {
    /** Sees one entry, lstat'ed. */
    interface Visitor {
        void entry(long dev, long ino, long mtimeNanos);
    }

    /** How Java turns a file name's bytes into a String, so hidden paths compare as Path.toString() does. */
    private static final Charset NAMES = namesCharset();

    private final byte[] root;
    private final long rootDevice;
    private final Set<String> hidden;
    /** The directories that hold a hidden path: only their entries' paths need comparing. */
    private final Set<String> hiddenParents = new HashSet<>();
    private final BooleanSupplier cancelled;

    /**
     * @param cancelled checked as the walk goes: once true, the walk throws CancellationException
     */
    WorkspaceWalk(Path root, long rootDevice, Set<String> hidden, BooleanSupplier cancelled) {
        this.root = root.toString().getBytes(NAMES);
        this.rootDevice = rootDevice;
        this.hidden = hidden;
        this.cancelled = cancelled;
        for (String h : hidden) {
            Path parent = Path.of(h).getParent();
            if (parent != null) {
                hiddenParents.add(parent.toString());
            }
        }
    }

    /**
     * The number of entries, counted up to {@code limit} + 1 (then the walk stops): cheap, because
     * only directories are lstat'ed (to stay on the file system); the rest are counted from the
     * directory listings.
     */
    int count(int limit) {
        int[] n = {0};
        walk(limit, null, n);
        return n[0];
    }

    /**
     * Shows {@code visitor} every entry; false, after {@code limit} of them, if there are more.
     */
    boolean visit(int limit, Visitor visitor) {
        return walk(limit, visitor, new int[1]);
    }

    /** Counts every entry into {@code count[0]}; lstat's only directories unless there is a {@code visitor} to show each to. */
    private boolean walk(int limit, Visitor visitor, int[] count) {
        Deque<byte[]> directories = new ArrayDeque<>();
        directories.push(root);
        try (DirectoryReader reader = new DirectoryReader()) {
            while (!directories.isEmpty()) {
                byte[] dir = directories.pop();
                if (!reader.open(dir, dir == root)) {
                    continue; // gone meanwhile, or unreadable: what is in it keeps its real times
                }
                String dirPath = hiddenParents.isEmpty() ? null : new String(dir, NAMES);
                boolean mayHide = dirPath != null && hiddenParents.contains(dirPath);
                while (reader.next()) {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("the workspace scan was cancelled");
                    }
                    if (mayHide && hidden.contains(dirPath + "/" + new String(reader.name(), NAMES))) {
                        continue;
                    }
                    if (++count[0] > limit) {
                        return false;
                    }
                    byte type = reader.type();
                    boolean maybeDirectory = type == DirectoryReader.DT_DIR || type == DirectoryReader.DT_UNKNOWN;
                    if (!(visitor != null || maybeDirectory) || !reader.lstat()) {
                        continue; // counted only, or gone meanwhile
                    }
                    if (visitor != null) {
                        visitor.entry(reader.dev(), reader.ino(), reader.mtimeNanos());
                    }
                    if (reader.isDirectory() && reader.dev() == rootDevice) {
                        directories.push(child(dir, reader.name()));
                    }
                }
            }
        }
        return true;
    }

    private static Charset namesCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding"));
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    private static byte[] child(byte[] dir, byte[] name) {
        byte[] path = java.util.Arrays.copyOf(dir, dir.length + 1 + name.length);
        path[dir.length] = '/';
        System.arraycopy(name, 0, path, dir.length + 1, name.length);
        return path;
    }
}
