package dev.vbench.core.handlers;

import java.util.HashMap;
import java.util.Map;

/**
 * Deterministic file metadata: virtual device and inode numbers in first-seen order, and file
 * times. A file that predates the run keeps its own times, like its contents: they are input, and
 * tools compare them with what they recorded earlier (CPython checks a .pyc against its source's
 * mtime, and would rewrite its cache if every file claimed the epoch). A file the run changes
 * appears at the virtual time when the guest first saw the change, the same on every run.
 */
final class FileIdentity {
    static final long FIRST_INODE = 1000;
    private record Key(long dev, long ino) {}
    private record Stamp(long realNanos, long virtualNanos) {}

    private final Map<Key, Long> inodes = new HashMap<>();
    private final Map<Long, Long> devices = new HashMap<>();
    private final Map<Key, Stamp> stamps = new HashMap<>();
    private final long runStartRealNanos;
    private final long epochNanos;
    private final java.util.function.LongSupplier elapsedVirtualNanos;
    private final WorkspaceScan workspace;
    /** The workspace's times, once the scan has been waited for. */
    private WorkspaceTimes workspaceTimes;

    /** With no workspace: every file that predates the run keeps its own times. */
    FileIdentity(long epochNanos, java.util.function.LongSupplier elapsedVirtualNanos) {
        this(epochNanos, elapsedVirtualNanos, WorkspaceScan.none());
    }

    /** The files of {@code workspace} show deterministic times ({@link WorkspaceTimes}); the run starts with its scan. */
    FileIdentity(long epochNanos, java.util.function.LongSupplier elapsedVirtualNanos, WorkspaceScan workspace) {
        this.runStartRealNanos = workspace.runStartNanos();
        this.epochNanos = epochNanos;
        this.elapsedVirtualNanos = elapsedVirtualNanos;
        this.workspace = workspace;
    }

    /**
     * The time the guest sees for a file whose latest real change is {@code realNanos}: a
     * workspace file's deterministic time, a file the run changed at the virtual time of the
     * change, or, for other files that predate the run, null (they keep their own times).
     */
    Long shownTime(long dev, long ino, long realNanos) {
        if (realNanos < runStartRealNanos) {
            if (workspaceTimes == null) {
                workspaceTimes = workspace.times();
            }
            return workspaceTimes.timeOf(dev, ino, epochNanos);
        }
        return time(dev, ino, realNanos);
    }

    long inode(long dev, long ino) {
        return inodes.computeIfAbsent(new Key(dev, ino), k -> FIRST_INODE + inodes.size());
    }

    long device(long dev) {
        return devices.computeIfAbsent(dev, d -> 0x801L + devices.size()); // 8:1, 8:2, ... like sda1
    }

    /** The virtual time of a file the run changed, whose latest real change is {@code realNanos}. */
    long time(long dev, long ino, long realNanos) {
        Key key = new Key(dev, ino);
        Stamp s = stamps.get(key);
        if (s == null || s.realNanos != realNanos) {
            s = new Stamp(realNanos, epochNanos + elapsedVirtualNanos.getAsLong());
            stamps.put(key, s);
        }
        return s.virtualNanos;
    }
}
