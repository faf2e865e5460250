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
            GuestRun.Completed run = prepared.attributing(dir).execute(true);
            return new Attributed(run, read(name, dir));
        } finally {
            delete(dir);
        }
    }

    /** Merges the profiles vbcount wrote into {@code dir} (files in pid order). */
    static BenchmarkProfile read(String name, Path dir) {
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
        return builder.build(name, totals, pids.size(), threads, notes);
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
