package dev.vbench.core.handlers;

import java.util.List;

/**
 * What the file handlers read of the host's files on the guest's behalf: a directory's entries and
 * the identity of what a guest descriptor refers to. The supervisor reads them through /proc;
 * tests give a fake.
 */
public interface HostFiles {
    /** A file's identity on the host. */
    record FileKey(long dev, long ino) {}

    /** One directory entry as the host's file system returns it. */
    record RawEntry(long ino, byte type, byte[] name) {}

    /**
     * Every entry of the directory open as {@code fd} in thread {@code tid}, in the file system's
     * order, and the directory's own identity.
     *
     * @throws IllegalArgumentException if {@code fd} is not an open directory
     */
    Directory list(int tid, int fd);

    /** A directory: its identity, its absolute path as the host names it, and its entries. */
    record Directory(FileKey key, String path, List<RawEntry> entries) {}

    /** What descriptor {@code fd} of thread {@code tid} refers to now, or null if it is not open. */
    FileKey identify(int tid, int fd);

    /** The target of the symbolic link at the absolute {@code path}, or null if it cannot be read. */
    String readLink(String path);

    /**
     * What the file at the absolute {@code path} is now, as an input: its size and modification
     * time, "directory", or "absent"; null if that cannot be told.
     */
    String describe(String path);

    /** The text of the (small) file at the absolute {@code path}, or null if it cannot be read. */
    String readText(String path);

    /** The bytes of the (small) file at the absolute {@code path}, or null if it cannot be read. */
    byte[] readBytes(String path);

    /** A file's identity and its latest changes, in ns since 1970. */
    record Stat(long dev, long ino, long mtimeNanos, long ctimeNanos) {}

    /** The file at the absolute {@code path} (links followed), or null if there is none. */
    Stat stat(String path);
}
