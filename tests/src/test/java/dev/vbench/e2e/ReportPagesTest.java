package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.WallTime;
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
 * The HTML pages of {@code vbench report} and {@code vbench compare --format html}, opened in
 * headless Chromium (Debian's package; run-tests installs it) from a real run's result: each page
 * must say that every chart drew (charts.js sets data-vbench-charts on the html element when
 * ECharts has finished, or data-vbench-chart-error), the charts must be in the DOM as SVG, and a
 * screenshot must show the charts' own colours. Offline: the pages fetch nothing.
 */
class ReportPagesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static Path dir;
    private static Path base;
    private static Path slower;
    private static Path faster;

    /** One result from a real run, and two derived from it with known changes and wall times. */
    @BeforeAll
    static void results() throws IOException {
        dir = Processes.scratch("pages");
        Path real = dir.resolve("real.json");
        RunResult run = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--json", real.toString(), "--name", "true"),
                List.of("/bin/true"));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        Result r = ResultIO.read(real);
        Benchmark t = r.benchmarks().get(0);
        List<Benchmark> b = new ArrayList<>();
        List<Benchmark> s = new ArrayList<>();
        List<Benchmark> f = new ArrayList<>();
        String[] names = {"true", "qsort-200k", "json <parse>", "startup"};
        for (int i = 0; i < names.length; i++) {
            long vt = t.virtualTimeNs() * (i + 1);
            Benchmark one = t.toBuilder().build();
            one = Benchmark.builder(names[i]).command(one.command()).virtualTimeNs(vt).counters(one.counters())
                    .runs(1).deterministic(true)
                    .wallTimeNs(i == 2 ? null : new WallTime(10, vt / 2, vt * 3 / 4, vt, vt * 2)).build();
            b.add(one);
            s.add(one.toBuilder().virtualTimeNs(i % 2 == 0 ? vt * 105 / 100 : vt).build());
            f.add(one.toBuilder().virtualTimeNs(i % 2 == 0 ? vt : vt * 90 / 100).build());
        }
        base = write("base.json", r, b);
        slower = write("slower.json", r, s);
        faster = write("faster.json", r, f);
    }

    private static Path write(String name, Result like, List<Benchmark> benchmarks) throws IOException {
        Path p = dir.resolve(name);
        ResultIO.write(Result.of(like.vbench(), like.environment(), benchmarks), p);
        return p;
    }

    @Test
    void aResultPageDrawsVirtualTimeAndWallTime() throws Exception {
        Path page = dir.resolve("result.html");
        RunResult r = Vbench.run(List.of("report", base.toString(), "--html", page.toString()), Map.of(), null, TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isZero();

        String dom = dumpDom(page);
        assertThat(htmlTag(dom)).isEqualTo("<html lang=\"en\" data-vbench-charts=\"2\">");
        assertThat(chartSvg(dom, "chart-virtual").contains("<path")).as("drawn shapes").isTrue();
        assertThat(chartSvg(dom, "chart-wall").contains("<path")).as("drawn shapes").isTrue();

        BufferedImage png = screenshot(page, "result.png");
        assertThat(notWhite(png)).as("a blank page").isGreaterThan(png.getWidth() * png.getHeight() / 100);
        assertThat(pixels(png, 0x3b6ea5)).as("virtual-time bars (#3b6ea5)").isGreaterThan(2000);
        assertThat(pixels(png, 0xc9ced6)).as("wall-time ranges (#c9ced6)").isGreaterThan(200);
    }

    @Test
    void aComparisonPageDrawsRegressionsRedAndImprovementsGreen() throws Exception {
        Path page = dir.resolve("compare.html");
        RunResult r = Vbench.run(List.of("compare", base.toString(), slower.toString(), "--format", "html", "--out",
                page.toString()), Map.of(), null, TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        Path page2 = dir.resolve("compare2.html");
        RunResult r2 = Vbench.run(List.of("compare", base.toString(), faster.toString(), "--format", "html", "--out",
                page2.toString()), Map.of(), null, TIMEOUT);
        assertThat(r2.exitCode()).as(r2.describe()).isZero();

        assertThat(htmlTag(dumpDom(page))).isEqualTo("<html lang=\"en\" data-vbench-charts=\"1\">");
        assertThat(chartSvg(dumpDom(page), "chart-delta").contains("<path")).as("drawn shapes").isTrue();
        BufferedImage regressed = screenshot(page, "compare.png");
        assertThat(pixels(regressed, 0xc0392b)).as("regressed bars (#c0392b)").isGreaterThan(1000);
        assertThat(pixels(regressed, 0x27ae60)).as("no improvement").isZero();
        BufferedImage improved = screenshot(page2, "compare2.png");
        assertThat(pixels(improved, 0x27ae60)).as("improved bars (#27ae60)").isGreaterThan(1000);
    }

    @Test
    void severalResultsDrawAHistoryPerBenchmark() throws Exception {
        Path page = dir.resolve("history.html");
        RunResult r = Vbench.run(List.of("report", base.toString(), slower.toString(), faster.toString(), "--html",
                page.toString()), Map.of(), null, TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        String dom = dumpDom(page);
        assertThat(htmlTag(dom)).isEqualTo("<html lang=\"en\" data-vbench-charts=\"4\">");
        for (int i = 0; i < 4; i++) {
            assertThat(chartSvg(dom, "chart-history-" + i).contains("<path")).as("drawn shapes").isTrue();
        }
        assertThat(pixels(screenshot(page, "history.png"), 0x3b6ea5)).as("history lines").isGreaterThan(200);
    }

    @Test
    void aVariancePageDrawsTheHistogramAndTheSeedsWithTheExtremesMarked() throws Exception {
        var runs = new ArrayList<dev.vbench.reports.variance.VarianceReport.SeedRun>();
        var times = new ArrayList<Long>();
        for (int seed = 1; seed <= 8; seed++) {
            long t = 1_000_000_000L + (seed * 7919L % 11) * 10_000_000L;
            times.add(t);
            runs.add(new dev.vbench.reports.variance.VarianceReport.SeedRun(seed, t, Map.of(), 0, "exited", true, "x", null));
        }
        long min = java.util.Collections.min(times);
        long max = java.util.Collections.max(times);
        var report = new dev.vbench.reports.variance.VarianceReport(dev.vbench.reports.variance.VarianceReport.SCHEMA,
                List.of("java", "Shared"), "valgrind", false, 1, 8,
                Map.of("virtual_time_ns", dev.vbench.reports.variance.Distribution.of(times)),
                new dev.vbench.reports.variance.VarianceReport.Extreme(runs.get(times.indexOf(min)).seed(), min, "r", true, List.of()),
                new dev.vbench.reports.variance.VarianceReport.Extreme(runs.get(times.indexOf(max)).seed(), max, "r", true, List.of()),
                runs, null, null, List.of());
        Path page = dir.resolve("variance.html");
        try (var w = java.nio.file.Files.newBufferedWriter(page)) {
            new dev.vbench.reports.format.VarianceHtmlFormat().writeOut(report, w);
        }
        String dom = dumpDom(page);
        assertThat(htmlTag(dom)).isEqualTo("<html lang=\"en\" data-vbench-charts=\"2\">");
        assertThat(chartSvg(dom, "chart-variance-histogram").contains("<path")).as("drawn shapes").isTrue();
        BufferedImage png = screenshot(page, "variance.png");
        assertThat(pixels(png, 0x27ae60)).as("the fastest seed's bar (#27ae60)").isGreaterThan(200);
        assertThat(pixels(png, 0xc0392b)).as("the slowest seed's bar (#c0392b)").isGreaterThan(200);
    }

    private static List<String> chromium(String... args) {
        List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--user-data-dir=" + Processes.scratch("chromium"), "--virtual-time-budget=10000",
                "--window-size=1200,1400"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String dumpDom(Path page) {
        RunResult r = Processes.run(chromium("--dump-dom", page.toUri().toString()), Map.of(), null, TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r.stdout();
    }

    private static BufferedImage screenshot(Path page, String name) throws IOException {
        Path png = dir.resolve(name);
        RunResult r = Processes.run(chromium("--screenshot=" + png, page.toUri().toString()), Map.of(), null, TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(png).as(r.describe()).exists();
        return ImageIO.read(png.toFile());
    }

    /** The page's html start tag: charts.js marks it when every chart drew, or with the error. */
    private static String htmlTag(String dom) {
        int start = dom.indexOf("<html");
        assertThat(start).as("an html element").isNotNegative();
        return dom.substring(start, dom.indexOf('>', start) + 1);
    }

    /** The markup inside the chart element with this id (ECharts' SVG renderer puts an svg there). */
    private static String chartSvg(String dom, String id) {
        int at = dom.indexOf("id=\"" + id + "\"");
        assertThat(at).as("chart %s in the page", id).isPositive();
        int end = dom.indexOf("</svg>", at);
        assertThat(end).as("an svg in chart %s", id).isPositive();
        String svg = dom.substring(at, end);
        assertThat(svg.contains("<svg")).as("an svg in chart %s", id).isTrue();
        return svg;
    }

    private static long notWhite(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xffffff) == 0xffffff ? 0 : 1;
            }
        }
        return n;
    }

    private static long pixels(BufferedImage img, int rgb) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
