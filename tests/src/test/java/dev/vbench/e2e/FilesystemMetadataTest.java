package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Determinism;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * stat, lstat, fstat, newfstatat and statx report virtual inodes and devices, block size 4096,
 * blocks from the size, owners 0 or 65534, and times: a file that predates the run keeps its real
 * mtime and ctime (atime reads as the mtime), a file the run creates gets virtual times from --epoch.
 */
class FilesystemMetadataTest {
    private static final long EPOCH = Instant.parse("2030-01-01T00:00:00Z").getEpochSecond();
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

    /** The real mtime given to the input files, so that it is neither the epoch nor "now". */
    private static final Instant INPUT_MTIME = Instant.parse("2021-03-04T05:06:07.123456789Z");

    /**
     * The input files, created once before every run: input/old.txt (the caller's) and
     * input/other.txt (uid 1234). They predate every run, so each run must see their real times;
     * recreating them per run would give each run a different real ctime.
     */
    private static Path inputs() throws IOException {
        Path dir = Processes.scratch("input");
        Path old = dir.resolve("old.txt");
        Files.writeString(old, "old\n");
        Path other = dir.resolve("other.txt");
        Files.writeString(other, "someone else's\n");
        Files.setAttribute(other, "unix:uid", 1234);
        Files.setAttribute(other, "unix:gid", 1234);
        for (Path p : List.of(old, other)) {
            Files.setLastModifiedTime(p, FileTime.from(INPUT_MTIME));
        }
        return dir;
    }

    private static String seconds(FileTime t) {
        Instant i = t.toInstant();
        return i.getEpochSecond() + "." + String.format("%09d", i.getNano());
    }

    private static Map<String, String> fields(RunResult r, String how, String path) {
        String prefix = how + " " + path + " ";
        String line = r.stdoutLines().stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in\n" + r.describe()));
        Map<String, String> m = new HashMap<>();
        Matcher mm = FIELD.matcher(line.substring(prefix.length()));
        while (mm.find()) {
            m.put(mm.group(1), mm.group(2));
        }
        return m;
    }

    /**
     * /proc/self/fd of a pipe, a socket or an unnamed file names the object's inode, a different one on
     * every run natively: under vbench it is the virtual inode the guest's fstat shows, also when the link
     * is read by name from the open directory /proc/self/fd, as find reads it.
     */
    @Test
    void descriptorLinksOfObjectsWithoutANameShowTheVirtualInode() {
        RunResult r = Determinism.check(Vbench.NO_COUNTER, List.of(Guests.path("fdlinks")), true);
        Map<String, String> lines = new HashMap<>();
        r.stdoutLines().forEach(l -> lines.put(l.substring(0, l.indexOf(' ')), l));
        for (String what : List.of("pipe", "pipe-write-end", "pipe-by-name", "socket", "tmpfile")) {
            Matcher m = Pattern.compile("link=(.*) ino=(\\d+)").matcher(lines.getOrDefault(what, ""));
            assertThat(m.find()).as("%s in\n%s", what, r.describe()).isTrue();
            String ino = m.group(2);
            assertThat(m.group(1)).as(what).isEqualTo(what.equals("tmpfile") ? "/tmp/#" + ino + " (deleted)"
                    : (what.equals("socket") ? "socket" : "pipe") + ":[" + ino + "]");
        }
        assertThat(lines.get("directory")).as("read by name from the directory, the guest's pid").isEqualTo(
                "directory link=/proc/1000/fd");
    }

    @Test
    void metadataIsIdenticalAcrossRunsAndVirtual() throws IOException {
        Path in = inputs();
        String oldTxt = in.resolve("old.txt").toString();
        String otherTxt = in.resolve("other.txt").toString();
        List<String> guest = List.of(Guests.path("stat"), oldTxt, otherTxt, "/etc/passwd", "/usr/bin/env");
        // each run creates new.txt, newdir and link in a fresh working directory
        RunResult r = Determinism.check(Vbench.NO_COUNTER, guest, true);
        assertThat(r.stdout()).as(r.describe()).doesNotContain("error");
        List<String> paths = List.of("new.txt", "newdir", "link", oldTxt, otherTxt, "/etc/passwd", "/usr/bin/env");
        for (String p : paths) {
            for (String how : List.of("stat", "lstat", "fstatat", "fstat", "statx")) {
                Map<String, String> f = fields(r, how, p);
                assertThat(f.get("blksize")).as("%s %s block size\n%s", how, p, r).isEqualTo("4096");
                long size = Long.parseLong(f.get("size"));
                long blocks = Long.parseLong(f.get("blocks"));
                assertThat(blocks * 512).as("%s %s blocks cover the size", how, p).isGreaterThanOrEqualTo(size);
                assertThat(blocks * 512 - size).as("%s %s blocks from the size (4096-byte units)", how, p)
                        .isLessThan(4096 + 4096);
                String owner = p.equals(otherTxt) ? "65534" : "0";
                assertThat(f.get("uid")).as("%s %s owner\n%s", how, p, r).isEqualTo(owner);
                assertThat(f.get("gid")).as("%s %s group\n%s", how, p, r).isEqualTo(owner);
            }
            // every call sees the same inode for the same file (lstat/fstatat/fstat/statx do not follow links)
            String ino = fields(r, "lstat", p).get("ino");
            for (String how : List.of("fstatat", "fstat", "statx")) {
                assertThat(fields(r, how, p).get("ino")).as("%s %s inode against lstat", how, p).isEqualTo(ino);
            }
            // st_dev and statx's major:minor name the same device
            long dev = Long.parseLong(fields(r, "stat", p).get("dev"));
            String[] mm = fields(r, "statx", p).get("dev").split(":");
            long major = Long.parseLong(mm[0]);
            long minor = Long.parseLong(mm[1]);
            long encoded = ((major & 0xfffL) << 8) | (minor & 0xffL) | ((minor & ~0xffL) << 12) | ((major & ~0xfffL) << 32);
            assertThat(dev).as("%s: stat's st_dev against statx's %s", p, fields(r, "statx", p).get("dev"))
                    .isEqualTo(encoded);
        }
        // the symlink follows to new.txt with stat, and is its own inode with lstat
        assertThat(fields(r, "stat", "link").get("ino")).isEqualTo(fields(r, "stat", "new.txt").get("ino"));
        assertThat(fields(r, "lstat", "link").get("ino")).isNotEqualTo(fields(r, "stat", "new.txt").get("ino"));
        // distinct files have distinct inodes
        assertThat(paths.stream().map(p -> fields(r, "lstat", p).get("ino"))).doesNotHaveDuplicates();
        // files older than the run keep their real times (they are input, like their contents: CPython
        // compares a .pyc with its source's mtime); atime reads as the mtime, so that reads by anyone
        // do not show. The same on every run, since the files do not change between runs.
        for (String p : List.of(oldTxt, otherTxt, "/etc/passwd", "/usr/bin/env")) {
            Path path = Path.of(p);
            String mtime = seconds(Files.getLastModifiedTime(path));
            String ctime = seconds((FileTime) Files.getAttribute(path, "unix:ctime"));
            if (p.equals(oldTxt) || p.equals(otherTxt)) {
                assertThat(mtime).as("the input's real mtime, set by the test").isEqualTo(seconds(FileTime.from(INPUT_MTIME)));
            }
            for (String how : List.of("stat", "lstat", "fstatat", "fstat", "statx")) {
                Map<String, String> f = fields(r, how, p);
                assertThat(f.get("mtime")).as("%s: mtime of %s, a file older than the run, is its real mtime\n%s",
                        how, p, r).isEqualTo(mtime);
                assertThat(f.get("atime")).as("%s: atime of %s reads as its mtime\n%s", how, p, r).isEqualTo(mtime);
                assertThat(f.get("ctime")).as("%s: ctime of %s is its real ctime\n%s", how, p, r).isEqualTo(ctime);
            }
        }
        // files the run created get virtual times from the epoch: shortly after --epoch, all three equal
        for (String p : List.of("new.txt", "newdir", "link")) {
            for (String how : List.of("lstat", "fstatat", "statx")) {
                Map<String, String> f = fields(r, how, p);
                double mtime = Double.parseDouble(f.get("mtime"));
                assertThat(mtime).as("%s: mtime of %s, created in the run\n%s", how, p, r)
                        .isBetween((double) EPOCH, EPOCH + 10.0);
                assertThat(f.get("atime")).as("%s: atime of %s", how, p).isEqualTo(f.get("mtime"));
                assertThat(f.get("ctime")).as("%s: ctime of %s", how, p).isEqualTo(f.get("mtime"));
            }
        }
        Map<String, String> created = fields(r, "stat", "new.txt");
        assertThat(Double.parseDouble(created.get("mtime"))).as(r.describe()).isBetween((double) EPOCH, EPOCH + 10.0);
        assertThat(created.get("size")).isEqualTo("100");
    }
}
