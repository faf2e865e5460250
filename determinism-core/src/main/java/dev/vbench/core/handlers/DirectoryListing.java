package dev.vbench.core.handlers;

import dev.vbench.core.guest.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The whole of one open directory, sorted by name (byte order, as strcmp in the C locale), with
 * a cursor: the guest's getdents calls are answered from it, so the order does not depend on the
 * file system or on how many calls the guest needs.
 */
final class DirectoryListing {
    record Entry(long inode, byte type, byte[] name) {}

    /** The directory's identity on the host, to tell whether a descriptor still refers to it. */
    final HostFiles.FileKey key;
    /** Its absolute path on the host (null if unknown). */
    final String path;
    final List<Entry> entries;
    /** Index of the next entry to return; also the d_off cookie of the entry before it. */
    int position;

    DirectoryListing(HostFiles.FileKey key, String path, List<Entry> entries) {
        this.key = key;
        this.path = path;
        this.entries = entries;
    }

    /** The names in the order the guest sees them. */
    List<byte[]> names() {
        List<byte[]> names = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            names.add(e.name);
        }
        return names;
    }

    /** The directory sorted by name, its entries numbered with virtual inodes. */
    static DirectoryListing of(HostFiles.Directory dir, FileIdentity files) {
        List<HostFiles.RawEntry> raw = new ArrayList<>(dir.entries());
        // Sort before numbering: virtual inodes are handed out in first-seen order, which must
        // not be the file system's order.
        raw.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
        List<Entry> entries = new ArrayList<>(raw.size());
        for (HostFiles.RawEntry e : raw) {
            entries.add(new Entry(files.inode(dir.key().dev(), e.ino()), e.type(), e.name()));
        }
        return new DirectoryListing(dir.key(), dir.path(), entries);
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
            Bytes.putLong(out, used, e.inode);
            Bytes.putLong(out, used + 8, position + 1L);
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
