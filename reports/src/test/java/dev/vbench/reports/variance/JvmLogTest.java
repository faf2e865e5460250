package dev.vbench.reports.variance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JvmLogTest {
    /** Lines as JDK 17 writes them with -Xlog:jit+compilation=debug,gc,safepoint:file=F:uptimenanos,tid,tags. */
    static final List<String> FASTEST = List.of(
            "[6480962ns][18950][gc] Using G1",
            "[59465236ns][18973][jit,compilation]    1       3       java.lang.Object::<init> (1 bytes)",
            "[66605715ns][18973][jit,compilation]    2       3       java.lang.String::hashCode (60 bytes)",
            "[68314901ns][18950][jit,compilation]    4     n 0       jdk.internal.misc.Unsafe::getReferenceVolatile (native)   ",
            "[70000000ns][18973][jit,compilation]   45 %     4       T2::lambda$main$0 @ 5 (98 bytes)",
            "[86182041ns][18971][jit,compilation]    1       3       java.lang.Object::<init> (1 bytes)   made not entrant",
            "[264503928ns][18963][gc             ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 19M->4M(388M) 1.715ms",
            "[264534353ns][18963][safepoint      ] Safepoint \"G1CollectForAllocation\", Time since last: 215082428 ns, "
                    + "Reaching safepoint: 83724 ns, Cleanup: 8713 ns, At safepoint: 1787151 ns, Total: 1879588 ns",
            "[300000000ns][18963][gc             ] GC(1) Concurrent Mark Cycle 12.500ms",
            "[300000001ns][18963][jit,compilation] something JDK 21 might write");

    static final List<String> SLOWEST = List.of(
            "[59465236ns][18973][jit,compilation]    1       3       java.lang.Object::<init> (1 bytes)",
            "[96605715ns][18973][jit,compilation]    2       3       java.lang.String::hashCode (60 bytes)",
            "[97000000ns][18973][jit,compilation]    3       4       java.lang.String::hashCode (60 bytes)",
            "[264503928ns][18963][gc             ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 19M->4M(388M) 1.715ms",
            "[364503928ns][18963][gc             ] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 29M->4M(388M) 2.285ms");

    @Test
    void readsCompilationsWithTierFlagsAndOsrEntryGcEventsAndSafepoints() {
        JvmLog log = JvmLog.parse(FASTEST);
        assertThat(log.compilations()).containsExactly(
                new JvmLog.Compilation(59465236L, 1, 3, "", "java.lang.Object::<init>", -1, false),
                new JvmLog.Compilation(66605715L, 2, 3, "", "java.lang.String::hashCode", -1, false),
                new JvmLog.Compilation(68314901L, 4, 0, "n", "jdk.internal.misc.Unsafe::getReferenceVolatile", -1, false),
                new JvmLog.Compilation(70000000L, 45, 4, "%", "T2::lambda$main$0", 5, false),
                new JvmLog.Compilation(86182041L, 1, 3, "", "java.lang.Object::<init>", -1, true));
        assertThat(log.gcEvents()).containsExactly(
                new JvmLog.GcEvent(264503928L, 0, "Pause Young (Normal) (G1 Evacuation Pause)", 1.715),
                new JvmLog.GcEvent(300000000L, 1, "Concurrent Mark Cycle", 12.5));
        assertThat(log.safepoints()).containsExactly(new JvmLog.Safepoint(264534353L, "G1CollectForAllocation", 1879588L));
        assertThat(log.skipped()).isEqualTo(1);

        JvmSummary s = log.summary();
        assertThat(s.compilations()).isEqualTo(4);
        assertThat(s.byTier()).containsEntry("0", 1).containsEntry("3", 2).containsEntry("4", 1);
        assertThat(s.osr()).isEqualTo(1);
        assertThat(s.madeNotEntrant()).isEqualTo(1);
        assertThat(s.lastCompilationNs()).isEqualTo(70000000L);
        assertThat(s.gcPauses()).isEqualTo(1);
        assertThat(s.gcConcurrent()).isEqualTo(1);
        assertThat(s.safepoints()).isEqualTo(1);
        assertThat(s.safepointNs()).isEqualTo(1879588L);
    }

    @Test
    void comparisonNamesCompilationsOnlyOneSeedMadeTheShiftsAndTheGcPauses() {
        JvmComparison c = JvmComparison.of(3, JvmLog.parse(FASTEST), 5, JvmLog.parse(SLOWEST));
        assertThat(c.onlyInFastest()).extracting(JvmComparison.Compile::method)
                .containsExactly("jdk.internal.misc.Unsafe::getReferenceVolatile", "T2::lambda$main$0");
        assertThat(c.onlyInFastest().get(1).osrBci()).isEqualTo(5);
        assertThat(c.onlyInSlowest()).containsExactly(new JvmComparison.Compile("java.lang.String::hashCode", 4, null, 97000000L));
        assertThat(c.shifted()).containsExactly(
                new JvmComparison.Shift("java.lang.String::hashCode", 3, null, 66605715L, 96605715L, 30000000L));
        assertThat(c.notEntrantOnlyInFastest()).extracting(JvmComparison.Compile::method).containsExactly("java.lang.Object::<init>");
        assertThat(c.gcFastest()).hasSize(1);
        assertThat(c.gcSlowest()).extracting(JvmLog.GcEvent::millis).containsExactly(1.715, 2.285);
        assertThat(c.safepointsFastest()).containsEntry("G1CollectForAllocation", 1);
        assertThat(c.safepointsSlowest()).isEmpty();
        assertThat(c.findings()).anySatisfy(f -> assertThat(f).contains("GC pauses: 1 (1.715 ms) vs 2 (4.000 ms)"));
        assertThat(c.findings().get(0)).contains("4 (fastest seed 3) vs 3 (slowest seed 5)", "2 made only by the fastest",
                "1 only by the slowest", "1 made by both at different virtual times");
    }

    @Test
    void severalJvmsLogsAreKeptApartByTheirLabel() {
        JvmLog merged = JvmLog.merge(List.of("jvm-1000", "jvm-1001"), List.of(JvmLog.parse(SLOWEST), JvmLog.parse(SLOWEST)));
        assertThat(merged.compilations()).extracting(JvmLog.Compilation::method)
                .contains("jvm-1000: java.lang.Object::<init>", "jvm-1001: java.lang.Object::<init>");
        assertThat(merged.summary().gcPauses()).isEqualTo(4);
    }

    @Test
    void distributionsAreExactOrderStatistics() {
        Distribution d = Distribution.of(List.of(50L, 10L, 40L, 20L, 30L, 60L, 70L, 80L, 90L, 100L));
        assertThat(d.min()).isEqualTo(10);
        assertThat(d.p10()).isEqualTo(10);
        assertThat(d.p25()).isEqualTo(30);
        assertThat(d.median()).isEqualTo(50);
        assertThat(d.p75()).isEqualTo(80);
        assertThat(d.p90()).isEqualTo(90);
        assertThat(d.max()).isEqualTo(100);
        assertThat(d.mean()).isEqualTo(55.0);
        assertThat(d.spreadPct()).isEqualTo(900.0);
        assertThat(d.constant()).isFalse();
        assertThat(Distribution.of(List.of(7L, 7L)).constant()).isTrue();
    }
}
