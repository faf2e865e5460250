package dev.vbench.reports.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vbench.reports.Fixtures;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import dev.vbench.reports.model.Result;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultIOTest {
    @TempDir
    Path dir;

    @Test
    void roundTripPreservesEveryField() throws IOException {
        Result original = Fixtures.result();
        Path file = dir.resolve("r.json");

        ResultIO.write(original, file);

        assertThat(ResultIO.read(file)).isEqualTo(original);
    }

    @Test
    void writesTheSchemaNamesFromTheDesign() throws IOException {
        Path file = dir.resolve("r.json");
        ResultIO.write(Fixtures.result(), file);
        String json = Files.readString(file);

        // Equality after a round trip cannot catch a misspelt name; other tools read these names.
        assertThat(json).contains("\"schema\": \"vbench.result/1\"", "\"vbench\"", "\"version\"",
                "\"environment\"", "\"counter\"", "\"counter_reason\"", "\"model\"", "\"epoch\"", "\"seed\"",
                "\"sched_seed\"", "\"cpus\"", "\"memory_bytes\"", "\"cpuid_virtualized\"", "\"host\"", "\"cpu\"",
                "\"kernel\"", "\"benchmarks\"", "\"name\"", "\"command\"", "\"exit_status\"", "\"virtual_time_ns\"",
                "\"counters\"", "\"instructions\"", "\"branches_conditional\"", "\"branches_indirect\"",
                "\"syscalls\"", "\"syscalls_by_name\"", "\"runs\"", "\"deterministic\"", "\"deterministic_reason\"",
                "\"threshold_pct\"",
                "\"wall_time_ns\"", "\"min\"", "\"median\"", "\"p90\"", "\"max\"", "\"stdout_sha256\"",
                "\"stderr_sha256\"", "\"processes\"", "\"threads\"", "\"per_thread\"", "\"tid\"", "\"scheduler\"",
                "\"turns\"", "\"context_switches\"", "\"preemptions\"", "\"notes\"");
        assertThat(json).doesNotContain("virtualTimeNs", "exitStatus", ": null");
    }

    @Test
    void outputIsPrettyStableAndEndsWithNewline() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        ResultIO.write(Fixtures.result(), a);
        ResultIO.write(ResultIO.read(a), b);
        String json = Files.readString(a);

        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
        assertThat(json).startsWith("{\n  \"schema\": \"vbench.result/1\",\n  \"vbench\": {")
                .endsWith("}\n").doesNotContain("\r");
        assertThat(json.indexOf("\"environment\"")).isLessThan(json.indexOf("\"benchmarks\""));
        assertThat(json.indexOf("\"exit_status\"")).isLessThan(json.indexOf("\"virtual_time_ns\""));
        // syscalls_by_name was filled write, mmap, brk; the file lists them by name.
        assertThat(json.indexOf("\"brk\"")).isLessThan(json.indexOf("\"mmap\""));
        assertThat(json.indexOf("\"mmap\"")).isLessThan(json.indexOf("\"write\""));
        assertThat(ResultIO.toJson(Fixtures.result())).isEqualTo(json);
    }

    @Test
    void readsTheExampleFromTheDesign() throws IOException {
        String example = """
                {
                  "schema": "vbench.result/1",
                  "vbench": {"version": "..."},
                  "environment": {"counter": "valgrind", "model": "default", "epoch": "...", "seed": 0,
                                  "host": {"cpu": "...", "kernel": "..."}},
                  "benchmarks": [{
                    "name": "qsort-200k",
                    "command": ["./qsort", "200000"],
                    "exit_status": 0,
                    "virtual_time_ns": 1234567,
                    "counters": {"instructions": 105586321, "branches_conditional": 16490394, "syscalls": 41},
                    "syscalls_by_name": {"write": 1, "mmap": 9},
                    "runs": 3, "deterministic": true,
                    "wall_time_ns": {"runs": 30, "min": 0, "median": 0, "p90": 0, "max": 0},
                    "stdout_sha256": "..."
                  }]
                }
                """;
        Result r = ResultIO.read(new StringReader(example), "design.md");

        Benchmark b = r.benchmarks().get(0);
        assertThat(b.virtualTimeNs()).isEqualTo(1_234_567L);
        assertThat(b.counters()).isEqualTo(dev.vbench.reports.Fixtures.counts(105_586_321L, 16_490_394L, null, 41L));
        assertThat(b.syscallsByName()).containsExactly(java.util.Map.entry("mmap", 9L), java.util.Map.entry("write", 1L));
        assertThat(b.wallTimeNs().runs()).isEqualTo(30);
        assertThat(b.perThread()).isEmpty();
        assertThat(b.notes()).isEmpty();
        assertThat(b.scheduler()).isNull();
        assertThat(r.environment().host().kernel()).isEqualTo("...");
    }

    @Test
    void ignoresUnknownFieldsAtEveryLevel() throws IOException {
        String json = """
                {"schema": "vbench.result/1", "from_the_future": {"x": [1, 2]},
                 "vbench": {"version": "9.9", "git": "abc"},
                 "environment": {"counter": "perf", "seed": 3, "numa_nodes": 2, "host": {"cpu": "c", "gpu": "g"}},
                 "benchmarks": [{"name": "b", "virtual_time_ns": 5, "energy_uj": 17,
                    "counters": {"syscalls": 2, "cache_misses": 99},
                    "wall_time_ns": {"runs": 1, "min": 1, "median": 2, "p90": 3, "max": 4, "stddev": 0.5},
                    "per_thread": [{"tid": 9, "syscalls": 2, "cpu": 0}],
                    "scheduler": {"turns": 1, "context_switches": 0, "preemptions": 0, "quantum": 10}}]}
                """;
        Result r = ResultIO.read(new StringReader(json), "future.json");

        assertThat(r.vbench().version()).isEqualTo("9.9");
        assertThat(r.environment().seed()).isEqualTo(3);
        assertThat(r.benchmarks()).singleElement().satisfies(b -> {
            assertThat(b.counters().syscalls()).isEqualTo(2L);
            assertThat(b.wallTimeNs().p90()).isEqualTo(3);
            assertThat(b.perThread().get(0).tid()).isEqualTo(9);
            assertThat(b.scheduler().turns()).isEqualTo(1);
        });
    }

    @Test
    void acceptsAnyMinorOfMajorOne() throws IOException {
        Result r = ResultIO.read(new StringReader(minimal("vbench.result/1.12")), "minor.json");

        assertThat(r.schema()).isEqualTo("vbench.result/1.12");
    }

    @Test
    void rejectsAnotherMajorNamingTheFileAndTheSchemaFound() throws IOException {
        Path file = dir.resolve("from-v2.json");
        Files.writeString(file, minimal("vbench.result/2"));

        assertThatThrownBy(() -> ResultIO.read(file))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("\"vbench.result/2\"")
                .hasMessageContaining("vbench.result/1")
                .satisfies(e -> assertThat(((ResultFormatException) e).source()).isEqualTo(file.toString()));
    }

    @Test
    void rejectsAMissingSchema() {
        String json = minimal("x").replace("\"schema\": \"x\",", "");

        assertThatThrownBy(() -> ResultIO.read(new StringReader(json), "noschema.json"))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageStartingWith("noschema.json: ")
                .hasMessageContaining("no \"schema\" field");
    }

    @Test
    void rejectsAnotherToolsSchemaAndNonStringSchema() {
        assertThatThrownBy(() -> ResultIO.read(new StringReader(minimal("jmh/1")), "jmh.json"))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("not a vbench result file")
                .hasMessageContaining("\"jmh/1\"");
        assertThatThrownBy(() -> ResultIO.read(new StringReader("{\"schema\": 1}"), "num.json"))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("\"schema\" is a number 1");
    }

    @Test
    void rejectsMalformedJsonWithPosition() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"schema\": \"vbench.result/1\",\n  \"benchmarks\": [\n");

        assertThatThrownBy(() -> ResultIO.read(file))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageStartingWith(file + ": malformed JSON at line ");
    }

    @Test
    void malformedJsonSaysWhereWithoutJacksonsInternals() throws IOException {
        Path file = dir.resolve("cut.json");
        String whole = ResultIO.toJson(Fixtures.result());
        Files.writeString(file, whole.substring(0, whole.length() / 2));

        assertThatThrownBy(() -> ResultIO.read(file))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageStartingWith(file + ": malformed JSON at line ")
                .hasMessageNotContaining("Source").hasMessageNotContaining("REDACTED");
        assertThatThrownBy(() -> ResultIO.read(new StringReader(minimal("vbench.result/1") + " x"), "junk.json"))
                .hasMessageStartingWith("junk.json: malformed JSON at line 1");
    }

    @Test
    void findsTheSchemaWhereverItIsAmongTheTopLevelFields() throws IOException {
        String late = "{\"vbench\": {\"version\": \"x\"}, \"benchmarks\": [{\"name\": \"b\", \"notes\": [\"{\\\"schema\\\": 2}\"]}], "
                + "\"environment\": {\"cpus\": 2}, \"schema\": \"vbench.result/1.3\"}";
        assertThat(ResultIO.read(new StringReader(late), "late.json").benchmarks().get(0).name()).isEqualTo("b");
        String lateFuture = late.replace("vbench.result/1.3", "vbench.result/2");
        assertThatThrownBy(() -> ResultIO.read(new StringReader(lateFuture), "late2.json"))
                .hasMessageContaining("unsupported schema \"vbench.result/2\"");
    }

    @Test
    void rejectsNonObjectsEmptyInputAndTrailingGarbage() {
        assertThatThrownBy(() -> ResultIO.read(new StringReader("[1, 2]"), "a.json"))
                .isInstanceOf(ResultFormatException.class)
                .hasMessage("a.json: not a vbench result file: top-level JSON is an array, expected an object");
        assertThatThrownBy(() -> ResultIO.read(new StringReader("   "), "empty.json"))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("empty input");
        assertThatThrownBy(() -> ResultIO.read(new StringReader(minimal("vbench.result/1") + "{}"), "two.json"))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("malformed JSON").hasMessageEndingWith(": more data after the result");
    }

    @Test
    void rejectsWrongTypesAndMissingPartsNamingTheField() {
        String badRuns = minimal("vbench.result/1").replace("\"name\": \"b\"", "\"name\": \"b\", \"runs\": \"three\"");
        assertThatThrownBy(() -> ResultIO.read(new StringReader(badRuns), "bad.json"))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageStartingWith("bad.json: not a valid vbench result at benchmarks[0].runs: ");

        String noEnvironment = "{\"schema\": \"vbench.result/1\", \"vbench\": {}, \"benchmarks\": []}";
        assertThatThrownBy(() -> ResultIO.read(new StringReader(noEnvironment), "noenv.json"))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("environment is required");

        String noName = minimal("vbench.result/1").replace("\"name\": \"b\"", "\"runs\": 1");
        assertThatThrownBy(() -> ResultIO.read(new StringReader(noName), "noname.json"))
                .isInstanceOf(ResultFormatException.class)
                .hasMessageContaining("benchmark name is required");
    }

    @Test
    void aMissingFileIsAnIoErrorNotAFormatError() {
        assertThatThrownBy(() -> ResultIO.read(dir.resolve("absent.json")))
                .isInstanceOf(NoSuchFileException.class)
                .isNotInstanceOf(ResultFormatException.class);
    }

    @Test
    void writeReplacesTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("r.json");
        Files.writeString(file, "old content");

        ResultIO.write(Fixtures.result(), file);

        assertThat(listDir()).containsExactly(file);
        assertThat(ResultIO.read(file)).isEqualTo(Fixtures.result());
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFile() throws IOException {
        // The rename cannot replace a non-empty directory, so the write fails after the temp file exists.
        Path target = dir.resolve("r.json");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep"), "x");

        assertThatThrownBy(() -> ResultIO.write(Fixtures.result(), target)).isInstanceOf(IOException.class);

        assertThat(listDir()).containsExactly(target);
        assertThat(Files.readString(target.resolve("keep"))).isEqualTo("x");
    }

    @Test
    void writesUtf8() throws IOException {
        Path file = dir.resolve("u.json");
        ResultIO.write(Fixtures.named("tri \u2264 200k \u00e9"), file);

        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).contains("tri \u2264 200k \u00e9");
        assertThat(ResultIO.read(file).benchmarks().get(0).name()).isEqualTo("tri \u2264 200k \u00e9");
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static String minimal(String schema) {
        return "{\"schema\": \"" + schema + "\", \"vbench\": {\"version\": \"1\"}, \"environment\": {},"
                + " \"benchmarks\": [{\"name\": \"b\"}]}";
    }
}
