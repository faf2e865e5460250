package dev.vbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Fingerprint;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.VbenchInfo;
import dev.vbench.reports.model.WallTime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vbench history} end to end on a real SQLite file, through Main as a user runs it. */
class HistoryCommandTest {
    @TempDir
    Path dir;

    private record Outcome(int status, String out, String err) {
        /** Bad input is one line on stderr, never a stack trace. */
        Outcome isUserError() {
            assertThat(status).as(err).isEqualTo(2);
            assertThat(err.lines().count()).as(err).isEqualTo(1);
            assertThat(err).startsWith("vbench: ").doesNotContain("\tat ").doesNotContain("Exception");
            return this;
        }
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

    private String db() {
        return "jdbc:sqlite:" + dir.resolve("h/history.db");
    }

    /** 40 hex digits whose first 12 already differ, like real commit names. */
    private static String commit(int i) {
        return String.format("%012x", 0xabc000000000L + 0x1111111L * i) + "0".repeat(28);
    }

    private static Result result(long virtualNs, long instructions, Long wallMedian) {
        Benchmark.Builder b = Benchmark.builder("qsort").command(List.of("./qsort")).virtualTimeNs(virtualNs)
                .counters(Counters.of(Map.of(Counters.INSTRUCTIONS, instructions, Counters.SYSCALLS, 41L)))
                .runs(1).deterministic(true);
        if (wallMedian != null) {
            b.wallTimeNs(new WallTime(10, wallMedian - 100, wallMedian, wallMedian + 100, wallMedian + 200));
        }
        Benchmark steady = Benchmark.builder("steady").virtualTimeNs(5_000)
                .counters(Counters.of(Map.of(Counters.SYSCALLS, 3L))).runs(1).deterministic(true).build();
        Environment env = Environment.builder().counter("valgrind").model("default")
                .fingerprint(new Fingerprint("valgrind", "3.19.0", "x86-64-v2", "glibc 2.36", "6.1.0-vbench", "default"))
                .build();
        return Result.of(new VbenchInfo("test"), env, List.of(b.build(), steady));
    }

    /** A result file, with a "revision" object if commit is not null. */
    private Path write(String name, Result r, String commit, String branch, String time) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(ResultIO.toJson(r));
        if (commit != null) {
            ObjectNode rev = root.putObject("revision");
            rev.put("commit", commit);
            if (branch != null) {
                rev.put("branch", branch);
            }
            if (time != null) {
                rev.put("time", time);
            }
        }
        Path file = dir.resolve(name);
        Files.writeString(file, json.writeValueAsString(root));
        return file;
    }

    /** Thirty results, virtual time and instructions up 0.3% from commit 17 on, imported in one go. */
    private List<String> importThirty() throws Exception {
        List<String> args = new ArrayList<>(List.of("history", "import", "--db", db()));
        for (int i = 0; i < 30; i++) {
            long v = i < 17 ? 1_000_000_000L : 1_003_000_000L;
            long ins = i < 17 ? 50_000_000L : 50_150_000L;
            args.add(write("r" + i + ".json", result(v, ins, 2_000_000L + (i % 3) * 1_000),
                    commit(i), "main", String.format("2024-03-01T12:%02d:00Z", i)).toString());
        }
        return args;
    }

    @Test
    void changesNamesExactlyTheCommitOfASmallStep() throws Exception {
        Outcome imported = execute(importThirty().toArray(String[]::new));
        assertThat(imported.status).as(imported.err).isZero();
        assertThat(imported.out).startsWith("imported 30 results into jdbc:sqlite:");

        Outcome changes = execute("history", "changes", "--db", db());
        assertThat(changes.status).as(changes.err).isZero();
        List<String> lines = changes.out.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("commit").contains("before", "after", "change");
        assertThat(lines.get(1).split("\\s+")).containsExactly(commit(17).substring(0, 12), "main", "qsort",
                "virtual_time_ns", "1,000,000,000", "1,003,000,000", "+0.30%", "exact");

        Outcome counts = execute("history", "changes", "--db", db(), "--metric", "instructions", "--metric", "syscalls");
        assertThat(counts.out.lines().skip(1).toList()).singleElement().asString()
                .contains(commit(17).substring(0, 12), "instructions", "+0.30%");

        assertThat(execute("history", "changes", "--db", db(), "--since", commit(17).substring(0, 8)).out)
                .isEqualTo("no change points\n");
        assertThat(execute("history", "changes", "--db", db(), "--since", commit(16)).out).contains(commit(17).substring(0, 12));
        assertThat(execute("history", "changes", "--db", db(), "--since", "2024-03-02").out).isEqualTo("no change points\n");
        assertThat(execute("history", "changes", "--db", db(), "--since", "2024-03-01T12:17:00Z").out)
                .contains(commit(17).substring(0, 12));
        assertThat(execute("history", "changes", "--db", db(), "--since", "2024-03-01T12:18:00Z").out)
                .isEqualTo("no change points\n");
        assertThat(execute("history", "changes", "--db", db(), "--metric", "all").out.lines().skip(1).toList())
                .as("all metrics: virtual time and instructions change; wall time is noise").hasSize(2);
    }

    @Test
    void showPrintsTheSeriesWithItsChangePoint() throws Exception {
        execute(importThirty().toArray(String[]::new));
        Outcome show = execute("history", "show", "qsort", "--db", db());
        assertThat(show.status).as(show.err).isZero();
        assertThat(show.out).startsWith("qsort  virtual_time_ns  on main: 30 results, exact")
                .contains("1 change point:\n  " + commit(17).substring(0, 12) + " (#18)  1,000,000,000 -> 1,003,000,000  +0.30%");
        assertThat(show.out.lines().filter(l -> l.contains("<- change point")).toList()).singleElement().asString()
                .contains(commit(17).substring(0, 12));

        Outcome wall = execute("history", "show", "qsort", "--metric", "wall_time_median_ns", "--branch", "main", "--db", db());
        assertThat(wall.out).contains("noisy (E-Divisive means, p <= 0.01)").contains("no change point");
    }

    @Test
    void showWritesASelfContainedHtmlPage() throws Exception {
        execute(importThirty().toArray(String[]::new));
        Path page = dir.resolve("qsort.html");
        Outcome show = execute("history", "show", "qsort", "--db", db(), "--html", page.toString());
        assertThat(show.status).as(show.err).isZero();
        String html = Files.readString(page);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "<polyline", "class=\"change\"", "+0.30%",
                commit(17));
        assertThat(html).doesNotContain("<script", "src=", "href=", "@import", "url(");
    }

    @Test
    void recordingTheSameFileTwiceRecordsItOnce() throws Exception {
        Path file = write("r.json", result(1_000, 2_000, null), null, null, null);
        Outcome first = execute("history", "record", file.toString(), "--commit", commit(1), "--db", db());
        assertThat(first.status).as(first.err).isZero();
        assertThat(first.out).startsWith("recorded " + file + " at " + commit(1) + " on main (2 benchmarks, id 1)");
        Outcome again = execute("history", "record", file.toString(), "--commit", commit(1), "--db", db());
        assertThat(again.out).startsWith("already recorded, unchanged: " + file + " at " + commit(1)
                + " on main (2 benchmarks, id 1)");
        Outcome feature = execute("history", "record", file.toString(), "--commit", commit(1), "--branch", "feature", "--db", db());
        assertThat(feature.out).startsWith("recorded ").contains(" on feature (2 benchmarks, id ").doesNotContain("id 1)");
        assertThat(execute("history", "export", "--db", db()).out.lines().count()).as("header and 2 x 2 rows").isEqualTo(5);
    }

    @Test
    void exportWritesOneCsvRowPerResultAndBenchmark() throws Exception {
        execute(importThirty().toArray(String[]::new));
        Path csv = dir.resolve("history.csv");
        Outcome export = execute("history", "export", "--db", db(), "--out", csv.toString());
        assertThat(export.status).as(export.err).isZero();
        List<Map<String, String>> rows = new ArrayList<>();
        new CsvMapper().readerFor(Map.class).with(CsvSchema.emptySchema().withHeader())
                .<Map<String, String>>readValues(csv.toFile()).forEachRemaining(rows::add);
        assertThat(rows).hasSize(60);
        Map<String, String> last = rows.get(58);
        assertThat(last).containsEntry("commit", commit(29)).containsEntry("benchmark", "qsort")
                .containsEntry("virtual_time_ns", "1003000000").containsEntry("count:instructions", "50150000")
                .containsEntry("fp_libc", "glibc 2.36").containsEntry("recorded_at", "2024-03-01T12:29:00Z");
        assertThat(rows.get(59)).containsEntry("benchmark", "steady").containsEntry("count:instructions", "");
        assertThat(execute("history", "export", "--db", db()).out).startsWith("result_id,commit,branch,recorded_at,benchmark,");
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path noRevision = write("plain.json", result(1, 1, null), null, null, null);
        assertThat(execute("history", "import", noRevision.toString(), "--db", db()).isUserError().err)
                .isEqualTo("vbench: " + noRevision + ": no commit: the file has no revision.commit; give --commit\n");
        assertThat(dir.resolve("h/history.db")).as("nothing was written").doesNotExist();

        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"schema\": ");
        assertThat(execute("history", "record", broken.toString(), "--commit", "abc1", "--db", db()).isUserError().err)
                .contains(broken.toString(), "malformed JSON");
        assertThat(execute("history", "record", dir.resolve("none.json").toString(), "--commit", "abc1", "--db", db())
                .isUserError().err).contains("none.json: no such file");
        assertThat(execute("history", "record", noRevision.toString(), "--commit", "has space", "--db", db())
                .isUserError().err).contains("the commit 'has space' contains white space");

        assertThat(execute("history", "show", "qsort", "--db", db()).isUserError().err)
                .startsWith("vbench: no history database at ");
        execute("history", "record", noRevision.toString(), "--commit", "abc1", "--db", db());
        assertThat(execute("history", "show", "nope", "--db", db()).isUserError().err)
                .isEqualTo("vbench: no benchmark named 'nope' in the history; recorded: qsort, steady\n");
        assertThat(execute("history", "show", "qsort", "--metric", "wall_time_median_ns", "--db", db()).isUserError().err)
                .contains("benchmark 'qsort' has no wall_time_median_ns values; it has: virtual_time_ns, instructions, syscalls");
        assertThat(execute("history", "changes", "--metric", "nope", "--db", db()).isUserError().err)
                .contains("no metric 'nope' in the history; recorded: virtual_time_ns, instructions, syscalls");
        assertThat(execute("history", "changes", "--since", "fffff", "--db", db()).isUserError().err)
                .isEqualTo("vbench: no result is recorded at commit fffff\n");
        assertThat(execute("history", "changes", "--since", "ab", "--db", db()).isUserError().err)
                .contains("--since takes a commit");
        assertThat(execute("history", "changes", "--branch", "nope", "--db", db()).isUserError().err)
                .contains("no result recorded on branch 'nope'; branches: main");
        assertThat(execute("history", "changes", "--db", "jdbc:mysql://localhost/x").isUserError().err)
                .contains("unsupported database");
        assertThat(execute("history").status).isEqualTo(2);
        assertThat(execute("history", "record", noRevision.toString()).status).as("--commit is required").isEqualTo(2);
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsNamedWithItsPasswordMasked() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:1/history?user=ci&password=s3cret-Pa55";
        Outcome o = execute("history", "changes", "--db", url).isUserError();
        assertThat(o.err).startsWith("vbench: cannot open history database "
                + "jdbc:postgresql://127.0.0.1:1/history?user=ci&password=***: ").doesNotContain("s3cret");

        Path notADirectory = Files.writeString(dir.resolve("file"), "a file, not a directory");
        Path result = write("r.json", result(1, 1, null), null, null, null);
        Outcome sqlite = execute("history", "record", result.toString(), "--commit", "abc1", "--db",
                notADirectory.resolve("history.db").toString()).isUserError();
        assertThat(sqlite.err).startsWith("vbench: cannot open history database jdbc:sqlite:"
                + notADirectory.resolve("history.db") + ": cannot create its directory");
    }

    @Test
    void helpListsHistory() {
        assertThat(execute("--help").out).containsPattern("(?m)^  history +Record results by commit and branch");
        assertThat(execute("history", "--help").out).contains("record", "import", "show", "changes", "export",
                "$VBENCH_HISTORY_DB");
    }
}
