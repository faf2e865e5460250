package dev.vbench.clock.valgrind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * vbcount's simulations are off unless a priced count needs them; the options that turn them on, and
 * attribution's, go between Valgrind's options and the guest, and say which counts were not measured.
 */
class ToolOptionsTest {
    private static final List<String> GUEST = List.of("./qs", "--vbcount-mem=all"); // the guest's own argument
    private static final List<String> LAUNCHED = List.of("valgrind", "-q", "--tool=vbcount", "--vbcount-mem=no",
            "--vbcount-branch-sim=no", "./qs", "--vbcount-mem=all");

    @Test
    void byDefaultEverySimulatedCountIsUnmeasuredWhateverTheGuestsArgumentsSay() {
        assertThat(ValgrindCounter.unsimulated(LAUNCHED, GUEST)).containsExactlyInAnyOrder("pages_touched",
                "cache_misses", "cache_mid_misses", "cache_lines_streamed", "branch_mispredicts");
    }

    @Test
    void aCountThatNeedsASimulationTurnsOnThatOneOnly() {
        List<String> cache = ValgrindCounter.simulating(LAUNCHED, GUEST, List.of("instructions", "cache_misses"));
        assertThat(cache).containsSubsequence("--vbcount-branch-sim=no", "--vbcount-mem=all", "./qs")
                .endsWith("./qs", "--vbcount-mem=all");
        assertThat(ValgrindCounter.unsimulated(cache, GUEST))
                .containsExactly("branch_mispredicts");
        List<String> both = ValgrindCounter.simulating(cache, GUEST, List.of("branch_mispredicts"));
        assertThat(ValgrindCounter.unsimulated(both, GUEST)).isEmpty();
        List<String> pages = ValgrindCounter.simulating(LAUNCHED, GUEST, List.of("instructions", "pages_touched"));
        assertThat(pages).containsSubsequence("--vbcount-branch-sim=no", "--vbcount-mem=stores", "./qs");
        assertThat(ValgrindCounter.unsimulated(pages, GUEST)).containsExactlyInAnyOrder(
                "cache_misses", "cache_mid_misses", "cache_lines_streamed", "branch_mispredicts");
        assertThat(ValgrindCounter.simulating(LAUNCHED, GUEST, List.of("instructions", "bytes_read")))
                .isEqualTo(LAUNCHED);
    }

    @Test
    void attributionKeepsTheSimulationsAndGoesBeforeTheGuest() {
        List<String> cache = ValgrindCounter.simulating(LAUNCHED, GUEST, List.of("cache_misses"));
        List<String> attributed = ValgrindCounter.attributing(cache, GUEST, Path.of("/tmp/p"));
        assertThat(attributed).containsSubsequence("--vbcount-mem=all", "--vbcount-attr=/tmp/p/vbcount-attr.%p", "./qs");
        assertThat(attributed.subList(attributed.size() - 2, attributed.size())).isEqualTo(GUEST);
    }

    @Test
    void aCommandThatDoesNotEndWithTheGuestIsRefused() {
        assertThatThrownBy(() -> ValgrindCounter.simulating(LAUNCHED, List.of("./other"), List.of("cache_misses")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherCountersCommandHasNothingUnmeasured() {
        assertThat(ValgrindCounter.unsimulated(List.of("./qs"), List.of("./qs"))).isEmpty();
    }

    @Test
    void theCountsTakenOnRequestAreExactlyThoseADefaultRunLeavesOff() {
        assertThat(ValgrindCounter.unsimulated(LAUNCHED, GUEST)).isEqualTo(dev.vbench.clock.Counts.ON_REQUEST);
    }
}
