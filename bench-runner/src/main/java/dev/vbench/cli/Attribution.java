package dev.vbench.cli;

import dev.vbench.clock.Counts;
import dev.vbench.clock.valgrind.ValgrindCounter;
import dev.vbench.clock.valgrind.VbcountProfileFile;
import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.ProfileRef;
import dev.vbench.reports.profile.BenchmarkProfile;
import dev.vbench.reports.profile.FunctionInfo;
import dev.vbench.reports.profile.Profile;
import dev.vbench.reports.profile.ProfileBuilder;
import dev.vbench.reports.profile.ProfileIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code --attribute}: runs a prepared benchmark once with vbcount's per-function attribution,
 * merges the profiles its process images wrote (one calling-context tree per thread) into one
 * {@link BenchmarkProfile}, and writes profile files beside results.
 */
final class Attribution {
    /** The counts of a vbcount profile, in its order. */
    static final List<String> COUNTS = List.of(Counts.INSTRUCTIONS, Counts.BRANCHES_CONDITIONAL, Counts.BRANCHES_INDIRECT,
            Counts.SYSCALLS);
    private static final FunctionInfo THREAD = new FunctionInfo("[thread]", "", "", 0);

    /** An attributed run: its completed run (for its counts) and its profile. */
    record Attributed(GuestRun.Completed run, BenchmarkProfile profile) {}

    private Attribution() {}

    /** Runs {@code prepared} once with attribution (capturing its output) and reads its profile. */
    static Attributed run(String name, GuestRun.Prepared prepared) throws InterruptedException {
        Path dir;
        try {
            dir = Files.createTempDirectory("vbench-attr-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for vbcount's profiles", e);
        }
        try {
            long start = System.currentTimeMillis();
            GuestRun.Completed run = prepared.attributing(dir).execute(true);
            return new Attributed(run, read(name, dir, start));
        } finally {
            delete(dir);
        }
    }

    /** Merges the profiles vbcount wrote into {@code dir} (files in pid order). */
    static BenchmarkProfile read(String name, Path dir, long startMillis) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().startsWith(ValgrindCounter.ATTR_FILE_PREFIX))
                    .sorted((a, b) -> Long.compare(pid(a), pid(b))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProfileBuilder builder = new ProfileBuilder(COUNTS.size());
        long[] totals = new long[COUNTS.size()];
        List<String> notes = new ArrayList<>();
        int threads = 0;
        java.util.Set<Integer> pids = new java.util.TreeSet<>();
        Map<String, long[]> jit = new java.util.TreeMap<>();
        for (Path f : files) {
            List<VbcountProfileFile.Image> images;
            try {
                images = VbcountProfileFile.read(f);
            } catch (IOException e) {
                notes.add("a process's profile could not be read and is left out: " + e.getMessage());
                continue;
            }
            for (VbcountProfileFile.Image image : images) {
                pids.add(image.pid());
                if (!Arrays.equals(image.totals(), image.nodeSums())) {
                    notes.add("process " + image.pid() + " (" + image.exe() + "): its functions add up to "
                            + Arrays.toString(image.nodeSums()) + ", not its totals " + Arrays.toString(image.totals()));
                }
                for (int i = 0; i < totals.length; i++) {
                    totals[i] += image.totals()[i];
                }
                Map<Integer, Integer> functions = new HashMap<>();
                image.functions().forEach((id, fn) -> functions.put(id,
                        builder.function(new FunctionInfo(fn.name(), fn.object(), fn.file(), fn.line()))));
                if (!image.code().isEmpty()) {
                    jitMethods(image, startMillis, jit, notes);
                }
                for (VbcountProfileFile.Thread t : image.threads()) {
                    threads++;
                    Map<Integer, Integer> merged = new HashMap<>();
                    for (VbcountProfileFile.Node n : t.nodes()) {
                        int parent = n.parent() == 0 || n.id() == 0 ? -1 : merged.getOrDefault(n.parent(), -1);
                        int fn = n.function() == 0 ? builder.function(THREAD) : functions.get(n.function());
                        int node = builder.child(parent, fn);
                        merged.put(n.id(), node);
                        builder.add(node, n.calls(), n.costs());
                    }
                }
            }
        }
        if (files.isEmpty()) {
            notes.add("vbcount wrote no profile (no process ran under it, or none ended normally)");
        }
        return builder.build(name, totals, pids.size(), threads, jit, notes);
    }

    /**
     * Names the costs of code without a symbol by a JVM's perf map ({@code -XX:+DumpPerfMapAtExit}
     * writes {@code /tmp/perf-PID.map} at exit: "START SIZE NAME" per JIT-compiled method or stub).
     * Under vbench the JVM's pid is the virtual one, as is the pid vbcount records, so the map is
     * {@code /tmp/perf-VPID.map} in the host's /tmp; one older than the run is someone else's. The map
     * lists the code alive at exit: code the JIT freed and reused before that is named by what
     * lived there last.
     */
    private static void jitMethods(VbcountProfileFile.Image image, long startMillis, Map<String, long[]> jit,
                                   List<String> notes) {
        Path map = Path.of("/tmp", "perf-" + image.pid() + ".map");
        java.util.TreeMap<Long, long[]> starts = new java.util.TreeMap<>(); // start -> {size, name index}
        List<String> names = new ArrayList<>();
        try {
            if (!Files.isRegularFile(map) || Files.getLastModifiedTime(map).toMillis() < startMillis - 1000) {
                return;
            }
            for (String line : Files.readAllLines(map)) {
                String[] w = line.split(" ", 3);
                if (w.length == 3 && w[0].startsWith("0x") && w[1].startsWith("0x")) {
                    starts.put(Long.parseUnsignedLong(w[0].substring(2), 16),
                            new long[] {Long.parseUnsignedLong(w[1].substring(2), 16), names.size()});
                    names.add(w[2]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            notes.add("the JVM's perf map " + map + " could not be read: " + e.getMessage());
            return;
        }
        long unnamed = 0;
        for (VbcountProfileFile.Code c : image.code()) {
            var e = starts.floorEntry(c.address());
            String method = e != null && c.address() < e.getKey() + e.getValue()[0] ? names.get((int) e.getValue()[1]) : null;
            if (method == null) {
                unnamed += c.costs()[0];
                continue;
            }
            long[] sum = jit.computeIfAbsent(method, m -> new long[COUNTS.size()]);
            for (int i = 0; i < c.costs().length; i++) {
                sum[i] += c.costs()[i];
            }
        }
        notes.add("code without a symbol in process " + image.pid() + " named by the JVM's perf map " + map
                + (unnamed > 0 ? "; " + unnamed + " of its instructions are at addresses the map does not list" : ""));
    }

    /** A profile file of these benchmarks' profiles, priced by the model of the run. */
    static Profile profile(List<BenchmarkProfile> benchmarks, dev.vbench.clock.CostModel model) {
        Map<String, Double> prices = new LinkedHashMap<>();
        for (String c : COUNTS) {
            prices.put(c, model.nanosPer(c));
        }
        return new Profile(Profile.SCHEMA, COUNTS, prices, benchmarks);
    }

    /**
     * Writes {@code profile} to {@code file} atomically and returns the reference a result in
     * {@code resultDir} keeps (the file relative to that directory, and its SHA-256).
     */
    static ProfileRef write(Profile profile, Path file, Path resultDir) throws IOException {
        byte[] bytes = ProfileIO.bytes(profile);
        String sha = ProfileIO.write(bytes, file);
        Path abs = file.toAbsolutePath().normalize();
        Path base = resultDir == null ? abs.getParent() : resultDir.toAbsolutePath().normalize();
        return new ProfileRef(base.relativize(abs).toString(), sha);
    }

    /** A note when the attributed run counted otherwise than the benchmark's measured runs. */
    static String compareTotals(Benchmark measured, BenchmarkProfile profile) {
        Long insns = measured.counters().instructions();
        if (insns == null || profile.totals().length == 0 || insns == profile.totals()[0]) {
            return null;
        }
        return "the attributed run counted " + profile.totals()[0] + " instructions, the measured runs " + insns
                + " (a multithreaded guest may interleave otherwise in the extra run)";
    }

    private static long pid(Path p) {
        String n = p.getFileName().toString().substring(ValgrindCounter.ATTR_FILE_PREFIX.length());
        try {
            return Long.parseLong(n);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
