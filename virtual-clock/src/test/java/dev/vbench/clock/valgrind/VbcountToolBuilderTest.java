package dev.vbench.clock.valgrind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds vbcount with {@link VbcountToolBuilder} and checks its counts against cachegrind's
 * (I refs, Bc, Bi) on a compiled qsort program, run to run determinism, per-thread slots of a
 * two-thread program, and the start-up address file. Skipped only when valgrind is missing.
 */
class VbcountToolBuilderTest {

    @TempDir
    static Path work;

    /** Outside @TempDir: JUnit warns about every symlink it deletes, and target/ is cleaned by mvn clean. */
    static Path cache;
    static VbcountTool tool;
    static Path qsort;
    static Path threads;

    @BeforeAll
    static void buildToolAndPrograms() throws Exception {
        assumeTrue(ValgrindCounter.findInPath("valgrind") != null, "valgrind is not installed");
        cache = moduleDir().resolve("target/vbcount-cache");
        tool = new VbcountToolBuilder().cacheDir(cache).build();
        Path csrc = moduleDir().resolve("src/test/c");
        qsort = work.resolve("qsort");
        threads = work.resolve("threads2");
        run(List.of("gcc", "-O2", "-o", qsort.toString(), csrc.resolve("qsort.c").toString()), Map.of());
        run(List.of("gcc", "-O2", "-pthread", "-o", threads.toString(),
                csrc.resolve("threads2.c").toString()), Map.of());
    }

    @Test
    void buildIsCachedAndDescribesTheBlock() throws Exception {
        Path bin = tool.toolBinary();
        FileTime before = Files.getLastModifiedTime(bin);
        VbcountTool again = new VbcountToolBuilder().cacheDir(cache).build();
        assertThat(again.libDir()).isEqualTo(tool.libDir());
        assertThat(Files.getLastModifiedTime(again.toolBinary())).isEqualTo(before);
        assertThat(tool.libDir().getFileName().toString())
                .startsWith(VbcountToolBuilder.sanitize(tool.valgrindVersion()) + "-")
                .endsWith("-" + VbcountToolBuilder.sourceHash());
        assertThat(tool.blockAddress()).isBetween(0x58000000L, 0x60000000L);
        assertThat(tool.blockSize()).isEqualTo(VbcountLayout.SIZE);
        // No temporary build directories are left behind.
        try (var s = Files.list(cache)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void countsEqualCachegrindOnQsortAndAreIdenticalOverThreeRuns() throws Exception {
        List<String> guest = List.of(qsort.toString(), "200000");
        long[] cg = cachegrind(guest);
        List<long[]> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, String> out = vbcount(guest, "q" + i);
            runs.add(new long[] {
                Long.parseLong(out.get("insns")),
                Long.parseLong(out.get("cond_branches")),
                Long.parseLong(out.get("ind_branches"))});
            assertThat(out.get("thread.1.insns")).isEqualTo(out.get("insns"));
        }
        assertThat(runs.get(0)).as("vbcount {insns, cond, ind} vs cachegrind {Ir, Bc, Bi}").containsExactly(cg);
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(runs.get(2)).isEqualTo(runs.get(0));
        assertThat(runs.get(0)[0]).isGreaterThan(50_000_000L);
    }

    @Test
    void perThreadSlotsSumToTheGlobalTotals() throws Exception {
        Map<String, String> out = vbcount(List.of(threads.toString(), "200000"), "t");
        long[] sum = new long[3];
        Map<Integer, Long> insnsByThread = new LinkedHashMap<>();
        for (var e : out.entrySet()) {
            String[] k = e.getKey().split("\\.");
            if (k.length != 3 || !k[0].equals("thread")) {
                continue;
            }
            long v = Long.parseLong(e.getValue());
            switch (k[2]) {
                case "insns" -> { sum[0] += v; insnsByThread.put(Integer.parseInt(k[1]), v); }
                case "cond" -> sum[1] += v;
                case "ind" -> sum[2] += v;
                default -> throw new AssertionError(e.getKey());
            }
        }
        assertThat(sum).containsExactly(Long.parseLong(out.get("insns")),
                Long.parseLong(out.get("cond_branches")), Long.parseLong(out.get("ind_branches")));
        // Valgrind hands a ThreadId back out once its thread has exited, so the second worker may
        // reuse slot 2: only the main thread's slot and the sum are fixed.
        assertThat(insnsByThread.keySet()).contains(1, 2).isSubsetOf(1, 2, 3);
        if (insnsByThread.containsKey(3)) {
            // Worker 3 does three times worker 2's loop iterations.
            double ratio = (double) insnsByThread.get(3) / insnsByThread.get(2);
            assertThat(ratio).isBetween(2.9, 3.1);
        }
        assertThat(Long.parseLong(out.get("switches"))).isGreaterThanOrEqualTo(3);
    }

    @Test
    void addressFileNamesThePidAndTheNmAddress() throws Exception {
        Path addrFile = work.resolve("addr.txt");
        vbcountRaw(List.of("--vbcount-addr-file=" + addrFile), List.of("/bin/true"));
        Map<String, String> kv = VbcountLayout.readKeyValues(addrFile);
        assertThat(VbcountLayout.parseAddress(kv.get("addr"))).isEqualTo(tool.blockAddress());
        assertThat(Long.parseLong(kv.get("pid"))).isPositive();
        assertThat(VbcountLayout.parseAddress(kv.get("magic"))).isEqualTo(VbcountLayout.MAGIC);
        assertThat(kv).containsEntry("version", String.valueOf(VbcountLayout.VERSION))
                .containsEntry("nthreads_slots", Integer.toString(VbcountLayout.SLOTS))
                .containsEntry("per_thread_offset", Integer.toString(VbcountLayout.OFF_PER_THREAD))
                .containsEntry("per_thread_stride", Integer.toString(VbcountLayout.PER_THREAD_STRIDE))
                .containsEntry("trailer_offset", Integer.toString(VbcountLayout.OFF_TRAILER))
                .containsEntry("size", Integer.toString(VbcountLayout.SIZE));
    }

    @Test
    void missingValgrindGivesAClearMessage() {
        assertThatThrownBy(() -> new VbcountToolBuilder().cacheDir(cache)
                .valgrind("/nonexistent/valgrind").build())
                .isInstanceOf(VbcountBuildException.class)
                .hasMessageContaining("apt-get install valgrind");
    }

    /** The version is asked once and remembered; a reinstall (another size or time) asks again. */
    @Test
    void theVersionIsRememberedUntilValgrindChanges() throws Exception {
        Path fake = work.resolve("fake-valgrind");
        Path asked = work.resolve("asked");
        Files.writeString(fake, "#!/bin/sh\necho x >> " + asked + "\necho valgrind-9.9.9\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        VbcountToolBuilder builder = new VbcountToolBuilder().cacheDir(work.resolve("memo")).valgrind(fake.toString());
        assertThat(builder.valgrindVersion()).isEqualTo("valgrind-9.9.9");
        assertThat(builder.valgrindVersion()).isEqualTo("valgrind-9.9.9");
        assertThat(Files.readAllLines(asked)).as("times valgrind --version ran").hasSize(1);

        Files.writeString(fake, "#!/bin/sh\necho x >> " + asked + "\necho valgrind-9.9.10\n");
        Files.setLastModifiedTime(fake, FileTime.fromMillis(Files.getLastModifiedTime(fake).toMillis() + 2000));
        assertThat(builder.valgrindVersion()).isEqualTo("valgrind-9.9.10");
        assertThat(Files.readAllLines(asked)).hasSize(2);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static Map<String, String> vbcount(List<String> guest, String tag) throws Exception {
        Path out = work.resolve("vbcount-" + tag + ".out");
        vbcountRaw(List.of("--vbcount-out=" + out), guest);
        return VbcountLayout.readKeyValues(out);
    }

    private static void vbcountRaw(List<String> options, List<String> guest) throws Exception {
        List<String> opts = new ArrayList<>(List.of("-q"));
        opts.addAll(options);
        run(tool.command(opts, guest), tool.environment());
    }

    /** {Ir, Bc, Bi} from cachegrind's output file, run with the same VALGRIND_LIB, cwd and argv. */
    private static long[] cachegrind(List<String> guest) throws Exception {
        Path out = work.resolve("cachegrind.out");
        List<String> cmd = new ArrayList<>(List.of(tool.valgrind(), "-q", "--tool=cachegrind",
                "--cache-sim=no", "--branch-sim=yes", "--cachegrind-out-file=" + out));
        cmd.addAll(guest);
        run(cmd, tool.environment());
        List<String> events = null;
        List<String> summary = null;
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            if (line.startsWith("events:")) {
                events = Arrays.asList(line.substring(7).trim().split("\\s+"));
            } else if (line.startsWith("summary:")) {
                summary = Arrays.asList(line.substring(8).trim().split("\\s+"));
            }
        }
        assertThat(events).as("events line in " + out).isNotNull();
        assertThat(summary).as("summary line in " + out).isNotNull();
        return new long[] {
            Long.parseLong(summary.get(events.indexOf("Ir"))),
            Long.parseLong(summary.get(events.indexOf("Bc"))),
            Long.parseLong(summary.get(events.indexOf("Bi")))};
    }

    private static String run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("finished: " + cmd).isTrue();
        assertThat(p.exitValue()).as(cmd + " failed:\n" + text).isZero();
        return text;
    }

    private static Path moduleDir() {
        Path here = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        return Files.isDirectory(here.resolve("src/test/c")) ? here : here.resolve("virtual-clock");
    }
}
