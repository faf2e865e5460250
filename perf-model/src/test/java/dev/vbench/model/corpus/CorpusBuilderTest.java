package dev.vbench.model.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped corpus builds with gcc -O2 (and javac) and every point runs natively and exits 0.
 * Timing is only checked loosely: a smallest point finishes within seconds, and a largest point
 * (several times the work) is slower than its smallest, comparing the fastest of three runs each.
 */
class CorpusBuilderTest {
    @TempDir
    static Path dir;
    static List<CorpusPoint> points;

    @BeforeAll
    static void build() throws Exception {
        points = new CorpusBuilder(dir).build();
    }

    @Test
    void coversTheIntendedKindsWithSeveralSizesEach() {
        Map<String, List<Long>> sizes = points.stream().collect(Collectors.groupingBy(CorpusPoint::kind,
                LinkedHashMap::new, Collectors.mapping(CorpusPoint::size, Collectors.toList())));
        assertThat(sizes).hasSizeGreaterThanOrEqualTo(12).containsKeys("int_arith", "float_math", "branchy",
                "pointer_chase", "stream", "small_syscalls", "file_io", "malloc_churn", "lock_contention", "spawn",
                "strings", "jvm_workload");
        sizes.forEach((kind, s) -> {
            assertThat(s).as(kind).hasSizeGreaterThanOrEqualTo(3).isSorted().doesNotHaveDuplicates();
        });
        assertThat(points).extracting(CorpusPoint::id).doesNotHaveDuplicates();
    }

    @Test
    void everyPointRunsNativelyAndExitsZeroWithWorkGrowingWithSize() throws Exception {
        Map<String, List<CorpusPoint>> byKind = points.stream().collect(Collectors.groupingBy(CorpusPoint::kind,
                LinkedHashMap::new, Collectors.toList()));
        for (List<CorpusPoint> sizes : byKind.values()) {
            CorpusPoint smallest = sizes.get(0), largest = sizes.get(sizes.size() - 1);
            for (CorpusPoint p : sizes.subList(1, sizes.size() - 1)) {
                runMillis(p);
            }
            // The fastest of three runs: load from other processes only ever adds time.
            long fastestSmall = Long.MAX_VALUE, fastestLarge = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                fastestSmall = Math.min(fastestSmall, runMillis(smallest));
                fastestLarge = Math.min(fastestLarge, runMillis(largest));
            }
            assertThat(fastestSmall).as(smallest.id() + " (ms)").isLessThan(5_000);
            assertThat(fastestLarge).as(largest.id() + " takes longer than " + smallest.id() + " (ms)").isGreaterThan(fastestSmall);
        }
    }

    /** Runs a point natively, checks it exits 0 and prints its checksum line; its wall time in ms. */
    private static long runMillis(CorpusPoint p) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(p.argv()).redirectInput(new File("/dev/null"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(p.id()).isTrue();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(process.exitValue()).as(p.id() + " exit status").isZero();
        assertThat(out).as(p.id() + " prints its checksum").startsWith(p.kind() + " ");
        return millis;
    }

    @Test
    void programsRefuseABadSize() throws Exception {
        CorpusPoint p = points.stream().filter(x -> x.kind().equals("int_arith")).findFirst().orElseThrow();
        List<String> argv = new ArrayList<>(p.argv());
        argv.set(argv.size() - 1, "ten");
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isEqualTo(2);
        assertThat(out).contains("positive integer");
    }

    @Test
    void aSecondBuildReusesTheCachedPrograms() throws Exception {
        Map<Path, FileTime> before = builtOutputs();
        List<CorpusPoint> again = new CorpusBuilder(dir).build();
        assertThat(again).isEqualTo(points);
        assertThat(builtOutputs()).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.startsWith(".build-"));
        }
    }

    private static Map<Path, FileTime> builtOutputs() throws Exception {
        Map<Path, FileTime> times = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                times.put(f, Files.getLastModifiedTime(f));
            }
        }
        return times;
    }

    @Test
    void aBrokenSourceFailsWithTheCompilersMessage(@TempDir Path other) {
        CorpusDescriptor shipped = CorpusBuilder.bundledDescriptor();
        CorpusDescriptor broken = new CorpusDescriptor(shipped.schema(), shipped.sharedSources(),
                Map.of("c", List.of("gcc", "-O2", "-DBROKEN=", "-include", "no-such-header.h", "-o", "{output}", "{source}")),
                shipped.run(), List.of(new CorpusDescriptor.Kind("int_arith", "c", "int_arith.c", null, List.of(1L))));
        assertThatThrownBy(() -> new CorpusBuilder(other, broken).build())
                .isInstanceOf(CorpusBuildException.class).hasMessageContaining("int_arith").hasMessageContaining("no-such-header.h");
    }

    @Test
    void descriptorsWithUnorderedSizesOrUnsafeNamesAreRefused() {
        CorpusDescriptor shipped = CorpusBuilder.bundledDescriptor();
        assertThatThrownBy(() -> new CorpusDescriptor(shipped.schema(), shipped.sharedSources(), shipped.build(), shipped.run(),
                List.of(new CorpusDescriptor.Kind("x", "c", "x.c", null, List.of(5L, 5L)))).validate())
                .hasMessageContaining("sizes must increase");
        assertThatThrownBy(() -> new CorpusDescriptor(shipped.schema(), shipped.sharedSources(), shipped.build(), shipped.run(),
                List.of(new CorpusDescriptor.Kind("x", "c", "../x.c", null, List.of(5L)))).validate())
                .hasMessageContaining("plain file name");
        assertThatThrownBy(() -> new CorpusDescriptor(shipped.schema(), shipped.sharedSources(), shipped.build(), shipped.run(),
                List.of(new CorpusDescriptor.Kind("x", "rust", "x.rs", null, List.of(5L)))).validate())
                .hasMessageContaining("language 'rust'");
    }

    @Test
    void aSelectionKeepsTheNamedKindsInCorpusOrderWithTheirSmallestSizes() {
        CorpusDescriptor shipped = CorpusBuilder.bundledDescriptor();
        CorpusDescriptor some = shipped.select(List.of("spawn", "int_arith"), 2);
        assertThat(some.kinds()).extracting(CorpusDescriptor.Kind::kind).containsExactly("int_arith", "spawn");
        assertThat(some.kinds().get(1).sizes()).containsExactly(10L, 20L);
        assertThat(shipped.select(null, null).kinds()).isEqualTo(shipped.kinds());
        assertThatThrownBy(() -> shipped.select(List.of("nope"), null)).hasMessageContaining("no kind 'nope'")
                .hasMessageContaining("int_arith");
        assertThatThrownBy(() -> shipped.select(null, 0)).hasMessageContaining("at least one size");
    }
}
