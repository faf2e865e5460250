package dev.vbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureSetTest {

    @Test
    void aMissingCountIsZeroAndExtraCountsAreIgnored() {
        FeatureSet f = FeatureSet.of("instructions", "syscalls", "threads");
        assertThat(f.vector(Map.of("syscalls", 7L, "bytes_read", 99L))).containsExactly(0, 7, 0);
    }

    @Test
    void namesMustBeDistinctAndNonBlank() {
        assertThatThrownBy(() -> FeatureSet.of("a", "a")).hasMessageContaining("twice");
        assertThatThrownBy(() -> FeatureSet.of(" ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> new FeatureSet(List.of())).hasMessageContaining("at least one");
    }

    @Test
    void theDefaultUsesEngineNames() {
        assertThat(FeatureSet.DEFAULT.names()).contains(FeatureNames.ISSUE_SLOTS, FeatureNames.SYSCALLS_FILE,
                FeatureNames.PAGES_TOUCHED, FeatureNames.CACHE_MISSES, FeatureNames.PROCESSES)
                // Process-class calls are priced by the processes and threads they create; issue slots
                // are made of instructions and divisions, which would count twice.
                .doesNotContain(FeatureNames.SYSCALLS_PROCESS, FeatureNames.INSTRUCTIONS, FeatureNames.LONG_LATENCY_OPS);
    }

    @Test
    void theDefaultPricesSystemCallsByClassNotTheirTotalAndDoesNotFitSleep() {
        assertThat(FeatureSet.DEFAULT.names()).doesNotContain(FeatureNames.SYSCALLS, FeatureNames.SLEEP_NS);
        assertThat(FeatureSet.FIXED).containsEntry(FeatureNames.SLEEP_NS, 1.0);
    }

    @Test
    void priceSumsCostTimesCountOverTheModelsFeatures() {
        CalibratedModel model = new CalibratedModel("m", Instant.EPOCH, "h", "valgrind",
                List.of(new CalibratedModel.Coefficient("instructions", 0.5, 0.01),
                        new CalibratedModel.Coefficient("syscalls", 1000, 10)),
                new CalibratedModel.FitSummary("nnls", "relative", 10, 3, 0.9, 0.88, 5, 20, 2), List.of());
        assertThat(model.price(Map.of("instructions", 1_000_001L, "syscalls", 3L, "threads", 1000L))).isEqualTo(503_001);
        assertThat(model.price(Map.of())).isZero();
        assertThatThrownBy(() -> new CalibratedModel.Coefficient("x", -1, 0)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new CalibratedModel.Coefficient("x", Double.NaN, 0)).hasMessageContaining(">= 0");
    }
}
