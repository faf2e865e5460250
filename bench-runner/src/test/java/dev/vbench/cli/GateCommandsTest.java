package dev.vbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Fingerprint;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.VbenchInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vbench compare, baseline and report, in-process: exit codes, messages, outputs. */
class GateCommandsTest {
    @TempDir
    Path dir;

    private record Outcome(int status, String out, String err) {}

    @AfterEach
    void restoreEnvironment() {
        Outputs.environment = System.getenv();
    }

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

    static Environment env(long seed) {
        return Environment.builder().counter("valgrind").model("default").epoch("2024-01-01T00:00:00Z").seed(seed)
                .cpus(4).memoryBytes(8L << 30)
                .fingerprint(new Fingerprint("valgrind", "3.19.0", "x86-64-v2", "glibc 2.36", "6.1.0-vbench", "default"))
                .build();
    }

    static Benchmark bench(String name, long vt, boolean deterministic) {
        return Benchmark.builder(name).virtualTimeNs(vt).deterministic(deterministic).runs(2)
                .counters(Counters.of(Map.of(Counters.INSTRUCTIONS, vt * 3, Counters.SYSCALLS, 10L))).build();
    }

    private Path write(String file, Environment env, Benchmark... benchmarks) throws Exception {
        Path p = dir.resolve(file);
        ResultIO.write(Result.of(new VbenchInfo("test"), env, List.of(benchmarks)), p);
        return p;
    }

    private String base() throws Exception {
        return write("base.json", env(0), bench("a", 1000, true), bench("b", 2000, true)).toString();
    }

    @Test
    void nothingRegressedIsZero() throws Exception {
        String same = write("same.json", env(0), bench("a", 1001, true), bench("b", 2000, true)).toString();
        Outcome o = execute("compare", base(), same);
        assertThat(o.status).as(o.err).isZero();
        assertThat(o.out).contains("2 unchanged").doesNotContain("\u001b[");
        assertThat(o.err).isEmpty();
    }

    @Test
    void aRegressionOrANondeterministicRunIsOne() throws Exception {
        String slower = write("slower.json", env(0), bench("a", 1003, true), bench("b", 2000, true)).toString();
        Outcome o = execute("compare", base(), slower);
        assertThat(o.status).isEqualTo(1);
        assertThat(o.out).contains("1 regressed, 1 unchanged").containsPattern("regressed +a +1,000 +1,003");

        assertThat(execute("compare", "--threshold", "0.5%", base(), slower).status).as("within 0.5%").isZero();
        assertThat(execute("compare", "--threshold", "0.005", base(), slower).status).as("0.005 = 0.5%").isZero();

        String flaky = write("flaky.json", env(0), bench("a", 1000, false), bench("b", 2000, true)).toString();
        Outcome f = execute("compare", base(), flaky);
        assertThat(f.status).isEqualTo(1);
        assertThat(f.out).contains("1 nondeterministic");
    }

    @Test
    void anotherMetric() throws Exception {
        String moreInsns = write("m.json", env(0),
                bench("a", 1000, true).toBuilder().counters(Counters.of(Map.of(Counters.INSTRUCTIONS, 9000L, Counters.SYSCALLS, 10L))).build(),
                bench("b", 2000, true)).toString();
        assertThat(execute("compare", base(), moreInsns).status).as("virtual time unchanged").isZero();
        Outcome o = execute("compare", "--metric", "instructions", base(), moreInsns);
        assertThat(o.status).isEqualTo(1);
        assertThat(o.out).contains("metric instructions (count)").containsPattern("regressed +a +3,000 +9,000");
        Outcome none = execute("compare", "--metric", "branches_conditional", base(), moreInsns);
        assertThat(none.status).isEqualTo(2);
        assertThat(none.err).contains("no benchmark measured branches_conditional (counter valgrind)");
    }

    @Test
    void badInputIsTwoWithAMessageNamingTheFileAndNoStackTrace() throws Exception {
        String base = base();
        Outcome missing = execute("compare", base, dir.resolve("nope.json").toString());
        assertThat(missing.status).isEqualTo(2);
        assertThat(missing.err).isEqualTo("vbench: NEW " + dir.resolve("nope.json") + ": no such file\n");

        Outcome directory = execute("compare", dir.toString(), base);
        assertThat(directory.status).isEqualTo(2);
        assertThat(directory.err).contains("BASE " + dir + ": is a directory");

        Path malformed = Files.writeString(dir.resolve("bad.json"), "{\"schema\": \"vbench.result/1\",");
        Outcome m = execute("compare", base, malformed.toString());
        assertThat(m.status).isEqualTo(2);
        assertThat(m.err).startsWith("vbench: NEW " + malformed + ": malformed JSON");

        Path future = Files.writeString(dir.resolve("future.json"),
                "{\"schema\": \"vbench.result/2\", \"vbench\": {}, \"environment\": {}, \"benchmarks\": []}");
        Outcome f = execute("compare", future.toString(), base);
        assertThat(f.status).isEqualTo(2);
        assertThat(f.err).contains("BASE " + future + ": unsupported schema \"vbench.result/2\"");

        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        assertThat(execute("compare", base, empty.toString()).err).contains("empty input");

        for (Outcome o : List.of(missing, directory, m, f)) {
            assertThat(o.err).doesNotContain("Exception", "\tat ");
        }
        assertThat(execute("compare", base).status).as("one result only").isEqualTo(2);
        Outcome t = execute("compare", "--threshold", "5", base, base);
        assertThat(t.status).isEqualTo(2);
        assertThat(t.err).contains("--threshold: threshold '5' would be 500%");
        assertThat(execute("compare", "--format", "pdf", base, base).err).contains("--format: unknown format 'pdf'");
    }

    @Test
    void differentPlatformsAreRefusedUnlessAllowed() throws Exception {
        String other = write("other.json", env(9), bench("a", 1000, true), bench("b", 2000, true)).toString();
        Outcome o = execute("compare", base(), other);
        assertThat(o.status).isEqualTo(2);
        assertThat(o.err).contains("were measured on different platforms").contains("seed: '0' (base) vs '9' (new)");
        assertThat(o.out).isEmpty();

        Outcome allowed = execute("compare", "--allow-mismatch", "--format", "markdown", base(), other);
        assertThat(allowed.status).isZero();
        assertThat(allowed.out).contains("**Warning:** the platforms differ", "seed: '0' (base) vs '9' (new)");
        assertThat(allowed.err).contains("warning: compared results from different platforms");
    }

    @Test
    void outWritesTheFileAtomicallyAndSaysTheSummaryOnStderr() throws Exception {
        String slower = write("slower.json", env(0), bench("a", 2000, true), bench("b", 2000, true)).toString();
        Path report = dir.resolve("report.xml");
        Outcome o = execute("compare", "--format", "junit", "--out", report.toString(), base(), slower);
        assertThat(o.status).isEqualTo(1);
        assertThat(o.out).isEmpty();
        assertThat(o.err).isEqualTo("vbench: 1 regressed, 1 unchanged (written to " + report + ")\n");
        assertThat(Files.readString(report)).startsWith("<?xml").contains("<failure type=\"regressed\"");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        Outcome noDir = execute("compare", "--out", dir.resolve("no/such/x.txt").toString(), base(), slower);
        assertThat(noDir.status).isEqualTo(2);
        assertThat(noDir.err).contains("--out " + dir.resolve("no/such/x.txt") + ": no such directory");
    }

    @Test
    void githubStepSummaryGetsTheMarkdownAppended() throws Exception {
        Path summary = Files.writeString(dir.resolve("summary.md"), "earlier step\n");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GITHUB_STEP_SUMMARY", summary.toString());
        Outputs.environment = env;
        String slower = write("slower.json", env(0), bench("a", 2000, true), bench("b", 2000, true)).toString();

        Outcome o = execute("compare", "--format", "json", base(), slower);
        assertThat(o.status).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(o.out);
        assertThat(json.path("summary").path("regressed").asInt()).isOne();
        assertThat(Files.readString(summary)).startsWith("earlier step\n### vbench compare: failed\n\n**1 regressed, 1 unchanged**");
    }

    @Test
    void baselinesSaveListShowDeleteAndCompareAgainstOne() throws Exception {
        String store = dir.resolve("store").toString();
        Outcome saved = execute("baseline", "save", "main", base(), "--dir", store);
        assertThat(saved.status).as(saved.err).isZero();
        assertThat(saved.err).contains("saved baseline 'main' (2 benchmarks)");
        assertThat(execute("baseline", "save", "release", "baseline:main", "--dir", store).status).isZero();

        Outcome list = execute("baseline", "list", "--dir", store);
        assertThat(list.status).isZero();
        assertThat(list.out.lines().toList()).hasSize(2);
        assertThat(list.out).containsPattern("(?m)^main +\\d{4}-\\d\\d-\\d\\dT\\S+Z  2 benchmarks$");

        Outcome show = execute("baseline", "show", "main", "--dir", store, "--format", "csv");
        assertThat(show.status).isZero();
        assertThat(show.out).startsWith("name,").contains("\na,0,1000,");

        String slower = write("slower.json", env(0), bench("a", 2000, true), bench("b", 2000, true)).toString();
        Outcome cmp = execute("compare", "--baseline-dir", store, "baseline:main", slower);
        assertThat(cmp.status).isEqualTo(1);
        assertThat(cmp.out).startsWith("vbench compare: baseline:main -> " + slower);

        Outcome missing = execute("compare", "--baseline-dir", store, "baseline:nightly", slower);
        assertThat(missing.status).isEqualTo(2);
        assertThat(missing.err).contains("BASE baseline:nightly: no baseline named 'nightly' in " + store
                + " (there are: main, release)");
        Outcome invalid = execute("baseline", "save", "../up", base(), "--dir", store);
        assertThat(invalid.status).isEqualTo(2);
        assertThat(invalid.err).contains("baseline name '../up' contains a path separator");
        assertThat(execute("compare", "--baseline-dir", store, "baseline:.x", slower).err).contains("starts with a dot");

        assertThat(execute("baseline", "delete", "main", "--dir", store).status).isZero();
        Outcome again = execute("baseline", "delete", "main", "--dir", store);
        assertThat(again.status).isEqualTo(2);
        assertThat(again.err).contains("no baseline named 'main'");
        assertThat(execute("baseline", "show", "main", "--dir", store).status).isEqualTo(2);
        assertThat(execute("baseline").status).as("no subcommand").isEqualTo(2);
    }

    @Test
    void helpOfEveryNewCommandRendersCleanly() {
        for (String[] args : List.of(new String[] {"compare", "--help"}, new String[] {"report", "--help"},
                new String[] {"baseline", "--help"}, new String[] {"baseline", "save", "--help"},
                new String[] {"baseline", "list", "--help"}, new String[] {"--help"})) {
            Outcome o = execute(args);
            assertThat(o.status).as(String.join(" ", args)).isZero();
            assertThat(o.err).as(String.join(" ", args)).isEmpty();
            assertThat(o.out).doesNotContain("%n", "${");
        }
        assertThat(execute("compare", "--help").out).contains("Default: 0.2%.", "Exit codes:", "baseline:NAME");
        assertThat(execute("--help").out).containsPattern("(?m)^  compare +Compare two results")
                .containsPattern("(?m)^  baseline +Keep named results").containsPattern("(?m)^  report +Render results");
    }

    @Test
    void theDefaultBaselineDirectoryIsUnderTheWorkingDirectory() {
        assertThat(dev.vbench.baselines.BaselineStore.DEFAULT_DIR).isEqualTo(Path.of(".vbench/baselines"));
    }

    @Test
    void reportRendersForServicesAndRefusesSeveralResultsWhereItCannot() throws Exception {
        String base = base();
        Outcome bmf = execute("report", "--format", "bencher", base);
        assertThat(bmf.status).isZero();
        assertThat(new ObjectMapper().readTree(bmf.out).path("a").path("virtual_time_ns").path("value").asLong()).isEqualTo(1000);

        Outcome gab = execute("report", "--format", "github-action-benchmark", base);
        assertThat(new ObjectMapper().readTree(gab.out).get(0).path("unit").asText()).isEqualTo("ns");

        Path html = dir.resolve("r.html");
        assertThat(execute("report", base, "--html", html.toString()).status).isZero();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("id=\"chart-virtual\"");

        Path hist = dir.resolve("h.html");
        assertThat(execute("report", base, base, "--format", "html", "--out", hist.toString()).status).isZero();
        assertThat(Files.readString(hist)).contains("id=\"chart-history-0\"", "id=\"chart-history-1\"");

        Outcome several = execute("report", "--format", "json", base, base);
        assertThat(several.status).isEqualTo(2);
        assertThat(several.err).contains("--format json renders one RESULT, not 2");
        assertThat(execute("report", "--html", html.toString(), "--format", "text", base).status).isEqualTo(2);
        assertThat(execute("report", base, base).out).contains("== " + base + " ==");
        assertThat(execute("report", dir.resolve("x.json").toString()).err).contains("RESULT " + dir.resolve("x.json") + ": no such file");
    }
}
