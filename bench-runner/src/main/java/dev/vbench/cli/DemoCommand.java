package dev.vbench.cli;

import dev.vbench.core.run.HostEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import dev.vbench.cli.bench.Progress;
import dev.vbench.cli.suite.Suite;
import dev.vbench.cli.suite.SuiteException;
import dev.vbench.cli.suite.SuiteReader;
import dev.vbench.reports.compare.CompareEngine;
import dev.vbench.reports.compare.Comparison;
import dev.vbench.reports.compare.IncomparableResultsException;
import dev.vbench.reports.compare.Metric;
import dev.vbench.reports.compare.Row;
import dev.vbench.reports.compare.Threshold;
import dev.vbench.reports.format.ComparisonFormatFactory;
import dev.vbench.reports.format.ComparisonFormatType;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.SuiteInfo;
import picocli.CommandLine.Command;

/**
 * {@code vbench demo}, the whole story in under a minute. First a bundled C program whose output
 * varies on every native run, run twice natively and twice under vbench, the four outputs side by
 * side. Then a regression gate: a bundled benchmark built twice, as a base and as a head that does
 * 1% more work in one of its two benchmarks, each side benchmarked with the bundled suite (runs
 * proven identical), the two results compared at a 0.2% threshold, and the regression flagged.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a bundled program whose output varies natively, twice natively and twice under vbench, "
                + "side by side; then benchmark a bundled suite before and after a 1%% change and flag the regression.")
final class DemoCommand implements Callable<Integer> {
    private static final String SOURCE = "/dev/vbench/demo/varies.c";
    private static final String BENCHMARK_SOURCE = "/dev/vbench/demo/work.c";
    private static final String SUITE = "/dev/vbench/demo/suite.json";
    /** The benchmark of the bundled suite that the head build changes. */
    static final String CHANGED = "checksum";

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        int part1 = nativeVersusVbench();
        int part2 = regressionGate();
        System.out.printf(Locale.ROOT, "%nThe demo took %.1f s.%n", (System.nanoTime() - start) / 1e9);
        return part1 == ExitCodes.OK && part2 == ExitCodes.OK ? ExitCodes.OK : ExitCodes.DIFFERENCE;
    }

    private int nativeVersusVbench() throws Exception {
        Path program = build();
        // Native runs use ProcessBuilder and finish before any tracing starts (the JDK's reaper and
        // the supervisor's waitpid must never be active at the same time).
        List<List<String>> outputs = new ArrayList<>();
        outputs.add(runNatively(program));
        outputs.add(runNatively(program));
        GuestOptions options = new GuestOptions(); // the defaults, counter auto included
        GuestRun.Prepared prepared = GuestRun.prepare(options, List.of(program.toString()));
        GuestRun.Completed first = null;
        for (int i = 0; i < 2; i++) {
            try (GuestRun.Completed run = prepared.execute(true)) {
                outputs.add(Files.readAllLines(run.stdout()));
                first = first == null ? run : first;
            }
        }
        return report(outputs, prepared, first);
    }

    private int report(List<List<String>> outputs, GuestRun.Prepared prepared, GuestRun.Completed vbenchRun) {
        System.out.println("vbench demo: the same program, run twice natively and twice under `vbench run`\n");
        String format = "%-15s %-22s %-22s | %-22s %-22s%n";
        System.out.printf(Locale.ROOT, format, "", "native #1", "native #2", "vbench #1", "vbench #2");
        int lines = outputs.get(0).size();
        int variedNatively = 0;
        int variedUnderVbench = 0;
        for (int i = 0; i < lines; i++) {
            String label = field(outputs.get(0), i, true);
            String[] v = new String[4];
            for (int r = 0; r < 4; r++) {
                v[r] = field(outputs.get(r), i, false);
            }
            variedNatively += v[0].equals(v[1]) ? 0 : 1;
            variedUnderVbench += v[2].equals(v[3]) ? 0 : 1;
            System.out.printf(Locale.ROOT, format, label, clip(v[0]), clip(v[1]), clip(v[2]), clip(v[3]));
        }
        System.out.printf(Locale.ROOT, "%n%d of %d lines differ between the native runs; %d differ under vbench.%n",
                variedNatively, lines, variedUnderVbench);
        System.out.printf(Locale.ROOT, "Virtual time of the vbench run: %s, %d system calls, counted by %s.%n",
                String.format(Locale.ROOT, "%.6f s", vbenchRun.outcome().virtualNanos() / 1e9), vbenchRun.outcome().syscalls(),
                prepared.counter().backend().name());
        GuestRun.notes(prepared, vbenchRun).forEach(n -> System.out.println("note: " + n));
        return variedUnderVbench == 0 ? ExitCodes.OK : ExitCodes.DIFFERENCE;
    }

    private static String field(List<String> lines, int i, boolean label) {
        String line = i < lines.size() ? lines.get(i) : "";
        String key = line.length() >= 16 ? line.substring(0, 16).trim() : line.trim();
        return label ? key : (line.length() > 16 ? line.substring(16).trim() : "");
    }

    private static String clip(String s) {
        return s.length() <= 22 ? s : s.substring(0, 21) + "…";
    }

    /**
     * Part 2: base and head builds of the bundled benchmark, each benchmarked with the bundled suite
     * ({@link SuiteRunner}, as {@code vbench bench} does), then compared as {@code vbench compare}
     * does. Succeeds when the gate flags exactly the changed benchmark.
     */
    private int regressionGate() throws Exception {
        System.out.println();
        System.out.println("vbench demo, part 2: a regression gate");
        System.out.println("A bundled benchmark built twice: the base, and the head of a change that does 1% more work in \""
                + CHANGED + "\" (gcc -DEXTRA_WORK). Each is benchmarked with the bundled suite under vbench:");
        Path base = buildSide("base", List.of());
        Path head = buildSide("head", List.of("-DEXTRA_WORK"));
        Result baseResult = benchmark(base);
        Result headResult = benchmark(head);
        Comparison comparison = compare(baseResult, headResult);
        System.out.println();
        System.out.println("vbench compare base.json head.json --threshold 0.2%:");
        java.io.Writer out = new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8);
        ComparisonFormatFactory.of(ComparisonFormatType.TEXT, false).writeOut(comparison, out);
        out.flush();
        List<String> flagged = comparison.rows().stream().filter(r -> r.verdict().failsGate()).map(Row::name).toList();
        boolean story = flagged.equals(List.of(CHANGED));
        System.out.println(story
                ? "\nThe gate fails on \"" + CHANGED + "\" alone: virtual time is the same on every run, so a change of "
                        + "1% stands out where wall time, with its noise of several %, would hide it."
                : "Unexpected: the gate flagged " + flagged + " instead of [" + CHANGED + "].");
        return story ? ExitCodes.OK : ExitCodes.DIFFERENCE;
    }

    /** The one step that judges: base against head on virtual time at the default 0.2%. */
    static Comparison compare(Result base, Result head) throws IncomparableResultsException {
        return CompareEngine.compare(new CompareEngine.Labeled("base", base), new CompareEngine.Labeled("head", head),
                Metric.VIRTUAL_TIME, Threshold.DEFAULT, false);
    }

    private static Result benchmark(Path suiteFile) throws Exception {
        Suite suite;
        try {
            suite = SuiteReader.read(suiteFile);
        } catch (SuiteException e) {
            throw new IllegalStateException("the bundled suite is invalid: " + e.getMessage(), e);
        }
        SuiteRunner.Settings settings = new SuiteRunner.Settings(new GuestOptions(), false, false, null, 0, null);
        SuiteInfo info = new SuiteInfo("suite.json", suite.sha256(), suite.benchmarks().size(), null, null);
        System.out.println(suiteFile.getParent().getFileName() + ":");
        try (Progress progress = Progress.create("vbench bench", SuiteRunner.steps(suite.benchmarks(), settings),
                HostEnvironment.get(), System.out)) {
            SuiteRunner.Outcome o = new SuiteRunner(suite, settings, progress).run(suite.benchmarks(), info);
            if (o.interrupted()) {
                throw new InterruptedException("interrupted");
            }
            return o.result();
        }
    }

    /**
     * Builds the bundled benchmark with {@code flags} into the cache, beside a copy of the bundled
     * suite; the two sides' directories have names of one length, so that the guests' argv (the
     * program's path) are the same size on both sides.
     */
    private static Path buildSide(String side, List<String> flags) throws IOException, InterruptedException {
        byte[] source = resource(BENCHMARK_SOURCE);
        byte[] suite = resource(SUITE);
        String hash = GuestRun.sha256Of((new String(source, StandardCharsets.UTF_8) + new String(suite, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)).substring(0, 12);
        Path dir = Caches.dir("demo", "gate-" + hash, side);
        Path binary = dir.resolve("work");
        Path suiteFile = dir.resolve("suite.json");
        if (!Files.isExecutable(binary) || !Files.isRegularFile(suiteFile) || !Caches.trusted(binary)
                || !Caches.trusted(suiteFile)) {
            Path c = dir.resolve("work.c");
            Files.write(c, source);
            Path tmp = dir.resolve("work.tmp");
            List<String> gcc = new ArrayList<>(List.of("gcc", "-O2"));
            gcc.addAll(flags);
            gcc.addAll(List.of("-o", tmp.toString(), c.toString()));
            compile(gcc);
            Files.move(tmp, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.write(suiteFile, suite);
        }
        return suiteFile;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing from the jar: " + name);
            }
            return in.readAllBytes();
        }
    }

    private static void compile(List<String> gcc) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(gcc).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("gcc could not build the demo benchmark:\n" + log);
        }
    }

    /** Compiles the bundled source once into the user's cache, keyed by the source's hash. */
    private static Path build() throws IOException, InterruptedException {
        byte[] source;
        try (InputStream in = DemoCommand.class.getResourceAsStream(SOURCE)) {
            source = in.readAllBytes();
        }
        String hash = GuestRun.sha256Of(source).substring(0, 12);
        Path dir = Caches.dir("demo", hash);
        Path binary = dir.resolve("varies");
        if (Files.isExecutable(binary) && Caches.trusted(binary)) {
            return binary;
        }
        Path c = dir.resolve("varies.c");
        Files.write(c, source);
        Path tmp = dir.resolve("varies.tmp");
        Process gcc = new ProcessBuilder("gcc", "-O2", "-o", tmp.toString(), c.toString())
                .redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (gcc.waitFor() != 0) {
            throw new IOException("gcc could not build the demo program:\n" + log);
        }
        Files.move(tmp, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return binary;
    }

    private static List<String> runNatively(Path program) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(program.toString()).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return lines;
    }
}
