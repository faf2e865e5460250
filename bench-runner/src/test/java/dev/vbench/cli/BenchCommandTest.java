package dev.vbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench, merge and demo on the command line up to the point where a guest would start: every case
 * here is refused before anything is traced.
 */
class BenchCommandTest {
    @TempDir
    Path dir;

    private record Outcome(int status, String out, String err) {}

    private static synchronized Outcome execute(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.execute(args);
            return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void helpRendersCleanlyAndTheCommandsAreListed() {
        for (String command : new String[] {"bench", "merge", "demo"}) {
            Outcome o = execute(command, "--help");
            assertThat(o.status).as(command).isZero();
            assertThat(o.err).as(command).isEmpty();
            assertThat(o.out).doesNotContain("%n", "${");
        }
        assertThat(execute("bench", "--help").out).contains("--shard=K/N", "--filter=REGEX", "--wall=N", "--repeat=N",
                "--out=RESULT.json", "--counter=BACKEND");
        assertThat(execute("--help").out).containsPattern("(?m)^  bench +Run each benchmark of SUITE")
                .containsPattern("(?m)^  merge +Join the results");
    }

    @Test
    void aMissingOutOrSuiteIsUsage() {
        Outcome noOut = execute("bench", "suite.json");
        assertThat(noOut.status).isEqualTo(2);
        assertThat(noOut.err).contains("Missing required option: '--out=RESULT.json'");
        Outcome noSuite = execute("bench", "--out", "r.json");
        assertThat(noSuite.status).isEqualTo(2);
        assertThat(noSuite.err).contains("Missing required parameter: 'SUITE'");
    }

    @Test
    void anOutputDirectoryThatDoesNotExistIsRefusedBeforeAnythingRuns() throws Exception {
        Path suite = dir.resolve("s.json");
        Files.writeString(suite, "{\"benchmarks\": [{\"name\": \"a\", \"command\": [\"/bin/true\"]}]}");
        Outcome o = execute("bench", suite.toString(), "--out", dir.resolve("no/such/dir/r.json").toString());
        assertThat(o.status).isEqualTo(2);
        assertThat(o.err).contains("does not exist").doesNotContain("\tat ");
    }

    @Test
    void mergeRefusesWhatIsNotAResult() throws Exception {
        Path notJson = dir.resolve("x.json");
        Files.writeString(notJson, "{");
        Outcome o = execute("merge", notJson.toString(), "--out", dir.resolve("m.json").toString());
        assertThat(o.status).isEqualTo(2);
        assertThat(o.err).startsWith("vbench: " + notJson + ": malformed JSON");
        Outcome missing = execute("merge", dir.resolve("none.json").toString(), "--out", dir.resolve("m.json").toString());
        assertThat(missing.status).isEqualTo(2);
        assertThat(missing.err).contains("none.json: no such file");
        assertThat(dir.resolve("m.json")).doesNotExist();
    }
}
