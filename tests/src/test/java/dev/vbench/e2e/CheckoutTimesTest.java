package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Native;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The files of the guest's working directory (its checkout) show times that depend only on the
 * order in which they changed, not on when the checkout was made (issue 14, item 5): two clones
 * of one commit list the same, make takes the decisions it takes natively, and CPython's caches
 * written natively stay valid.
 */
class CheckoutTimesTest {
    private static final Map<String, String> FILES = Map.of(
            "Makefile", "prog: a.o b.o\n\tcc -o prog a.o b.o\n%.o: %.c\n\tcc -c $<\n",
            "a.c", "int b(void);\nint main(void) { return b(); }\n",
            "b.c", "int b(void) { return 0; }\n",
            "docs/README", "a checkout\n");

    /** A checkout of {@link #FILES} whose files were all written at {@code when}. */
    private static Path checkout(String name, Instant when) throws IOException {
        Path dir = Processes.scratch(name);
        for (Map.Entry<String, String> f : FILES.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
            Files.setLastModifiedTime(p, FileTime.from(when));
        }
        Files.setLastModifiedTime(dir.resolve("docs"), FileTime.from(when));
        return dir;
    }

    private static RunResult underVbench(Path cwd, String... guest) {
        return Processes.run(Vbench.command(List.of(), Vbench.runArgs(Vbench.NO_COUNTER, List.of(guest))), Map.of(), cwd,
                Duration.ofSeconds(120));
    }

    private static void setTime(Path p, Instant when) throws IOException {
        Files.setLastModifiedTime(p, FileTime.from(when));
    }

    @Test
    void twoCheckoutsOfTheSameFilesListAndArchiveTheSame() throws IOException {
        Path first = checkout("clone1", Instant.parse("2021-01-01T09:00:00Z"));
        Path second = checkout("clone2", Instant.parse("2024-07-08T17:30:12.345Z"));
        String listing = "ls -l --full-time -R . && tar cf - --sort=name . | cksum";
        RunResult a = underVbench(first, "sh", "-c", listing);
        RunResult b = underVbench(second, "sh", "-c", listing);
        assertThat(a.exitCode()).as(a.describe()).isZero();
        assertThat(b.stdout()).as("the second clone lists as the first\n%s\n%s", a, b).isEqualTo(a.stdout());
        assertThat(a.stdout()).as("the files predate the epoch (2030-01-01) by a day")
                .contains("2029-12-31 00:00:00.000000000 +0000 Makefile");
        RunResult nat = Native.run(List.of("sh", "-c", listing), Map.of(), first, Duration.ofSeconds(60));
        assertThat(nat.stdout()).as("natively the clones' real times show").contains("2021-01-01");
    }

    @Test
    void makeRebuildsWhatItRebuildsNatively() throws IOException {
        Instant cloned = Instant.parse("2022-03-03T10:00:00Z");
        Path nativeDir = checkout("make-native", cloned);
        Path vbenchDir = checkout("make-vbench", cloned.plusSeconds(86_400 * 400));
        for (Path dir : List.of(nativeDir, vbenchDir)) {
            RunResult build = Native.run(List.of("make"), Map.of(), dir, Duration.ofSeconds(60));
            assertThat(build.exitCode()).as(build.describe()).isZero();
            Instant built = Files.getLastModifiedTime(dir.resolve("prog")).toInstant();
            // the objects and the program written by this build a minute ago, then one source edited
            try (Stream<Path> outputs = Stream.of("a.o", "b.o", "prog").map(dir::resolve)) {
                for (Path p : (Iterable<Path>) outputs::iterator) {
                    setTime(p, built.minusSeconds(60));
                }
            }
            setTime(dir.resolve("b.c"), built.minusSeconds(30));
        }
        RunResult nat = Native.run(List.of("make"), Map.of(), nativeDir, Duration.ofSeconds(60));
        RunResult under = underVbench(vbenchDir, "make");
        assertThat(nat.stdout()).isEqualTo("cc -c b.c\ncc -o prog a.o b.o\n");
        assertThat(under.stdout()).as("the same rebuild under vbench\n%s", under).isEqualTo(nat.stdout());
        assertThat(under.stderr()).as("no clock skew").doesNotContainIgnoringCase("skew").doesNotContain("future");
        RunResult again = underVbench(vbenchDir, "make");
        assertThat(again.stdout()).as("then nothing is left to do\n%s", again).contains("'prog' is up to date");
        assertThat(again.stderr()).doesNotContainIgnoringCase("skew");
    }

    private static final String PYTHON = "/usr/bin/python3";

    @Test
    void pythonCachesWrittenNativelyStayValid() throws IOException {
        Path dir = Processes.scratch("pyc");
        Files.writeString(dir.resolve("mod.py"), "VALUE = 42\n");
        Files.writeString(dir.resolve("main.py"), String.join("\n",
                "import os, time, mod",
                "print('value', mod.VALUE)",
                "print('mod.py modified', time.strftime('%Y-%m-%d', time.gmtime(os.stat('mod.py').st_mtime)))", ""));
        // the canonical environment's PATH finds /usr/bin/python3; natively the same one writes its caches
        RunResult nat = Native.run(List.of(PYTHON, "main.py"), Map.of("PYTHONDONTWRITEBYTECODE", ""), dir,
                Duration.ofSeconds(60));
        assertThat(nat.exitCode()).as(nat.describe()).isZero();
        Path cache;
        try (Stream<Path> s = Files.list(dir.resolve("__pycache__"))) {
            cache = s.filter(p -> p.getFileName().toString().startsWith("mod.")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(cache);
        FileTime written = Files.getLastModifiedTime(cache);
        RunResult first = underVbench(dir, PYTHON, "main.py");
        RunResult second = underVbench(dir, PYTHON, "main.py");
        assertThat(first.stdout()).as(first.describe()).isEqualTo("value 42\nmod.py modified 2029-12-31\n");
        assertThat(second.stdout()).isEqualTo(first.stdout());
        assertThat(Files.readAllBytes(cache)).as("the cache was not rewritten").isEqualTo(bytes);
        assertThat(Files.getLastModifiedTime(cache)).isEqualTo(written);
    }
}
