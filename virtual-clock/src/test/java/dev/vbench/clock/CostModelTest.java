package dev.vbench.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CostModelTest {

    @Test
    void defaultIsHermitsModel() {
        CostModel m = CostModel.DEFAULT;
        assertThat(m.name()).isEqualTo("default");
        assertThat(m.nanosPer(Counts.SYSCALLS)).isEqualTo(10_000);
        assertThat(m.nanosPer(Counts.BRANCHES_CONDITIONAL)).isEqualTo(10);
        assertThat(m.nanosPer(Counts.TRAPS)).isEqualTo(25);
        assertThat(m.nanosPer(Counts.INSTRUCTIONS)).as("instructions are free").isZero();
        assertThat(m.nanosPer(Counts.BRANCHES_INDIRECT)).isZero();
    }

    @Test
    void aCountTheModelDoesNotNameCostsNothing() {
        assertThat(CostModel.DEFAULT.nanosPer("page-faults")).isZero();
        assertThat(CostModel.DEFAULT.nanosPer("branches")).as("the generic all-branches event is another count").isZero();
    }

    @Test
    void zeroCoefficientsAreAllowed() {
        assertThat(new CostModel("zero", Map.of(Counts.SYSCALLS, 0.0)).nanosPer(Counts.SYSCALLS)).isZero();
    }

    @Test
    void everyNegativeCoefficientIsRejectedNamingTheCount() {
        assertThatThrownBy(() -> new CostModel("bad", Map.of(Counts.SYSCALLS, -1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cost model bad prices syscalls at a negative or non-finite -1.0 ns");
        assertThatThrownBy(() -> new CostModel("bad", Map.of(Counts.SYSCALLS, 1.0, Counts.TRAPS, -0.001)))
                .hasMessageContaining("prices traps");
    }

    @Test
    void nonFiniteCoefficientsAreRejected() {
        assertThatThrownBy(() -> new CostModel("nan", Map.of(Counts.SYSCALLS, Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CostModel("inf", Map.of(Counts.INSTRUCTIONS, Double.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
