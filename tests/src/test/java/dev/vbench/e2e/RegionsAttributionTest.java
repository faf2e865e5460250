package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 end to end, under the valgrind counter: regions (vbench.h) in a program with a heavy
 * set-up and a marked loop; per-function attribution of two builds of a program whose new build
 * does 1% more work in one inner function (bench --attribute, explain, the callgrind export read
 * by callgrind_annotate); the differential flame graph of report --html in headless Chromium.
 */
class RegionsAttributionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;
    private static Path regions;

    @BeforeAll
    static void build() {
        dir = Processes.scratch("attr");
        regions = dir.resolve("regions");
        gcc(regions, "regions.c");
    }

    private static Path header() {
        return Path.of(System.getProperty("vbench.tests.basedir", System.getProperty("user.dir")))
                .toAbsolutePath().resolve("../virtual-clock/src/main/c/include").normalize();
    }

    private static void gcc(Path out, String source, String... flags) {
        List<String> cmd = new ArrayList<>(List.of("gcc", "-O2", "-g", "-I" + header()));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-o", out.toString(), dev.vbench.e2e.support.Guests.source("attr/" + source).toString()));
        try {
            Files.createDirectories(out.getParent());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        RunResult r = Processes.run(cmd, Map.of(), null, TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }

    private static JsonNode runRegions(String counter, long setup, long loop, String name) throws IOException {
        Path json = dir.resolve(name + ".json");
        RunResult r = Vbench.run(Vbench.runArgs(List.of("--counter", counter, "--json", json.toString(), "--name", "regions"),
                List.of(regions.toString(), Long.toString(setup), Long.toString(loop))), Map.of(), dir, TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).isEqualTo("done\n");
        return JSON.readTree(json.toFile()).get("benchmarks").get(0);
    }

    private static long loopInsns(JsonNode b) {
        return b.get("regions").get("loop").get("counters").get("instructions").asLong();
    }

    @Test
    void theRegionIgnoresTheSetUpFollowsTheLoopExactlyAndGatesCompare() throws IOException {
        JsonNode base = runRegions("valgrind", 1_000, 100, "base");
        JsonNode heavySetup = runRegions("valgrind", 50_000, 100, "setup");
        JsonNode oneMore = runRegions("valgrind", 1_000, 101, "more");
        JsonNode twice = runRegions("valgrind", 1_000, 200, "twice");
        JsonNode empty = runRegions("valgrind", 1_000, 0, "empty");

        long whole = base.get("counters").get("instructions").asLong();
        assertThat(heavySetup.get("counters").get("instructions").asLong()).isGreaterThan(whole + 100_000);
        assertThat(heavySetup.get("regions")).isEqualTo(base.get("regions"));
        long perIteration = loopInsns(oneMore) - loopInsns(base);
        assertThat(perIteration).isPositive();
        assertThat(loopInsns(twice) - loopInsns(base)).isEqualTo(100 * perIteration);
        // The markers' own cost is a constant: what the region counts beyond its iterations (the
        // compiled loop's entry and exit included), and an empty region's count.
        long markers = loopInsns(base) - 100 * perIteration;
        assertThat(loopInsns(twice) - 200 * perIteration).isEqualTo(markers);
        assertThat(markers).isBetween(1L, 60L);
        assertThat(loopInsns(empty)).isBetween(1L, markers);
        assertThat(base.get("regions").get("loop").get("entries").asLong()).isEqualTo(1);
        assertThat(base.get("regions").get("loop").get("counters").get("syscalls").asLong()).isZero();
        // main's first instruction marks the end of start-up: the loader's work is most of this run
        assertThat(base.get("startup_instructions").asLong()).isBetween(whole / 2, whole);

        // The whole run regressed with the set-up; the region did not, and compare --region says so.
        RunResult wholeRun = Vbench.run(List.of("compare", "base.json", "setup.json", "--metric", "instructions"),
                Map.of(), dir, TIMEOUT);
        assertThat(wholeRun.exitCode()).as(wholeRun.describe()).isEqualTo(1);
        RunResult region = Vbench.run(List.of("compare", "base.json", "setup.json", "--region", "loop"), Map.of(), dir, TIMEOUT);
        assertThat(region.exitCode()).as(region.describe()).isZero();
        RunResult loopGrew = Vbench.run(List.of("compare", "base.json", "more.json", "--region", "loop", "--metric",
                "instructions"), Map.of(), dir, TIMEOUT);
        assertThat(loopGrew.exitCode()).as(loopGrew.describe()).isEqualTo(1);
        assertThat(loopGrew.stdout()).contains("instructions in region 'loop'").contains("+" + perIteration);
        RunResult noSuch = Vbench.run(List.of("compare", "base.json", "more.json", "--region", "sort"), Map.of(), dir, TIMEOUT);
        assertThat(noSuch.exitCode()).isEqualTo(2);
        assertThat(noSuch.stderr()).contains("no benchmark marked the region 'sort'");
    }

    @Test
    void withoutValgrindTheSupervisorSeesTheMarkersAndNativelyNothingChanges() throws IOException {
        JsonNode none = runRegions("none", 1_000, 100, "none");
        JsonNode loop = none.get("regions").get("loop");
        assertThat(loop.get("entries").asLong()).isEqualTo(1);
        assertThat(loop.get("counters").get("syscalls").asLong()).isZero();
        // Natively: same output, status 0; the first marker finds nobody and the rest are no-ops,
        // so exactly one faccessat is made, and it fails.
        RunResult nativ = Processes.run(List.of("strace", "-f", "-e", "trace=faccessat", regions.toString(), "10", "10"),
                Map.of(), dir, TIMEOUT);
        assertThat(nativ.exitCode()).as(nativ.describe()).isZero();
        assertThat(nativ.stdout()).isEqualTo("done\n");
        assertThat(nativ.stderr().lines().filter(l -> l.contains("faccessat(")))
                .singleElement().asString().contains("\"loop\"").contains("EBADF");
    }

    @Test
    void explainNamesTheFunctionThatGrewAndItsExportOpensInCallgrindAnnotate() throws Exception {
        for (String side : List.of("base", "new")) {
            gcc(dir.resolve(side).resolve("funcs"), "funcs.c", "-DEXTRA=" + (side.equals("new") ? 10 : 0));
            Files.writeString(dir.resolve(side).resolve("suite.json"),
                    "{\"benchmarks\": [{\"name\": \"funcs\", \"command\": [\"./funcs\"]}]}");
            RunResult r = Vbench.run(List.of("bench", "suite.json", "--out", "r.json", "--counter", "valgrind",
                    "--attribute"), Map.of(), dir.resolve(side), TIMEOUT);
            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(dir.resolve(side).resolve("r.profile.json")).exists();
        }
        JsonNode base = JSON.readTree(dir.resolve("base/r.json").toFile()).get("benchmarks").get(0);
        JsonNode now = JSON.readTree(dir.resolve("new/r.json").toFile()).get("benchmarks").get(0);
        assertThat(now.get("profile").get("file").asText()).isEqualTo("r.profile.json");
        long delta = now.get("counters").get("instructions").asLong() - base.get("counters").get("instructions").asLong();
        assertThat(delta).isPositive();
        assertThat(100.0 * delta / base.get("counters").get("instructions").asLong()).isBetween(1.0, 1.5);

        Path cg = dir.resolve("funcs.callgrind");
        RunResult json = Vbench.run(List.of("explain", "base/r.json", "new/r.json", "--metric", "instructions", "--format",
                "json", "--export", "callgrind", "--out", cg.toString()), Map.of(), dir, TIMEOUT);
        assertThat(json.exitCode()).as(json.describe()).isZero();
        JsonNode explained = JSON.readTree(json.stdout()).get("benchmarks");
        assertThat(explained).hasSize(1);
        JsonNode first = explained.get(0).get("functions").get(0);
        assertThat(first.get("function").asText()).isEqualTo("inner");
        assertThat(first.get("exclusive_delta").asLong()).isEqualTo(delta);
        assertThat(first.get("share_pct").asDouble()).isEqualTo(100.0);
        assertThat(explained.get(0).get("total_delta").asLong()).isEqualTo(delta);
        JsonNode other = null;
        for (JsonNode f : explained.get(0).get("functions")) {
            if (f.get("function").asText().equals("other")) {
                other = f;
            }
        }
        assertThat(other).isNotNull();
        assertThat(other.get("exclusive_delta").asLong()).isZero();
        assertThat(other.get("inclusive_delta").asLong()).isZero();
        assertThat(other.get("new_exclusive").get(0).asLong()).isPositive();

        RunResult md = Vbench.run(List.of("explain", "base/r.json", "new/r.json", "--format", "markdown"), Map.of(), dir, TIMEOUT);
        assertThat(md.exitCode()).as(md.describe()).isZero();
        assertThat(md.stdout()).contains("#### `funcs`: regressed").contains("| `inner` | +");

        RunResult annotate = Processes.run(List.of("callgrind_annotate", cg.toString()), Map.of(), dir, TIMEOUT);
        assertThat(annotate.exitCode()).as(annotate.describe()).isZero();
        String totals = String.format(java.util.Locale.ROOT, "%,d", now.get("counters").get("instructions").asLong());
        assertThat(annotate.stdout()).contains(totals + " (100.0%)").contains("PROGRAM TOTALS").contains("funcs.c:inner");

        flameGraphPage();
    }

    /** report --html of the two results: a differential flame graph of funcs, red where inner grew. */
    private void flameGraphPage() throws IOException {
        Path page = dir.resolve("flames.html");
        RunResult r = Vbench.run(List.of("report", "base/r.json", "new/r.json", "--html", page.toString()), Map.of(), dir,
                TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        RunResult dom = Processes.run(chromium("--dump-dom", page.toUri().toString()), Map.of(), null, TIMEOUT);
        assertThat(dom.exitCode()).as(dom.describe()).isZero();
        String html = dom.stdout();
        int tag = html.indexOf("<html");
        assertThat(html.substring(tag, html.indexOf('>', tag) + 1)).isEqualTo("<html lang=\"en\" data-vbench-charts=\"2\">");
        int at = html.indexOf("id=\"chart-flame-0\"");
        assertThat(at).isPositive();
        String svg = html.substring(at, html.indexOf("</svg>", at));
        assertThat(svg).contains("<svg").contains(">inner<").contains(">main<");
        Path png = dir.resolve("flames.png");
        RunResult shot = Processes.run(chromium("--screenshot=" + png, page.toUri().toString()), Map.of(), null, TIMEOUT);
        assertThat(shot.exitCode()).as(shot.describe()).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        long red = 0;
        long grey = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                int rr = rgb >> 16, gg = (rgb >> 8) & 255, bb = rgb & 255;
                red += rr > 200 && gg < 190 && bb < 190 && rr - gg > 40 ? 1 : 0;
                grey += rgb == 0xd5d8dc ? 1 : 0;
            }
        }
        assertThat(red).as("frames that grew (red)").isGreaterThan(20_000);
        assertThat(grey).as("frames that did not change (grey)").isGreaterThan(1_000);
    }

    private static List<String> chromium(String... args) {
        List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--user-data-dir=" + Processes.scratch("chromium"), "--virtual-time-budget=10000",
                "--window-size=1200,1400"));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
