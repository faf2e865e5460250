package dev.vbench.core.handlers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's open descriptors and directories, in memory: a test opens a directory (entries in
 * the order a file system would return them) or a plain file at a descriptor number, closes it or
 * reuses the number for something else; the handler sees what the number refers to now.
 */
public final class FakeHostFiles implements HostFiles {
    private final Map<Integer, FileKey> open = new HashMap<>();
    private final Map<Integer, List<RawEntry>> directories = new HashMap<>();
    /** How many times a directory was read from the host (a listing is read once per open directory). */
    public int listings;
    /** The real tid of the last thread whose descriptors were asked about. */
    public int lastTid;

    /** One entry as the file system returns it. */
    public static RawEntry entry(long ino, int type, String name) {
        return new RawEntry(ino, (byte) type, name.getBytes(StandardCharsets.UTF_8));
    }

    /** Descriptor {@code fd} now refers to the directory {@code key} holding {@code entries}. */
    public void openDirectory(int fd, FileKey key, RawEntry... entries) {
        open.put(fd, key);
        directories.put(fd, new ArrayList<>(List.of(entries)));
    }

    /** Descriptor {@code fd} now refers to the file {@code key}, which is not a directory. */
    public void openFile(int fd, FileKey key) {
        open.put(fd, key);
        directories.remove(fd);
    }

    private final Map<String, String> links = new HashMap<>();
    /** The last path whose link was read. */
    public String lastLink;

    /** The link at the real {@code path} holds {@code target}. */
    public void link(String path, String target) {
        links.put(path, target);
    }

    @Override
    public String readLink(String path) {
        lastLink = path;
        return links.get(path);
    }

    public void close(int fd) {
        open.remove(fd);
        directories.remove(fd);
    }

    @Override
    public Directory list(int tid, int fd) {
        lastTid = tid;
        List<RawEntry> entries = directories.get(fd);
        if (entries == null) {
            throw new IllegalArgumentException("descriptor " + fd + " is not an open directory");
        }
        listings++;
        return new Directory(open.get(fd), paths.get(fd), List.copyOf(entries));
    }

    private final Map<Integer, String> paths = new HashMap<>();
    private final Map<String, String> described = new HashMap<>();

    /** The open directory {@code fd} is at {@code path} on the host. */
    public void pathOf(int fd, String path) {
        paths.put(fd, path);
    }

    /** What {@link #describe} says of {@code path} (default: unknown). */
    public void describeAs(String path, String what) {
        described.put(path, what);
    }

    private final Map<String, String> texts = new HashMap<>();

    /** The file at {@code path} holds {@code text}. */
    public void text(String path, String text) {
        texts.put(path, text);
    }

    private final Map<String, byte[]> bytes = new HashMap<>();
    private final Map<String, Stat> stats = new HashMap<>();

    public void bytes(String path, byte[] content) {
        bytes.put(path, content);
    }

    public void stat(String path, Stat stat) {
        stats.put(path, stat);
    }

    @Override
    public byte[] readBytes(String path) {
        byte[] b = bytes.get(path);
        return b == null ? null : b.clone();
    }

    @Override
    public Stat stat(String path) {
        return stats.get(path);
    }

    @Override
    public String readText(String path) {
        return texts.get(path);
    }

    @Override
    public String describe(String path) {
        return described.get(path);
    }

    @Override
    public FileKey identify(int tid, int fd) {
        lastTid = tid;
        return open.get(fd);
    }
}
