package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Determinism;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * stat, lstat, fstat, newfstatat and statx report virtual inodes and devices, block size 4096,
 * blocks from the size, owners 0 or 65534, and virtual times.
 */
class FilesystemMetadataTest {
    private static final long EPOCH = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

    /** Each run gets a fresh directory with old.txt (the caller's) and other.txt (uid 1234). */
    private static final Function<Path, Path> PREPARE = dir -> {
        try {
            Files.writeString(dir.resolve("old.txt"), "old\n");
            Path other = dir.resolve("other.txt");
            Files.writeString(other, "someone else's\n");
            Files.setAttribute(other, "unix:uid", 1234);
            Files.setAttribute(other, "unix:gid", 1234);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

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

    @Test
    void metadataIsIdenticalAcrossRunsAndVirtual() {
        List<String> guest = List.of(Guests.path("stat"), "old.txt", "other.txt", "/etc/passwd", "/usr/bin/env");
        RunResult r = Determinism.check(List.of(), guest, true, PREPARE);
        assertThat(r.stdout()).as(r.describe()).doesNotContain("error");
        List<String> paths = List.of("new.txt", "newdir", "link", "old.txt", "other.txt", "/etc/passwd", "/usr/bin/env");
        for (String p : paths) {
            for (String how : List.of("stat", "lstat", "fstatat", "fstat", "statx")) {
                Map<String, String> f = fields(r, how, p);
                assertThat(f.get("blksize")).as("%s %s block size\n%s", how, p, r).isEqualTo("4096");
                long size = Long.parseLong(f.get("size"));
                long blocks = Long.parseLong(f.get("blocks"));
                assertThat(blocks * 512).as("%s %s blocks cover the size", how, p).isGreaterThanOrEqualTo(size);
                assertThat(blocks * 512 - size).as("%s %s blocks from the size (4096-byte units)", how, p)
                        .isLessThan(4096 + 4096);
                String owner = p.equals("other.txt") ? "65534" : "0";
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
        // files older than the run are at the epoch; files the run created are at or after it
        for (String p : List.of("old.txt", "other.txt", "/etc/passwd", "/usr/bin/env")) {
            Map<String, String> f = fields(r, "stat", p);
            for (String t : List.of("atime", "mtime", "ctime")) {
                assertThat(f.get(t)).as("%s of %s, a file older than the run\n%s", t, p, r)
                        .isEqualTo(EPOCH + ".000000000");
            }
        }
        Map<String, String> created = fields(r, "stat", "new.txt");
        assertThat(Double.parseDouble(created.get("mtime"))).as(r.describe()).isBetween((double) EPOCH, EPOCH + 10.0);
        assertThat(created.get("size")).isEqualTo("100");
    }
}
