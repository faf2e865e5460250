package dev.vbench.core.supervisor;

import dev.vbench.core.handlers.HostFiles;
import dev.vbench.core.nativ.DirectoryReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link HostFiles} through /proc/TID/fd/FD: the supervisor opens the guest's directory itself
 * (same directory, its own position) and stats what a descriptor refers to.
 */
public final class ProcHostFiles implements HostFiles {
    /** Lists the guest's directories; one at a time, as the supervisor's thread asks. */
    private final DirectoryReader reader = new DirectoryReader();

    @Override
    public Directory list(int tid, int fd) {
        String path = "/proc/" + tid + "/fd/" + fd;
        if (!reader.open(path.getBytes(StandardCharsets.US_ASCII), true)) {
            throw new IllegalArgumentException("not an open directory: " + path);
        }
        try {
            FileKey key = identify(tid, fd);
            List<RawEntry> entries = new ArrayList<>();
            while (reader.nextRecord()) {
                entries.add(new RawEntry(reader.entryIno(), reader.type(), reader.name()));
            }
            if (reader.failed() || key == null) {
                throw new IllegalArgumentException("cannot list " + path);
            }
            return new Directory(key, readLink(path), entries);
        } finally {
            reader.close();
        }
    }

    @Override
    public String readLink(String path) {
        try {
            return Files.readSymbolicLink(Path.of(path)).toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public String readText(String path) {
        try {
            return Files.readString(Path.of(path), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public byte[] readBytes(String path) {
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            return null;
        }
    }

    @Override
    public Stat stat(String path) {
        try {
            Map<String, Object> a = Files.readAttributes(Path.of(path), "unix:dev,ino,lastModifiedTime,ctime");
            return new Stat(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue(),
                    ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).to(java.util.concurrent.TimeUnit.NANOSECONDS),
                    ((java.nio.file.attribute.FileTime) a.get("ctime")).to(java.util.concurrent.TimeUnit.NANOSECONDS));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public String describe(String path) {
        try {
            Map<String, Object> a = Files.readAttributes(Path.of(path), "unix:size,lastModifiedTime");
            if (Files.isDirectory(Path.of(path))) {
                return "directory";
            }
            return a.get("size") + " bytes, modified " + a.get("lastModifiedTime");
        } catch (java.nio.file.NoSuchFileException e) {
            return "absent";
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public FileKey identify(int tid, int fd) {
        try {
            Map<String, Object> a = Files.readAttributes(Path.of("/proc/" + tid + "/fd/" + fd), "unix:dev,ino");
            return new FileKey(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue());
        } catch (IOException | RuntimeException notOpen) {
            return null;
        }
    }
}
