package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Counted;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.Vbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Valgrind 3.19 fakes the client's /proc/self/cmdline and auxv with files it creates at start-up
 * as {@code $TMPDIR/valgrind_proc_<pid>_<part>_<8 hex>} (O_EXCL) and unlinks at once. The hex
 * digits come from VG_(random) seeded with {@code (getpid() << 9) ^ getppid()}, which under vbench
 * are 1000 and 1 in every run: two runs at once tried the same names, and the loser printed
 * "VG_(mkstemp): failed to create temp file" (or, with all 11 names it tries taken, did not start).
 * Here the names another run would hold are taken beforehand, in a TMPDIR of the test's own so that
 * no other run on the machine meets them.
 */
class ValgrindTempFilesTest {
    private static final List<String> GUEST = List.of("cat", "/proc/self/cmdline");

    @Test
    void namesAnotherRunHoldsChangeNothingAndNoFileIsLeft() throws IOException {
        Path tmp = Processes.scratch("valgrind-tmpdir");
        List<String> options = Vbench.options(Vbench.VALGRIND, "--env", "TMPDIR=" + tmp);
        Counted free = Counted.run(options, GUEST);
        assertThat(names(tmp)).as("nothing is left in the temporary directory").isEmpty();

        List<String> taken = new ArrayList<>();
        for (String part : List.of("cmdline", "auxv")) {
            for (String hex : valgrindsNames(1000, 1, 11)) {
                taken.add("valgrind_proc_1000_" + part + "_" + hex);
            }
        }
        for (String name : taken) {
            Files.createFile(tmp.resolve(name));
        }
        Counted held = Counted.run(options, GUEST);

        assertThat(held.run().stderr()).as(held.run().describe()).doesNotContain("mkstemp");
        assertThat(held.run().stdout()).as("Valgrind's fake /proc/self/cmdline").contains("/proc/self/cmdline")
                .isEqualTo(free.run().stdout());
        assertThat(held.run().stderr()).isEqualTo(free.run().stderr());
        assertThat(held.work()).isEqualTo(free.work());
        assertThat(held.benchmark().path("deterministic").asBoolean()).as("%s", held.benchmark()).isTrue();
        assertThat(names(tmp)).as("the files taken are untouched, and none is added").containsExactlyInAnyOrderElementsOf(taken);
    }

    /** The first {@code n} hex parts VG_(mkstemp) tries (coregrind/m_libcfile.c: VG_(random), an LCG). */
    private static List<String> valgrindsNames(int pid, int ppid, int n) {
        int seed = (pid << 9) ^ ppid;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seed = 1103515245 * seed + 12345;
            out.add(String.format("%08x", seed));
        }
        return out;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
