package dev.vbench.baselines;

import dev.vbench.reports.io.ResultIO;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.VbenchInfo;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The process {@link BaselineCrashTest} kills: saves baselines in a loop, forever, until SIGKILL.
 * {@code CrashWriter DIR atomic} saves through {@link BaselineStore}; {@code CrashWriter DIR plain}
 * truncates and rewrites the file in place (the negative control: it must be caught corrupting).
 * Prints "warm" when it is ready to write, waits for a line "go" on stdin, then prints "ready" once the first save is done, so the kill lands among saves, not JVM start-up; an
 * optional third argument is where in its cycle of names and sizes it starts. {@code once} saves
 * one baseline and exits (to record a class-data archive that makes the next starts faster).
 *
 * <p>Every result is self-checking: {@link #check(Result)} tells a complete one from any other.
 */
public final class CrashWriter {
    static final List<String> NAMES = List.of("main", "release", "pr-1", "pr-2");
    static final int[] SIZES = {20, 80, 150, 250};

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        boolean atomic = !args[1].equals("plain");
        boolean once = args[1].equals("once");
        int first = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        BaselineStore store = new BaselineStore(dir);
        Files.createDirectories(dir);
        List<Result> results = new ArrayList<>();
        for (int size : SIZES) {
            results.add(result(size));
        }
        // Warm up (Jackson builds its serializers on first use) before waiting for the go-ahead, so
        // that a waiting writer is ready to write at once and touches nothing until told.
        ResultIO.write(results.get(0), Writer.nullWriter());
        if (!once) {
            System.out.println("warm");
            System.out.flush();
            if (!"go".equals(new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine())) {
                return;
            }
        }
        for (long k = first; ; k++) {
            String name = NAMES.get((int) (k % NAMES.size()));
            Result r = results.get((int) ((k * 7 + k / 4) % results.size()));
            if (atomic) {
                store.save(name, r);
            } else {
                try (Writer w = new OutputStreamWriter(Files.newOutputStream(store.file(name)), StandardCharsets.UTF_8)) {
                    ResultIO.write(r, w);
                }
            }
            if (k == first) {
                if (once) {
                    return; // a normal exit, so that -XX:ArchiveClassesAtExit can write its archive
                }
                System.out.println("ready");
                System.out.flush();
            }
        }
    }

    /** A result of {@code size} benchmarks whose version string says how many there are. */
    static Result result(int size) {
        List<Benchmark> benchmarks = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            benchmarks.add(Benchmark.builder("bench-" + i).command(List.of("./bench", Integer.toString(i)))
                    .virtualTimeNs(1_000_000L + i).deterministic(true).runs(1)
                    .counters(Counters.of(Map.of(Counters.INSTRUCTIONS, 10_000L * i, Counters.SYSCALLS, (long) i)))
                    .syscallsByName(Map.of("write", 1L, "mmap", 9L, "brk", 3L)).build());
        }
        return Result.of(new VbenchInfo("size=" + size), Environment.builder().counter("none").cpus(4).build(),
                benchmarks);
    }

    /** Null if {@code r} is exactly a result that {@link #result(int)} makes, else what is wrong. */
    static String check(Result r) {
        String v = r.vbench().version();
        if (v == null || !v.startsWith("size=")) {
            return "unexpected version " + v;
        }
        int size = Integer.parseInt(v.substring(5));
        if (r.benchmarks().size() != size) {
            return "has " + r.benchmarks().size() + " benchmarks, expected " + size;
        }
        return r.equals(result(size)) ? null : "content differs from the result written";
    }
}
