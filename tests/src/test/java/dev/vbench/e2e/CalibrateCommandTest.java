package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import dev.vbench.model.CalibratedModel;
import dev.vbench.model.io.ModelFileReader;
import dev.vbench.model.price.ResultFeatures;
import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.model.Benchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code vbench calibrate} end to end on a small corpus (three built-in kinds at their two smallest
 * sizes, two rounds of one native run, three features), then the model it wrote used by
 * {@code run --model} and {@code compare --model}, and model files refused by every command. No
 * assertion on the fit's quality: the machine's load decides that; the structure is what is tested.
 */
class CalibrateCommandTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static Path dir;
    private static Path model;
    private static RunResult calibration;

    @BeforeAll
    static void calibrateASmallCorpus() {
        dir = Processes.scratch("calibrate");
        model = dir.resolve("model.json");
        calibration = Vbench.run(List.of("calibrate", "--counter", "valgrind",
                "--kinds", "int_arith,small_syscalls,file_io", "--sizes", "2",
                "--features", "instructions,syscalls_file,bytes_read", "--rounds", "2", "--runs-per-round", "1",
                "--warmup", "0", "--out", model.toString(), "--csv", dir.resolve("points.csv").toString(),
                "--html", dir.resolve("report.html").toString()), Map.of(), dir, TIMEOUT);
    }

    @Test
    void writesAModelWithItsFitStatisticsAndTheFormulasItWasJudgedAgainst() throws Exception {
        assertThat(calibration.exitCode()).as(calibration.describe()).isZero();
        assertThat(calibration.stdout()).contains("6 points, 3 workload kinds", "nnls-relative", "hermit-fixed",
                "instructions-only", "noise floor %", "calibration took");
        JsonNode m = new ObjectMapper().readTree(model.toFile());
        assertThat(m.path("schema").asText()).isEqualTo("vbench.model/1");
        assertThat(m.path("counter").asText()).isEqualTo("valgrind");
        for (String field : List.of("r2", "cv_median_abs_pct_error", "cv_max_abs_pct_error", "noise_floor_pct")) {
            assertThat(m.path("fit").path(field).isNumber()).as("fit.%s in %s", field, m).isTrue();
        }
        assertThat(m.path("fit").path("points").asInt()).isEqualTo(6);
        assertThat(m.path("features")).extracting(JsonNode::asText)
                .containsExactly("instructions", "syscalls_file", "bytes_read", "sleep_ns");
        assertThat(m.path("alternatives")).extracting(a -> a.path("name").asText()).contains("hermit-fixed");
        assertThat(ModelFileReader.read(model, "valgrind").id()).matches("cal-valgrind-[0-9a-f]{12}");
    }

    @Test
    void writesEveryPointAsCsvAndAnHtmlPageWithBothCharts() throws Exception {
        assertThat(calibration.exitCode()).as(calibration.describe()).isZero();
        List<String> csv = Files.readAllLines(dir.resolve("points.csv"));
        assertThat(csv).hasSize(7);
        assertThat(csv.get(0)).startsWith("kind,size,instructions,syscalls_file,bytes_read,")
                .contains("bytes_mapped", "wall_median_ns", "held_out_predicted_ns")
                // no feature needs vbcount's store checks or simulations: those counts are not taken
                .doesNotContain("pages_touched", "cache_misses", "branch_mispredicts");
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("id=\"chart-calibration\"", "id=\"chart-residuals\"", "\"kind\":\"calibration\"",
                "small_syscalls", "file_io");
        // Drawn in a browser, offline: both charts render (charts.js marks the page).
        RunResult dom = Processes.run(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + Processes.scratch("chromium"), "--virtual-time-budget=10000", "--dump-dom",
                dir.resolve("report.html").toUri().toString()), Map.of(), null, Duration.ofSeconds(90));
        assertThat(dom.exitCode()).as(dom.describe()).isZero();
        // The html element says every chart drew (an error would be an attribute of it instead).
        assertThat(dom.stdout()).contains("<html lang=\"en\" data-vbench-charts=\"2\">");
    }

    @Test
    void runWithTheModelPricesItsCountsAndTheGuestsClockIgnoresIt() throws Exception {
        Path plain = dir.resolve("plain.json");
        Path priced = dir.resolve("priced.json");
        List<String> guest = List.of(Guests.path("qsort"), "20000");
        RunResult a = Vbench.runGuest(Vbench.options(Vbench.VALGRIND, "--json", plain.toString()), guest);
        RunResult b = Vbench.runGuest(Vbench.options(Vbench.VALGRIND, "--json", priced.toString(), "--model",
                model.toString()), guest);
        assertThat(a.exitCode()).as(a.describe()).isZero();
        assertThat(b.exitCode()).as(b.describe()).isZero();
        Benchmark withModel = ResultIO.read(priced).benchmarks().get(0);
        Benchmark without = ResultIO.read(plain).benchmarks().get(0);
        CalibratedModel m = ModelFileReader.read(model, "valgrind");
        assertThat(withModel.calibratedModel()).isEqualTo(m.id());
        assertThat(withModel.calibratedTimeNs()).isEqualTo(m.price(ResultFeatures.of(withModel))).isPositive();
        // The model prices; it does not change what the guest saw or did.
        assertThat(withModel.virtualTimeNs()).isEqualTo(without.virtualTimeNs());
        assertThat(withModel.counters()).isEqualTo(without.counters());
        assertThat(b.stdout()).isEqualTo(a.stdout());
    }

    @Test
    void compareWithTheModelRepricesStoredResultsWithoutRunningAnything() throws Exception {
        Path small = dir.resolve("small.json");
        Path large = dir.resolve("large.json");
        for (Object[] r : new Object[][] {{small, "20000"}, {large, "40000"}}) {
            RunResult run = Vbench.runGuest(Vbench.options(Vbench.VALGRIND, "--json", r[0].toString(), "--name", "qsort"),
                    List.of(Guests.path("qsort"), (String) r[1]));
            assertThat(run.exitCode()).as(run.describe()).isZero();
        }
        RunResult c = Vbench.run(List.of("compare", small.toString(), large.toString(), "--model", model.toString(),
                "--format", "json"), Map.of(), dir, Duration.ofSeconds(60));
        assertThat(c.exitCode()).as(c.describe()).isEqualTo(1);
        JsonNode cmp = new ObjectMapper().readTree(c.stdout());
        assertThat(cmp.path("metric").asText()).isEqualTo("calibrated_time");
        JsonNode row = cmp.path("benchmarks").path(0);
        assertThat(row.path("verdict").asText()).isEqualTo("regressed");
        CalibratedModel m = ModelFileReader.read(model, "valgrind");
        assertThat(row.path("base").asLong()).isEqualTo(m.price(ResultFeatures.of(ResultIO.read(small).benchmarks().get(0))));
        // The stored files were not changed.
        Benchmark stored = ResultIO.read(small).benchmarks().get(0);
        assertThat(stored.calibratedModel()).isNotEqualTo(m.id());
    }

    @Test
    void aModelForAnotherCounterOrAMalformedOneIsRefusedInOneLine() throws Exception {
        ObjectNode other = (ObjectNode) new ObjectMapper().readTree(model.toFile());
        other.put("counter", "none");
        Path wrongCounter = dir.resolve("none-model.json");
        new ObjectMapper().writeValue(wrongCounter.toFile(), other);
        Path truncated = dir.resolve("truncated.json");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        List<String> guest = List.of("/bin/true");
        RunResult run = Vbench.runGuest(Vbench.options(Vbench.VALGRIND, "--model", wrongCounter.toString()), guest);
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(125);
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr()).contains(wrongCounter.toString(), "calibrated for counter backend 'none'",
                "counts with 'valgrind'");
        RunResult bad = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--model", truncated.toString()), guest);
        assertThat(bad.exitCode()).as(bad.describe()).isEqualTo(125);
        assertThat(bad.stderr()).contains("not valid JSON").hasLineCount(1);

        Path result = dir.resolve("none.json");
        RunResult counted = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--json", result.toString()), guest);
        assertThat(counted.exitCode()).as(counted.describe()).isZero();
        RunResult cmp = Vbench.run(List.of("compare", result.toString(), result.toString(), "--model", model.toString()),
                Map.of(), dir, Duration.ofSeconds(60));
        assertThat(cmp.exitCode()).as(cmp.describe()).isEqualTo(2);
        assertThat(cmp.stderr()).contains("calibrated for counter backend 'valgrind'", "counted with 'none'").hasLineCount(1);
        RunResult cmpBad = Vbench.run(List.of("compare", result.toString(), result.toString(), "--model",
                truncated.toString()), Map.of(), dir, Duration.ofSeconds(60));
        assertThat(cmpBad.exitCode()).as(cmpBad.describe()).isEqualTo(2);
        assertThat(cmpBad.stderr()).contains("not valid JSON").hasLineCount(1);

        Path suite = dir.resolve("suite.json");
        Files.writeString(suite, "{\"benchmarks\": [{\"name\": \"true\", \"command\": [\"/bin/true\"]}]}");
        RunResult bench = Vbench.run(List.of("bench", suite.toString(), "--out", dir.resolve("b.json").toString(),
                "--counter", "none", "--model", model.toString()), Map.of(), dir, Duration.ofSeconds(60));
        assertThat(bench.exitCode()).as(bench.describe()).isEqualTo(2);
        assertThat(bench.stderr()).contains("calibrated for counter backend 'valgrind'");
        assertThat(dir.resolve("b.json")).doesNotExist();
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingRuns() {
        List<List<String>> bad = new ArrayList<>();
        bad.add(List.of("calibrate", "--kinds", "no_such_kind"));
        bad.add(List.of("calibrate", "--features", "instructions,instructions"));
        bad.add(List.of("calibrate", "--rounds", "0"));
        // one round has no noise floor to judge the fit by: refused at once, not after the runs
        bad.add(List.of("calibrate", "--rounds", "1"));
        bad.add(List.of("calibrate", "--counter", "none", "--kinds", "int_arith", "--sizes", "1"));
        for (List<String> args : bad) {
            RunResult r = Vbench.run(args, Map.of(), dir, Duration.ofSeconds(60));
            assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
            assertThat(r.stderr()).as(r.describe()).startsWith("vbench: ");
        }
    }
}
