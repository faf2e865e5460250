package dev.vbench.core.handlers;

import dev.vbench.core.nativ.LibC;
import dev.vbench.core.nativ.Native;
import dev.vbench.core.nativ.NativeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jnr.ffi.Pointer;

/**
 * The whole of one open directory, read by the supervisor and sorted by name (byte order, as
 * strcmp in the C locale), with a cursor: the guest's getdents calls are answered from it, so the
 * order does not depend on the file system or on how many calls the guest needs.
 */
final class DirectoryListing {
    private static final int SYS_GETDENTS64 = 217;
    private static final int O_RDONLY = 0, O_DIRECTORY = 0200000, O_CLOEXEC = 02000000;
    private static final int BUFFER = 64 * 1024;
    private static final LibC C = Native.libc();

    record Entry(long inode, byte type, byte[] name) {}

    final List<Entry> entries;
    /** Index of the next entry to return; also the d_off cookie of the entry before it. */
    int position;

    private DirectoryListing(List<Entry> entries) {
        this.entries = entries;
    }

    /** Lists the directory open as {@code fd} in thread {@code tid}, with virtual inode numbers. */
    static DirectoryListing read(int tid, int fd, FileIdentity files) {
        String path = "/proc/" + tid + "/fd/" + fd;
        int dirFd = C.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dirFd < 0) {
            throw new NativeException("open " + path, Native.errno());
        }
        List<Entry> entries = new ArrayList<>();
        long dev;
        try {
            dev = ((Number) Files.getAttribute(Path.of(path), "unix:dev")).longValue();
            Pointer buf = Native.allocate(BUFFER);
            byte[] bytes = new byte[BUFFER];
            long n;
            while ((n = C.syscall(SYS_GETDENTS64, dirFd, buf.address(), BUFFER)) > 0) {
                buf.get(0, bytes, 0, (int) n);
                for (int at = 0; at < n; ) {
                    long ino = Native.le64(bytes, at);
                    int reclen = (bytes[at + 16] & 0xff) | (bytes[at + 17] & 0xff) << 8;
                    byte type = bytes[at + 18];
                    int end = at + 19;
                    while (bytes[end] != 0) {
                        end++;
                    }
                    entries.add(new Entry(ino, type, Arrays.copyOfRange(bytes, at + 19, end)));
                    at += reclen;
                }
            }
            if (n < 0) {
                throw new NativeException("getdents64 " + path, Native.errno());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            C.close(dirFd);
        }
        // Sort before numbering: virtual inodes are handed out in first-seen order, which must
        // not be the file system's order.
        entries.sort((a, b) -> Arrays.compareUnsigned(a.name, b.name));
        entries.replaceAll(e -> new Entry(files.inode(dev, e.inode), e.type, e.name));
        return new DirectoryListing(entries);
    }

    /**
     * Encodes entries from the cursor into {@code out} (at most {@code capacity} bytes), advancing
     * the cursor; returns the bytes written, 0 at the end, or -1 if the next entry does not fit.
     */
    int fill(byte[] out, int capacity, boolean dirent64) {
        int used = 0;
        while (position < entries.size()) {
            Entry e = entries.get(position);
            int header = dirent64 ? 19 : 18;
            int reclen = (header + e.name.length + (dirent64 ? 1 : 2) + 7) & ~7;
            if (used + reclen > capacity) {
                return used == 0 ? -1 : used;
            }
            Arrays.fill(out, used, used + reclen, (byte) 0);
            Native.putLe64(out, used, e.inode);
            Native.putLe64(out, used + 8, position + 1L);
            out[used + 16] = (byte) reclen;
            out[used + 17] = (byte) (reclen >> 8);
            if (dirent64) {
                out[used + 18] = e.type;
                System.arraycopy(e.name, 0, out, used + 19, e.name.length);
            } else {
                System.arraycopy(e.name, 0, out, used + 18, e.name.length);
                out[used + reclen - 1] = e.type;
            }
            used += reclen;
            position++;
        }
        return used;
    }
}
