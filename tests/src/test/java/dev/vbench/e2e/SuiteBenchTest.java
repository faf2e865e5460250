package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code vbench bench} and {@code vbench merge} end to end: the acceptance tests of suites. Lean on
 * purpose: --counter none (system calls only) wherever the counts do not matter, and a tiny guest
 * under Valgrind where they do.
 */
class SuiteBenchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SLOW = Duration.ofSeconds(180);

    private static Path suite(Path dir, String name, String json) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, json);
        return file;
    }

    private static RunResult vbench(Path cwd, String... args) {
        return Vbench.run(List.of(args), Map.of("CI", "true"), cwd, SLOW);
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static JsonNode benchmark(JsonNode result, String name) {
        for (JsonNode b : result.get("benchmarks")) {
            if (b.get("name").asText().equals(name)) {
                return b;
            }
        }
        throw new AssertionError("no benchmark " + name + " in " + result);
    }

    /** A benchmark changed by +0.5% of its work is flagged at a 0.2% threshold; the unchanged one is not. */
    @Test
    void halfAPercentMoreWorkIsFlaggedAtPointTwoPercent() throws IOException {
        Path dir = Processes.scratch("suite-regress");
        String loop = Guests.path("suite/loop");
        String template = """
                {"defaults": {"counter": "valgrind", "threshold": "0.2%%"},
                 "benchmarks": [
                   {"name": "steady", "command": ["%s", "300000"]},
                   {"name": "changed", "command": ["%s", "%d"]}]}
                """;
        suite(dir, "base.json", template.formatted(loop, loop, 1_000_000));
        suite(dir, "head.json", template.formatted(loop, loop, 1_005_000)); // +0.5% of the rounds
        RunResult base = vbench(dir, "bench", "base.json", "--out", "base.out.json");
        assertThat(base.exitCode()).as(base.describe()).isZero();
        RunResult head = vbench(dir, "bench", "head.json", "--out", "head.out.json");
        assertThat(head.exitCode()).as(head.describe()).isZero();

        RunResult compare = vbench(dir, "compare", "base.out.json", "head.out.json");

        assertThat(compare.exitCode()).as(compare.describe()).isEqualTo(1);
        assertThat(compare.stdout()).containsPattern("(?m)^regressed +changed ").containsPattern("(?m)^unchanged +steady ");
        JsonNode b = benchmark(read(dir.resolve("base.out.json")), "changed");
        JsonNode h = benchmark(read(dir.resolve("head.out.json")), "changed");
        double change = (h.get("virtual_time_ns").asDouble() - b.get("virtual_time_ns").asDouble())
                / b.get("virtual_time_ns").asDouble();
        assertThat(change).isBetween(0.002, 0.006);
        assertThat(h.get("counters").get("instructions").asLong()).isGreaterThan(b.get("counters").get("instructions").asLong());
        assertThat(h.get("threshold_pct").asDouble()).isEqualTo(0.2);
    }

    /**
     * Twenty runs of an unchanged suite raise no alarm: ten repeats in each of two vbench processes
     * must all be identical (or the benchmark is not deterministic), and comparing the two results
     * at a threshold of 0% finds nothing.
     */
    @Test
    void twentyRerunsOfAnUnchangedSuiteRaiseNoAlarm() throws IOException {
        Path dir = Processes.scratch("suite-rerun");
        suite(dir, "suite.json", """
                {"defaults": {"counter": "valgrind", "repeat": 10},
                 "benchmarks": [{"name": "tiny", "command": ["%s", "20000"]}]}
                """.formatted(Guests.path("suite/loop")));
        for (String out : List.of("a.json", "b.json")) {
            RunResult r = vbench(dir, "bench", "suite.json", "--out", out);
            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.stderr()).contains("tiny: 10 runs identical");
            JsonNode tiny = benchmark(read(dir.resolve(out)), "tiny");
            assertThat(tiny.get("runs").asInt()).isEqualTo(10);
            assertThat(tiny.get("deterministic").asBoolean()).isTrue();
        }
        RunResult compare = vbench(dir, "compare", "a.json", "b.json", "--threshold", "0%");
        assertThat(compare.exitCode()).as(compare.describe()).isZero();
        assertThat(compare.stdout()).containsPattern("(?m)^unchanged +tiny ");
        assertThat(benchmark(read(dir.resolve("a.json")), "tiny"))
                .isEqualTo(benchmark(read(dir.resolve("b.json")), "tiny"));
    }

    /** A benchmark whose output depends on what an earlier run left behind is caught by the second run, and says why. */
    @Test
    void aNondeterministicBenchmarkIsReportedWithTheReason() throws IOException {
        Path dir = Processes.scratch("suite-nondet");
        suite(dir, "suite.json", """
                {"defaults": {"counter": "none"},
                 "benchmarks": [
                   {"name": "starttime", "command": ["/bin/sh", "-c", "n=$(cat runs 2>/dev/null); echo $((n + 1)) | tee runs"]},
                   {"name": "steady", "command": ["/bin/echo", "same"]}]}
                """);
        RunResult r = vbench(dir, "bench", "suite.json", "--out", "r.json");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        assertThat(r.stderr()).contains("starttime: NOT DETERMINISTIC: run 1 and run 2 differ: stdout differs first at line 1");
        JsonNode result = read(dir.resolve("r.json"));
        JsonNode bad = benchmark(result, "starttime");
        assertThat(bad.get("deterministic").asBoolean()).isFalse();
        assertThat(bad.get("deterministic_reason").asText()).startsWith("run 1 and run 2 differ: stdout differs first at line 1");
        assertThat(benchmark(result, "steady").get("deterministic").asBoolean()).isTrue();
        RunResult compare = vbench(dir, "compare", "r.json", "r.json");
        assertThat(compare.exitCode()).as("a nondeterministic benchmark fails the gate\n" + compare.describe()).isEqualTo(1);
    }

    /** Shards run apart and merged give, byte for byte, the benchmarks of one unsharded run. */
    @Test
    void shardsMergeIntoTheUnshardedResult() throws IOException {
        Path dir = Processes.scratch("suite-shards");
        StringBuilder benchmarks = new StringBuilder();
        String[] names = {"echo-a", "sh-ls", "loop", "echo-b", "true", "env"};
        String[] commands = {"[\"/bin/echo\", \"a\"]", "[\"/bin/sh\", \"-c\", \"ls / > /dev/null; echo ok\"]",
                "[\"" + Guests.path("suite/loop") + "\", \"1000\"]", "[\"/bin/echo\", \"b\"]", "[\"/bin/true\"]",
                "[\"" + Guests.path("suite/whereami") + "\"]"};
        for (int i = 0; i < names.length; i++) {
            benchmarks.append(i == 0 ? "" : ",\n").append("{\"name\": \"").append(names[i]).append("\", \"command\": ")
                    .append(commands[i]).append(i == 5 ? ", \"env\": {\"SUITE_VAR\": \"x\"}" : "").append("}");
        }
        suite(dir, "suite.json", "{\"defaults\": {\"counter\": \"none\", \"threshold\": \"1%\"},\n \"benchmarks\": [\n"
                + benchmarks + "]}\n");
        RunResult whole = vbench(dir, "bench", "suite.json", "--out", "whole.json");
        assertThat(whole.exitCode()).as(whole.describe()).isZero();
        List<String> shards = new ArrayList<>();
        for (int k = 3; k >= 1; k--) {
            RunResult s = vbench(dir, "bench", "suite.json", "--out", "s" + k + ".json", "--shard", k + "/3");
            assertThat(s.exitCode()).as(s.describe()).isZero();
            shards.add("s" + k + ".json");
        }
        assertThat(read(dir.resolve("s1.json")).get("benchmarks")).extracting(b -> b.get("name").asText())
                .containsExactly("echo-a", "echo-b");
        List<String> merge = new ArrayList<>(List.of("merge"));
        merge.addAll(shards);
        merge.addAll(List.of("--out", "merged.json"));
        RunResult merged = vbench(dir, merge.toArray(String[]::new));
        assertThat(merged.exitCode()).as(merged.describe()).isZero();

        assertThat(benchmarksText(dir.resolve("merged.json"))).isEqualTo(benchmarksText(dir.resolve("whole.json")));
        assertThat(read(dir.resolve("merged.json")).get("suite")).isEqualTo(read(dir.resolve("whole.json")).get("suite"));

        RunResult missing = vbench(dir, "merge", "s1.json", "s3.json", "--out", "bad.json");
        assertThat(missing.exitCode()).as(missing.describe()).isEqualTo(2);
        assertThat(missing.stderr()).contains("shard 2/3 is missing");
        RunResult filtered = vbench(dir, "bench", "suite.json", "--out", "f2.json", "--shard", "2/3", "--filter", "echo");
        assertThat(filtered.exitCode()).as(filtered.describe()).isZero();
        RunResult mixed = vbench(dir, "merge", "s1.json", "f2.json", "s3.json", "--out", "bad.json");
        assertThat(mixed.exitCode()).as(mixed.describe()).isEqualTo(2);
        assertThat(mixed.stderr()).contains("ran different filters");
        assertThat(dir.resolve("bad.json")).doesNotExist();
    }

    /** The "benchmarks" array of a result file exactly as written, from its opening bracket to its closing one. */
    private static String benchmarksText(Path file) throws IOException {
        String text = Files.readString(file);
        int start = text.indexOf("\"benchmarks\": [");
        assertThat(start).isPositive();
        return text.substring(start);
    }

    /** Every bad input exits 2 before anything runs, naming the file, the benchmark and the key. */
    @Test
    void badSuitesAndOptionsExit2WithAMessageNamingFileBenchmarkAndKey() throws IOException {
        Path dir = Processes.scratch("suite-bad");
        suite(dir, "typo.json", "{\"benchmarks\": [{\"name\": \"qsort\", \"command\": [\"/bin/true\"], \"repaet\": 3}]}");
        suite(dir, "dup.json", "{\"benchmarks\": [{\"name\": \"a\", \"command\": [\"/bin/true\"]},"
                + " {\"name\": \"a\", \"command\": [\"/bin/false\"]}]}");
        suite(dir, "type.yaml", "benchmarks:\n  - name: q\n    command: [/bin/true]\n    repeat: three\n");
        suite(dir, "empty.json", "{\"benchmarks\": [{\"name\": \"e\", \"command\": []}]}");
        suite(dir, "ok.json", "{\"benchmarks\": [{\"name\": \"ok\", \"command\": [\"/bin/true\"], \"counter\": \"none\"}]}");
        String[][] cases = {
            {"typo.json", "vbench: typo.json: benchmark \"qsort\": unknown key \"repaet\" (did you mean \"repeat\"?)"},
            {"dup.json", "vbench: dup.json: benchmark \"a\": duplicate name (benchmarks[0] and benchmarks[1] are both called \"a\")"},
            {"type.yaml", "vbench: type.yaml: benchmark \"q\": \"repeat\" must be an integer, not the string \"three\""},
            {"empty.json", "vbench: empty.json: benchmark \"e\": \"command\" must not be empty"},
            {"nope.json", "vbench: nope.json: no such file"},
        };
        for (String[] c : cases) {
            RunResult r = vbench(dir, "bench", c[0], "--out", "r.json");
            assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
            assertThat(r.stderr().strip()).as(r.describe()).isEqualTo(c[1]);
        }
        String[][] options = {
            {"--shard", "3/2", "--shard takes K/N with 1 <= K <= N, not 3/2"},
            {"--filter", "(", "--filter: not a regular expression"},
            {"--filter", "^zzz", "ok.json: no benchmark matches --filter '^zzz'"},
            {"--repeat", "1", "--repeat must be between 2 and 1000, not 1"},
            {"--wall", "-1", "--wall takes a number of native runs (0 or more), not -1"},
        };
        for (String[] o : options) {
            RunResult r = vbench(dir, "bench", "ok.json", "--out", "r.json", o[0], o[1]);
            assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
            assertThat(r.stderr()).as(r.describe()).contains(o[2]).doesNotContain("\tat ");
        }
        assertThat(dir.resolve("r.json")).doesNotExist();
    }

    /**
     * A suite's cwd (relative to the suite file) and env reach the guest, a failing setup fails its
     * benchmark with its output, a program built by its setup is found, wall time is measured in
     * native runs, and the result carries the platform fingerprint.
     */
    @Test
    void cwdEnvSetupWallTimeAndFingerprint() throws IOException {
        Path dir = Processes.scratch("suite-features");
        Files.createDirectories(dir.resolve("work"));
        Files.copy(Guests.source("suite/whereami.c"), dir.resolve("work/whereami.c"));
        suite(dir, "suite.json", """
                {"defaults": {"counter": "none", "env": {"SUITE_VAR": "from-defaults"}},
                 "benchmarks": [
                   {"name": "where", "command": ["./whereami"], "cwd": "work", "env": {"SUITE_VAR": "from-benchmark"},
                    "setup": "gcc -O1 -o whereami whereami.c"},
                   {"name": "broken-setup", "command": ["/bin/true"], "setup": "echo compiling; echo 'error: no' >&2; exit 4"}]}
                """);
        RunResult r = vbench(dir, "bench", "suite.json", "--out", "r.json", "--wall", "3");

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        assertThat(r.stderr()).contains("broken-setup: FAILED: not run: its setup failed (exit status 4)", "error: no")
                .contains("where: 2 runs identical").contains("where: wall time over 3 native runs");
        JsonNode result = read(dir.resolve("r.json"));
        JsonNode where = benchmark(result, "where");
        assertThat(where.get("deterministic").asBoolean()).isTrue();
        assertThat(where.get("command").get(0).asText()).isEqualTo("./whereami");
        assertThat(where.get("wall_time_ns").get("runs").asInt()).isEqualTo(3);
        assertThat(where.get("wall_time_ns").get("min").asLong()).isPositive()
                .isLessThanOrEqualTo(where.get("wall_time_ns").get("median").asLong());
        // The guest ran in work/ and saw the benchmark's own value: the same stdout as such a run.
        RunResult expected = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--env", "SUITE_VAR=from-benchmark"),
                List.of(dir.resolve("work/whereami").toString()), Map.of(), dir.resolve("work"));
        assertThat(where.get("stdout_sha256").asText()).isEqualTo(sha256(expected.stdout()));
        JsonNode broken = benchmark(result, "broken-setup");
        assertThat(broken.get("runs").asInt()).isZero();
        assertThat(broken.get("exit_status").asInt()).isEqualTo(4);
        assertThat(broken.get("notes").get(0).asText()).contains("compiling", "error: no");
        JsonNode fingerprint = result.get("environment").get("fingerprint");
        assertThat(fingerprint.get("counter").asText()).isEqualTo("none");
        assertThat(fingerprint.get("cpu").asText()).isNotBlank();
        assertThat(fingerprint.get("libc").asText()).startsWith("glibc ");
        assertThat(fingerprint.get("kernel").asText()).isEqualTo("6.1.0-vbench");
        assertThat(result.get("suite").get("file").asText()).isEqualTo("suite.json");

        // run --json carries the same fingerprint (the probe's answer is cached by then).
        RunResult run = Vbench.run(List.of("run", "--counter", "none", "--json", "run.json", "--", "/bin/true"),
                Map.of(), dir, SLOW);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(read(dir.resolve("run.json")).get("environment").get("fingerprint")).isEqualTo(fingerprint);
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
