package dev.vbench.core.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.nativ.Native;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The getdents/getdents64 encoding of a sorted directory listing, and the listing of a real directory. */
class DirectoryListingTest {
    private static final byte DT_DIR = 4, DT_REG = 8, DT_LNK = 10;

    private record Dirent(long ino, long off, int reclen, byte type, String name) {}

    private static DirectoryListing listing(DirectoryListing.Entry... entries) {
        return new DirectoryListing(new HostFiles.FileKey(1, 1), "/d", new ArrayList<>(List.of(entries)));
    }

    private static DirectoryListing.Entry entry(long ino, byte type, String name) {
        return new DirectoryListing.Entry(ino, type, name.getBytes(StandardCharsets.UTF_8));
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    /** Decodes {@code n} bytes of records, checking the padding and the NUL after each name. */
    private static List<Dirent> parse(byte[] buf, int n, boolean dirent64) {
        List<Dirent> out = new ArrayList<>();
        int at = 0;
        while (at < n) {
            int reclen = le16(buf, at + 16);
            assertThat(reclen % 8).as("reclen aligned to 8").isZero();
            assertThat(at + reclen).isLessThanOrEqualTo(n);
            int nameAt = at + (dirent64 ? 19 : 18);
            int end = nameAt;
            while (buf[end] != 0) {
                end++;
            }
            byte type = dirent64 ? buf[at + 18] : buf[at + reclen - 1];
            int padEnd = dirent64 ? at + reclen : at + reclen - 1;
            for (int i = end; i < padEnd; i++) {
                assertThat(buf[i]).as("NUL and padding at %d", i).isZero();
            }
            out.add(new Dirent(Native.le64(buf, at), Native.le64(buf, at + 8), reclen, type,
                    new String(buf, nameAt, end - nameAt, StandardCharsets.UTF_8)));
            at += reclen;
        }
        assertThat(at).isEqualTo(n);
        return out;
    }

    @Test
    void dirent64RecordsAreAlignedAndCarryCookies() throws Exception {
        DirectoryListing l = listing(entry(1000, DT_DIR, "."), entry(1001, DT_DIR, ".."),
                entry(1002, DT_REG, "abcd"), entry(1003, DT_LNK, "abcde"), entry(1004, DT_REG, "x".repeat(255)));
        byte[] buf = new byte[4096];
        Arrays.fill(buf, (byte) 0x7f);
        int n = l.fill(buf, buf.length, true);
        // 19 + name + NUL, rounded up to 8
        assertThat(n).isEqualTo(24 + 24 + 24 + 32 + 280);
        assertThat(buf[n]).as("nothing written past the records").isEqualTo((byte) 0x7f);
        assertThat(parse(buf, n, true)).containsExactly(
                new Dirent(1000, 1, 24, DT_DIR, "."),
                new Dirent(1001, 2, 24, DT_DIR, ".."),
                new Dirent(1002, 3, 24, DT_REG, "abcd"),
                new Dirent(1003, 4, 32, DT_LNK, "abcde"),
                new Dirent(1004, 5, 280, DT_REG, "x".repeat(255)));
        assertThat(l.position).isEqualTo(5);
        assertThat(l.fill(buf, buf.length, true)).as("end of directory").isZero();
    }

    @Test
    void legacyRecordsPutTheTypeInTheLastByte() throws Exception {
        DirectoryListing l = listing(entry(7, DT_DIR, "."), entry(8, DT_REG, "abcd"), entry(9, DT_LNK, "abcde"),
                entry(10, DT_REG, "abcdef"));
        byte[] buf = new byte[4096];
        int n = l.fill(buf, buf.length, false);
        // 18 + name + NUL + d_type, rounded up to 8
        assertThat(parse(buf, n, false)).containsExactly(
                new Dirent(7, 1, 24, DT_DIR, "."),
                new Dirent(8, 2, 24, DT_REG, "abcd"),
                new Dirent(9, 3, 32, DT_LNK, "abcde"),
                new Dirent(10, 4, 32, DT_REG, "abcdef"));
    }

    @Test
    void reclenIsAlwaysTheSmallestMultipleOfEightThatHoldsTheRecord() throws Exception {
        for (int len = 1; len <= 40; len++) {
            for (boolean dirent64 : new boolean[] {true, false}) {
                DirectoryListing l = listing(entry(1, DT_REG, "n".repeat(len)));
                byte[] buf = new byte[128];
                int n = l.fill(buf, buf.length, dirent64);
                int needed = dirent64 ? 19 + len + 1 : 18 + len + 2;
                assertThat(n).as("name length %d, dirent64 %s", len, dirent64)
                        .isEqualTo(le16(buf, 16)).isGreaterThanOrEqualTo(needed).isLessThan(needed + 8);
                assertThat(n % 8).isZero();
            }
        }
    }

    @Test
    void aBufferTooSmallForTheFirstEntryIsEinvalAndLeavesTheCursor() throws Exception {
        DirectoryListing l = listing(entry(1, DT_REG, "abcde"), entry(2, DT_REG, "b"));
        byte[] buf = new byte[64];
        assertThat(l.fill(buf, 31, true)).isEqualTo(-1);
        assertThat(l.fill(buf, 0, true)).isEqualTo(-1);
        assertThat(l.position).isZero();
        assertThat(l.fill(buf, 32, true)).isEqualTo(32);
        assertThat(l.position).isEqualTo(1);
    }

    @Test
    void aFullBufferReturnsWhatFitsAndTheNextCallResumes() throws Exception {
        DirectoryListing l = listing(entry(1, DT_REG, "a"), entry(2, DT_REG, "b"), entry(3, DT_REG, "c"));
        byte[] buf = new byte[64];
        assertThat(l.fill(buf, 47, true)).as("one 24-byte record fits in 47").isEqualTo(24);
        assertThat(parse(buf, 24, true)).extracting(Dirent::name).containsExactly("a");
        assertThat(l.fill(buf, 48, true)).isEqualTo(48);
        assertThat(parse(buf, 48, true)).extracting(Dirent::name).containsExactly("b", "c");
        assertThat(parse(buf, 48, true)).extracting(Dirent::off).containsExactly(2L, 3L);
        assertThat(l.fill(buf, 48, true)).isZero();
    }

    @Test
    void anyBufferSizeYieldsTheSameStream() throws Exception {
        List<DirectoryListing.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            entries.add(entry(5000 + i, DT_REG, "file-" + "y".repeat(i % 37) + i));
        }
        for (boolean dirent64 : new boolean[] {true, false}) {
            byte[] whole = new byte[1 << 16];
            int n = listing(entries.toArray(DirectoryListing.Entry[]::new)).fill(whole, whole.length, dirent64);
            for (int capacity : new int[] {80, 100, 257, 1000, 4096}) {
                DirectoryListing l = listing(entries.toArray(DirectoryListing.Entry[]::new));
                ByteArrayOutputStream joined = new ByteArrayOutputStream();
                byte[] buf = new byte[capacity];
                int got;
                int calls = 0;
                while ((got = l.fill(buf, capacity, dirent64)) > 0) {
                    assertThat(got).isLessThanOrEqualTo(capacity);
                    joined.write(buf, 0, got);
                    calls++;
                }
                assertThat(got).isZero();
                assertThat(calls).isGreaterThan(1);
                assertThat(joined.toByteArray()).as("capacity %d", capacity).isEqualTo(Arrays.copyOf(whole, n));
            }
            List<Dirent> all = parse(whole, n, dirent64);
            assertThat(all).hasSize(200);
            for (int i = 0; i < 200; i++) {
                assertThat(all.get(i).off()).isEqualTo(i + 1L);
                assertThat(all.get(i).ino()).isEqualTo(5000L + i);
            }
        }
    }

    @Test
    void aCookieSetAsPositionResumesAfterThatEntry() throws Exception {
        DirectoryListing l = listing(entry(1, DT_REG, "a"), entry(2, DT_REG, "b"), entry(3, DT_REG, "c"));
        byte[] buf = new byte[256];
        int n = l.fill(buf, buf.length, true);
        long cookieOfB = parse(buf, n, true).get(1).off();
        l.position = (int) cookieOfB; // what lseek(fd, d_off, SEEK_SET) does
        n = l.fill(buf, buf.length, true);
        assertThat(parse(buf, n, true)).extracting(Dirent::name).containsExactly("c");
        l.position = 0; // rewinddir
        n = l.fill(buf, buf.length, true);
        assertThat(parse(buf, n, true)).extracting(Dirent::name).containsExactly("a", "b", "c");
    }

    @Test
    void anEmptyListingIsAtItsEnd() throws Exception {
        assertThat(listing().fill(new byte[64], 64, true)).isZero();
        assertThat(listing().fill(new byte[64], 0, false)).isZero();
    }

    @Test
    void readingARealDirectorySortsByBytesAndNumbersInodesInThatOrder(@TempDir Path dir) throws Exception {
        for (String name : new String[] {"zeta", "Alpha", "beta", "_x", "a", "Zulu", "\u00e9t\u00e9", "10", "9"}) {
            Files.createFile(dir.resolve(name));
        }
        Files.createDirectory(dir.resolve("sub"));
        int fd = Native.libc().open(dir.toString(), 0200000 /* O_DIRECTORY */);
        assertThat(fd).isNotNegative();
        try {
            FileIdentity files = new FileIdentity(0, () -> 0);
            int pid = (int) ProcessHandle.current().pid();
            HostFiles host = new dev.vbench.core.supervisor.ProcHostFiles();
            DirectoryListing l = DirectoryListing.of(host.list(pid, fd), files);
            List<String> names = new ArrayList<>();
            for (DirectoryListing.Entry e : l.entries) {
                names.add(new String(e.name(), StandardCharsets.UTF_8));
            }
            assertThat(names).containsExactly(".", "..", "10", "9", "Alpha", "Zulu", "_x", "a", "beta", "sub", "zeta",
                    "\u00e9t\u00e9");
            for (int i = 0; i < l.entries.size(); i++) {
                assertThat(l.entries.get(i).inode()).isEqualTo(FileIdentity.FIRST_INODE + i);
            }
            assertThat(l.entries.get(names.indexOf("sub")).type()).isEqualTo(DT_DIR);
            assertThat(l.entries.get(names.indexOf("a")).type()).isEqualTo(DT_REG);
            assertThat(host.list(pid, fd).entries()).filteredOn(e -> new String(e.name(), StandardCharsets.UTF_8).equals("a"))
                    .singleElement().extracting(HostFiles.RawEntry::ino).as("d_ino, the host's inode")
                    .isEqualTo(((Number) Files.getAttribute(dir.resolve("a"), "unix:ino")).longValue());

            DirectoryListing again = DirectoryListing.of(host.list(pid, fd), files);
            assertThat(again.key).isEqualTo(host.identify(pid, fd)).isEqualTo(l.key);
            assertThat(again.entries.get(3).inode()).as("same file, same virtual inode").isEqualTo(l.entries.get(3).inode());
        } finally {
            Native.libc().close(fd);
        }
    }
}
