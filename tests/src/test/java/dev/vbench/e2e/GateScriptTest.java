package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/ci/gate.sh, which the GitHub and GitLab examples call, against a small git repository: a C
 * benchmark whose second commit adds 1% work fails the gate naming the benchmark; comparing a
 * commit with itself passes.
 */
class GateScriptTest {
    private static final Duration SLOW = Duration.ofSeconds(300);
    private static Path repo;
    private static String first;
    private static String second;

    private static final String PROGRAM = """
            #include <stdio.h>
            #include <stdlib.h>
            int main(int argc, char **argv) {
                long n = atol(argv[1]) + EXTRA;
                unsigned long x = 88172645463325252ul, s = 0;
                for (long i = 0; i < n; i++) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; if (x & 1) s += x % 7; }
                printf("%lu\\n", s);
                return 0;
            }
            """;

    @BeforeAll
    static void repository() throws IOException {
        repo = Processes.scratch("gate-repo");
        Files.createDirectories(repo.resolve("bench"));
        Files.writeString(repo.resolve("bench/suite.json"), """
                {"defaults": {"counter": "valgrind", "setup": "gcc -O1 -o mix mix.c"},
                 "benchmarks": [
                   {"name": "mixer", "command": ["./mix", "400000"]},
                   {"name": "idle", "command": ["/bin/true"]}]}
                """);
        Files.writeString(repo.resolve("bench/mix.c"), "#define EXTRA 0\n" + PROGRAM);
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("commit", "-q", "-m", "a benchmark");
        first = git("rev-parse", "HEAD").strip();
        Files.writeString(repo.resolve("bench/mix.c"), "#define EXTRA 4000\n" + PROGRAM); // +1% rounds
        git("commit", "-q", "-am", "more work");
        second = git("rev-parse", "HEAD").strip();
    }

    private static String git(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.org"));
        cmd.addAll(List.of(args));
        RunResult r = Processes.run(cmd, Map.of(), repo, Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r.stdout();
    }

    private static RunResult gate(String base, String head, Path out) {
        Path script = Path.of(System.getProperty("vbench.tests.basedir")).getParent().resolve("docs/ci/gate.sh");
        String vbench = String.join(" ", Vbench.command(List.of(), List.of()));
        return Processes.run(List.of("bash", script.toString(), "--base", base, "--head", head, "--suite",
                "bench/suite.json", "--out", out.toString(), "--threshold", "0.5%"),
                Map.of("VBENCH", vbench, "CI", "true"), repo, SLOW);
    }

    @Test
    void moreWorkInTheHeadFailsTheGateNamingTheBenchmark() throws IOException {
        Path out = Processes.scratch("gate-out");
        RunResult r = gate(first, second, out);

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        assertThat(r.stdout()).containsPattern("(?m)^regressed +mixer ").containsPattern("(?m)^unchanged +idle ");
        assertThat(r.stderr()).contains("vbench gate: FAILED");
        assertThat(out.resolve("report.html")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("compare.xml"))).contains("mixer");
        assertThat(out.resolve("base.json")).isNotEmptyFile();
        assertThat(git("worktree", "list").lines()).hasSize(1); // the script removed its worktrees
    }

    @Test
    void nothingChangedPasses() {
        Path out = Processes.scratch("gate-out");
        RunResult r = gate(second, second, out);

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).containsPattern("(?m)^unchanged +mixer ");
        assertThat(r.stderr()).contains("vbench gate: passed");
    }

    @Test
    void aMissingSuiteOrCommitIsBadInput() {
        Path out = Processes.scratch("gate-out");
        RunResult r = gate("no-such-ref", second, out);
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
        assertThat(r.stderr()).contains("no commit 'no-such-ref'");
    }
}
