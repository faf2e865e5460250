package dev.vbench.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CostModelTest {

    @Test
    void defaultIsHermitsModel() {
        CostModel m = CostModel.DEFAULT;
        assertThat(m.name()).isEqualTo("default");
        assertThat(m.nanos(1, 0, 0, 0)).isEqualTo(10_000);
        assertThat(m.nanos(0, 1, 0, 0)).isEqualTo(10);
        assertThat(m.nanos(0, 0, 1_000_000, 0)).as("instructions are free").isZero();
        assertThat(m.nanos(0, 0, 0, 1)).isEqualTo(25);
        assertThat(m.nanos(3, 7, 100, 2)).isEqualTo(30_000 + 70 + 50);
        assertThat(m.nanos(0, 0, 0, 0)).isZero();
    }

    @Test
    void fractionalCostsRoundDown() {
        CostModel m = new CostModel("fit", 0.5, 0.25, 0.3, 1.9);
        assertThat(m.nanos(1, 0, 0, 0)).isZero();
        assertThat(m.nanos(3, 0, 0, 0)).isEqualTo(1);
        assertThat(m.nanos(0, 4, 0, 0)).isEqualTo(1);
        assertThat(m.nanos(0, 0, 10, 0)).isEqualTo(3);
        assertThat(m.nanos(0, 0, 0, 1)).isEqualTo(1);
        assertThat(m.nanos(1, 1, 1, 1)).isEqualTo(2); // 0.5 + 0.25 + 0.3 + 1.9 = 2.95
    }

    @Test
    void largeCountsDoNotOverflow() {
        assertThat(CostModel.DEFAULT.nanos(0, 100_000_000_000L, 0, 0)).isEqualTo(1_000_000_000_000L);
    }

    @Test
    void zeroCoefficientsAreAllowed() {
        assertThat(new CostModel("zero", 0, 0, 0, 0).nanos(5, 5, 5, 5)).isZero();
    }

    @Test
    void everyNegativeCoefficientIsRejected() {
        String message = "cost model bad has a negative or non-finite coefficient";
        assertThatThrownBy(() -> new CostModel("bad", -1, 10, 0, 25))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThatThrownBy(() -> new CostModel("bad", 10, -0.001, 0, 25)).hasMessage(message);
        assertThatThrownBy(() -> new CostModel("bad", 10, 10, -5, 25)).hasMessage(message);
        assertThatThrownBy(() -> new CostModel("bad", 10, 10, 0, -25)).hasMessage(message);
    }

    @Test
    void nonFiniteCoefficientsAreRejected() {
        assertThatThrownBy(() -> new CostModel("nan", Double.NaN, 10, 0, 25))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CostModel("inf", 10, Double.POSITIVE_INFINITY, 0, 25))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
