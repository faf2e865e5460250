package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vbench.e2e.support.Determinism;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Unmodified shell and Python programs are deterministic under vbench. */
class ScriptGuestsTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void shellPipelineOfDateEchoLsOdIsIdentical() {
        List<String> guest = List.of("/bin/sh", "-c", "date; echo $$; ls /; od -An -N8 -tx8 /dev/urandom");
        RunResult r = Determinism.check(Vbench.NO_COUNTER, guest, true);
        List<String> lines = r.stdoutLines();
        assertThat(lines.get(0)).as("date at the default epoch\n%s", r).contains("2030");
        assertThat(lines.get(1)).as("the shell's pid\n%s", r).isEqualTo("1000");
        assertThat(lines).as(r.describe()).contains("tmp", "usr");
        assertThat(lines.get(lines.size() - 1).trim()).as(r.describe()).matches("[0-9a-f]{16}");
    }

    @Test
    void pythonScriptIsIdentical() throws IOException {
        assumeTrue(Files.isExecutable(PYTHON), "python3 is not installed");
        Path script = Guests.source("pyguest.py");
        Path dir = Processes.scratch("pydir").resolve("d");
        Files.createDirectory(dir);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            names.add("entry" + i);
        }
        Collections.shuffle(names, new Random(7));
        for (String n : names) {
            Files.createFile(dir.resolve(n));
        }
        List<String> guest = List.of(PYTHON.toString(), script.toString(), dir.toString());
        // Under the Valgrind counter: the "time" line is counted work, so this also shows that
        // CPython's start-up does the same work on every run. No warm-up run: files older than the
        // run keep their real mtimes, so CPython finds the stdlib's __pycache__ current and does not
        // rewrite it (when every file claimed the epoch, the first run under vbench rewrote it, as
        // root, and differed from later runs). The two native runs of Determinism.check come first
        // and leave the caches as any python3 run on this host would.
        RunResult r = Determinism.check(Vbench.VALGRIND, guest, true);
        assertThat(r.stdout()).as(r.describe()).contains("pid 1000", "time 1893456");
        String listdir = r.stdoutLines().stream().filter(l -> l.startsWith("listdir ")).findFirst().orElseThrow();
        List<String> listed = List.of(listdir.substring("listdir ".length()).split(" "));
        assertThat(listed).containsExactlyElementsOf(listed.stream().sorted(DirectoryOrderTest::byteOrder).toList());
        assertThat(listed).hasSize(40);
    }
}
