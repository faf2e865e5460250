package dev.vbench.core.supervisor;

import dev.vbench.core.handlers.HostFiles;
import dev.vbench.core.nativ.LibC;
import dev.vbench.core.nativ.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jnr.ffi.Pointer;

/**
 * {@link HostFiles} through /proc/TID/fd/FD: the supervisor opens the guest's directory itself
 * (same directory, its own position) and stats what a descriptor refers to.
 */
public final class ProcHostFiles implements HostFiles {
    private static final int SYS_GETDENTS64 = 217;
    private static final int O_RDONLY = 0, O_DIRECTORY = 0200000, O_CLOEXEC = 02000000;
    private static final int BUFFER = 64 * 1024;
    private static final LibC C = Native.libc();

    private final Pointer buf = Native.allocate(BUFFER);
    private final byte[] bytes = new byte[BUFFER];

    @Override
    public Directory list(int tid, int fd) {
        String path = "/proc/" + tid + "/fd/" + fd;
        int dirFd = C.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dirFd < 0) {
            throw new IllegalArgumentException("not an open directory: " + path);
        }
        try {
            FileKey key = identify(tid, fd);
            List<RawEntry> entries = new ArrayList<>();
            long n;
            while ((n = C.syscall(SYS_GETDENTS64, dirFd, buf.address(), BUFFER)) > 0) {
                buf.get(0, bytes, 0, (int) n);
                for (int at = 0; at < n; ) {
                    long ino = Native.le64(bytes, at);
                    int reclen = (bytes[at + 16] & 0xff) | (bytes[at + 17] & 0xff) << 8;
                    int end = at + 19;
                    while (bytes[end] != 0) {
                        end++;
                    }
                    entries.add(new RawEntry(ino, bytes[at + 18], Arrays.copyOfRange(bytes, at + 19, end)));
                    at += reclen;
                }
            }
            if (n < 0 || key == null) {
                throw new IllegalArgumentException("cannot list " + path);
            }
            return new Directory(key, readLink(path), entries);
        } finally {
            C.close(dirFd);
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
