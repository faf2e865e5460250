package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vbench.e2e.support.Determinism;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.Native;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** getdents returns the whole directory sorted by name, whatever the file system's order. */
class DirectoryOrderTest {
    private static final int FILES = 3000;
    private static Path dir;
    private static List<String> sortedNames;

    @BeforeAll
    static void createDirectory() throws IOException {
        dir = Processes.scratch("dir3000").resolve("big");
        Files.createDirectory(dir);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < FILES - 10; i++) {
            names.add(String.format("file-%05d", i * 7919 % 100000));
        }
        // names whose byte order differs from a locale's collation
        names.addAll(List.of("A", "a", "Z", "_under", "-dash", "0zero", "~tilde", ".hidden", "\u00e9t\u00e9", "B"));
        Collections.shuffle(names, new Random(42));
        for (String n : names) {
            Files.createFile(dir.resolve(n));
        }
        List<String> all = new ArrayList<>(names);
        all.add(".");
        all.add("..");
        all.sort(DirectoryOrderTest::byteOrder);
        sortedNames = List.copyOf(all);
        assertThat(sortedNames).hasSize(FILES + 2);
    }

    static int byteOrder(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> listing(RunResult r, String kind) {
        String prefix = kind + " ";
        return r.stdoutLines().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
    }

    private static void assertSortedListing(RunResult r) {
        assertThat(listing(r, "getdents")).as("getdents64 with a 256-byte buffer, in byte order")
                .containsExactlyElementsOf(sortedNames);
        assertThat(listing(r, "readdir")).as("readdir, in byte order").containsExactlyElementsOf(sortedNames);
        assertThat(Integer.parseInt(r.value("getdents.calls"))).as("hundreds of getdents64 calls").isGreaterThan(100);
        assertThat(r.value("rewind.same")).as("rewinddir lists the same again").isEqualTo("1");
        assertThat(r.stdout()).as("telldir/seekdir return to the same place").contains("seek.same=1");
    }

    @Test
    void bigDirectoryIsListedSortedAndIdentically() {
        List<String> guest = List.of(Guests.path("listdir"), dir.toString());
        RunResult natively = Native.run(guest);
        assertThat(natively.exitCode()).as(natively.describe()).isZero();
        assertThat(listing(natively, "getdents")).as("natively the file system's order is not sorted")
                .containsExactlyInAnyOrderElementsOf(sortedNames)
                .isNotEqualTo(sortedNames);
        RunResult r = Determinism.check(Vbench.NO_COUNTER, guest, false);
        assertSortedListing(r);
    }

    @Test
    void disorderfsShuffleIsUndone() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/disorderfs")), "disorderfs is not installed");
        assumeTrue(Files.exists(Path.of("/dev/fuse")), "/dev/fuse is missing");
        Path mnt = Processes.scratch("disorderfs").resolve("mnt");
        Files.createDirectory(mnt);
        RunResult mount = Processes.run(List.of("disorderfs", "--shuffle-dirents=yes", "--reverse-dirents=no",
                dir.toString(), mnt.toString()), Map.of(), null, Duration.ofSeconds(30));
        assumeTrue(mount.exitCode() == 0, "disorderfs could not mount: " + mount.describe());
        try {
            // natively, two listings of the same directory differ
            RunResult ls1 = Native.run(List.of("ls", "-f", mnt.toString()));
            RunResult ls2 = Native.run(List.of("ls", "-f", mnt.toString()));
            assertThat(ls1.exitCode()).isZero();
            assertThat(ls1.stdout()).as("disorderfs shuffles every listing").isNotEqualTo(ls2.stdout());
            List<String> guest = List.of(Guests.path("listdir"), mnt.toString());
            RunResult r = Determinism.check(Vbench.NO_COUNTER, guest, true);
            assertSortedListing(r);
        } finally {
            RunResult u = Processes.run(List.of("fusermount", "-u", mnt.toString()), Map.of(), null, Duration.ofSeconds(30));
            if (u.exitCode() != 0) {
                Processes.run(List.of("fusermount", "-uz", mnt.toString()), Map.of(), null, Duration.ofSeconds(30));
            }
        }
    }
}
