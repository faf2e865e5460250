package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Counted;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.Vbench;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The counts calibrated models price, on a guest that does a known amount of each (features.c):
 * pages first written (a page written twice counts once, an unmapped and remapped page counts
 * again), bytes read and written, bytes mapped, system calls by class. Differences between two
 * sizes of the same program cancel its start-up, so they must be exact.
 */
class FeatureCountsTest {
    private static final long PAGES = 1000, MORE_PAGES = 3000, BYTES = 409_600, MORE_BYTES = 819_200;

    private static final java.nio.file.Path ROOT = java.nio.file.Path.of(System.getProperty("vbench.tests.basedir",
            System.getProperty("user.dir"))).resolve("..");
    /** A model that prices pages touched, so vbcount checks stores (named, so any machine kind uses it). */
    private static final List<String> PAGES_MODEL = List.of("--counter", "valgrind", "--model",
            ROOT.resolve("docs/models/valgrind-amd-epyc-2cpus-pages.json").toString());
    /** A model that prices vbcount's simulated counts (cache misses, branch mispredictions). */
    private static final java.nio.file.Path SIMULATING_MODEL = ROOT.resolve("docs/models/valgrind-amd-epyc-2cpus-cache-sim.json");
    /** The model vbench ships prices nothing that costs counting time. */
    private static final List<String> SHIPPED_MODEL = List.of("--counter", "valgrind", "--model",
            ROOT.resolve("baselines/src/main/resources/dev/vbench/baselines/models/valgrind.json").toString());

    private static Counted valgrind(long pages, long bytes) {
        return Counted.run(PAGES_MODEL, List.of(Guests.path("features"), Long.toString(pages), Long.toString(bytes)));
    }

    @Test
    void pagesAndBytesAreCountedExactlyUnderValgrind() {
        Counted small = valgrind(PAGES, BYTES);
        Counted morePages = valgrind(MORE_PAGES, BYTES);
        Counted moreBytes = valgrind(PAGES, MORE_BYTES);
        assertThat(small.run().stdout()).startsWith("features 1000 409600");

        // Two fresh mappings written page by page; the second pass over the first adds nothing.
        assertThat(morePages.counter("pages_touched") - small.counter("pages_touched"))
                .as("%s\n%s", small.benchmark(), morePages.benchmark()).isEqualTo(2 * (MORE_PAGES - PAGES));
        assertThat(morePages.counter("bytes_mapped") - small.counter("bytes_mapped")).isEqualTo(2 * (MORE_PAGES - PAGES) * 4096);
        assertThat(small.counter("pages_touched")).isGreaterThan(2 * PAGES);

        assertThat(moreBytes.counter("bytes_written") - small.counter("bytes_written")).isEqualTo(MORE_BYTES - BYTES);
        assertThat(moreBytes.counter("bytes_read") - small.counter("bytes_read")).isEqualTo(MORE_BYTES - BYTES);
        assertThat(moreBytes.counter("pages_touched")).as("reads into the same buffer touch nothing new")
                .isEqualTo(small.counter("pages_touched"));
        // 100 more writes and 100 more reads: file calls; nothing else changes class.
        assertThat(moreBytes.counter("syscalls_file") - small.counter("syscalls_file")).isEqualTo(200);
        for (String c : List.of("syscalls_cheap", "syscalls_memory", "syscalls_process", "syscalls_blocking")) {
            assertThat(moreBytes.counter(c)).as(c).isEqualTo(small.counter(c));
        }
        assertThat(small.counter("syscalls_process")).as("fork, the child's exit_group, the parent's")
                .isGreaterThanOrEqualTo(3);
        assertThat(small.counter("syscalls_blocking")).as("wait4").isGreaterThanOrEqualTo(1);
        long byClass = 0;
        for (String c : List.of("syscalls_cheap", "syscalls_file", "syscalls_memory", "syscalls_process", "syscalls_blocking")) {
            byClass += small.counter(c);
        }
        assertThat(byClass).isEqualTo(small.counter("syscalls"));

        // Identical on a second run.
        Counted again = valgrind(PAGES, BYTES);
        assertThat(again.benchmark().path("counters")).isEqualTo(small.benchmark().path("counters"));
    }

    /**
     * vbcount's simulated predictor keeps a global history of branch outcomes (gshare): a branch
     * that follows a period of three is learnt (one 2-bit counter per branch would miss a third of
     * its runs), and a random one is missed about half the time, as by any predictor. Differences
     * between two sizes cancel start-up.
     */
    @Test
    void thePredictorLearnsPatternsAndMissesRandomBranches() {
        List<String> counter = List.of("--counter", "valgrind", "--model", SIMULATING_MODEL.toString());
        long steps = 100_000;
        java.util.Map<String, Double> missedPerStep = new java.util.HashMap<>();
        for (String mode : List.of("pattern", "random")) {
            Counted small = Counted.run(counter, List.of(Guests.path("branches"), mode, Long.toString(steps)));
            Counted large = Counted.run(counter, List.of(Guests.path("branches"), mode, Long.toString(2 * steps)));
            missedPerStep.put(mode, (large.counter("branch_mispredicts") - small.counter("branch_mispredicts")) / (double) steps);
            Counted again = Counted.run(counter, List.of(Guests.path("branches"), mode, Long.toString(steps)));
            assertThat(again.counter("branch_mispredicts")).isEqualTo(small.counter("branch_mispredicts"));
        }
        assertThat(missedPerStep.get("pattern")).as("period three, learnt").isLessThan(0.02);
        assertThat(missedPerStep.get("random")).as("random, half missed").isBetween(0.4, 0.6);
    }

    /**
     * Issue slots (vbcount's vb_slots.c) price a loop by the dependency chain it carries, not by
     * its instructions: a step of slots.c's "chain" waits for an addition and a square root (3 + 15
     * cycles of the fixed latencies, 72 slots or more) in 7 instructions; a step of "independent"
     * carries one-cycle chains through four registers, so a 4-wide core issues its 9 instructions at
     * full width and the slots equal the instructions. Differences between two sizes cancel start-up.
     */
    @Test
    void issueSlotsCountTheChainsALoopCarries() {
        List<String> counter = List.of("--counter", "valgrind");
        for (String mode : List.of("chain", "independent")) {
            Counted small = Counted.run(counter, List.of(Guests.path("slots"), mode, "100000"));
            Counted large = Counted.run(counter, List.of(Guests.path("slots"), mode, "200000"));
            long steps = 100_000;
            double instructionsPerStep = (large.counter("instructions") - small.counter("instructions")) / (double) steps;
            double slotsPerStep = (large.counter("issue_slots") - small.counter("issue_slots")) / (double) steps;
            if (mode.equals("chain")) {
                assertThat(instructionsPerStep).as("instructions per step").isLessThan(10);
                assertThat(slotsPerStep).as("slots per step: 4 x (add + sqrt)").isGreaterThanOrEqualTo(72);
            } else {
                assertThat(slotsPerStep).as("slots per step").isEqualTo(instructionsPerStep);
            }
            Counted again = Counted.run(counter, List.of(Guests.path("slots"), mode, "100000"));
            assertThat(again.counter("issue_slots")).isEqualTo(small.counter("issue_slots"));
        }
    }

    @Test
    void withoutValgrindBytesAndPagesAreNotMeasuredButClassesAre() {
        Counted none = Counted.run(Vbench.NO_COUNTER, List.of(Guests.path("features"), "10", "4096"));
        assertThat(none.benchmark().path("counters").has("pages_touched")).isFalse();
        assertThat(none.benchmark().path("counters").has("bytes_read")).isFalse();
        assertThat(none.counter("syscalls_file")).isPositive();
        assertThat(none.counter("sleep_ns")).isZero();
    }

    /**
     * vbcount's cache and branch simulations cost 1.3x more: a run counts their counts only when its
     * model prices them (here the every-feature model in docs/models), and the other counts do not
     * move.
     */
    @Test
    void simulatedCountsAreTakenOnlyForAModelThatPricesThem() {
        java.nio.file.Path model = SIMULATING_MODEL;
        List<String> guest = List.of(Guests.path("features"), "100", "4096");
        Counted plain = Counted.run(SHIPPED_MODEL, guest);
        Counted pages = Counted.run(PAGES_MODEL, guest);
        Counted priced = Counted.run(List.of("--counter", "valgrind", "--model", model.toString()), guest);
        for (String simulated : List.of("cache_misses", "cache_mid_misses", "cache_lines_streamed", "branch_mispredicts")) {
            assertThat(plain.benchmark().path("counters").has(simulated)).as("not measured: " + simulated).isFalse();
            assertThat(pages.benchmark().path("counters").has(simulated)).as("not measured: " + simulated).isFalse();
            assertThat(priced.counter(simulated)).as(simulated).isPositive();
        }
        assertThat(plain.benchmark().path("counters").has("pages_touched")).as("stores unchecked").isFalse();
        assertThat(priced.counter("pages_touched")).isEqualTo(pages.counter("pages_touched")).isPositive();
        assertThat(plain.benchmark().path("calibrated_time_ns").asLong()).isPositive();
        for (String c : List.of("instructions", "branches_conditional", "bytes_written", "bytes_mapped", "syscalls")) {
            assertThat(priced.counter(c)).as(c).isEqualTo(plain.counter(c)).isEqualTo(pages.counter(c));
        }
        assertThat(priced.benchmark().path("calibrated_time_ns").asLong()).isPositive();
        assertThat(priced.benchmark().path("calibrated_model").asText()).startsWith("cal-valgrind-");
    }

}
