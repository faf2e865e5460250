package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gate as CI uses it, through the real jar: results from real runs, a baseline saved in the
 * default directory under the working directory, compare's exit codes, its JUnit report and the
 * GitHub job summary.
 */
class CompareCliTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static Path result(Path dir, String file, List<String> guest) {
        Path json = dir.resolve(file);
        RunResult r = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--json", json.toString(), "--name", "bench"),
                guest, Map.of(), dir);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return json;
    }

    private static RunResult vbench(Path cwd, Map<String, String> env, String... args) {
        return Vbench.run(List.of(args), env, cwd, TIMEOUT);
    }

    @Test
    void aBaselineFromMainGatesAChangeThatDoesMoreWork() throws Exception {
        Path dir = Processes.scratch("gate");
        Path main = result(dir, "main.json", List.of(Guests.path("exitcode"), "0"));
        Path same = result(dir, "same.json", List.of(Guests.path("exitcode"), "0"));
        Path more = result(dir, "more.json", List.of("/bin/sh", "-c", "for i in 1 2 3 4 5 6 7 8; do /bin/true; done"));

        RunResult saved = vbench(dir, Map.of(), "baseline", "save", "main", main.toString());
        assertThat(saved.exitCode()).as(saved.describe()).isZero();
        assertThat(dir.resolve(".vbench/baselines/main.json")).as("the default store is under the working directory")
                .exists();

        Path summary = dir.resolve("summary.md");
        RunResult ok = vbench(dir, Map.of("GITHUB_STEP_SUMMARY", summary.toString()), "compare", "baseline:main",
                same.toString());
        assertThat(ok.exitCode()).as("deterministic runs of the same program: " + ok.describe()).isZero();
        assertThat(ok.stdout()).contains("1 unchanged").containsPattern("unchanged +bench +([0-9,]+) +\\1 +0 +0\\.00%");
        assertThat(Files.readString(summary)).startsWith("### vbench compare: passed\n");

        Path junit = dir.resolve("junit.xml");
        RunResult bad = vbench(dir, Map.of("GITHUB_STEP_SUMMARY", summary.toString()), "compare", "baseline:main",
                more.toString(), "--format", "junit", "--out", junit.toString());
        assertThat(bad.exitCode()).as(bad.describe()).isEqualTo(1);
        assertThat(bad.stderr()).contains("1 regressed");
        assertThat(Files.readString(junit)).contains("<testcase classname=\"vbench.virtual_time\" name=\"bench\"",
                "<failure type=\"regressed\"");
        assertThat(Files.readString(summary)).contains("### vbench compare: passed\n", "### vbench compare: failed\n");

        RunResult missing = vbench(dir, Map.of(), "compare", "baseline:nightly", more.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).contains("BASE baseline:nightly: no baseline named 'nightly'")
                .doesNotContain("Exception", "\tat ");
    }
}
