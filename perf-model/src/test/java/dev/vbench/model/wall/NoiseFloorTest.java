package dev.vbench.model.wall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseFloorTest {

    @Test
    void oneRoundAgainstTheMedianOfTheOthers() {
        // Round 0: others {110, 90}, median 100 -> 0%.  Round 1: others {100, 90}, median 95 -> 15/95.
        // Round 2: others {100, 110}, median 105 -> 15/105. Median of the three: 15/105.
        assertThat(NoiseFloor.pointDeviationPercent(new double[] {100, 110, 90}))
                .isCloseTo(100.0 * 15 / 105, within(1e-12));
    }

    @Test
    void medianOverPoints() {
        double floor = NoiseFloor.percent(List.of(
                new double[] {100, 110, 90},          // 14.2857%
                new double[] {1000, 1000, 1000, 1000}, // 0%
                new double[] {50, 100},               // round 0 vs 100: 50%; round 1 vs 50: 100%; median 75%
                new double[] {7}));                   // one round: no information, skipped
        assertThat(floor).isCloseTo(100.0 * 15 / 105, within(1e-12));
    }

    @Test
    void identicalRoundsHaveNoNoise() {
        assertThat(NoiseFloor.percent(List.of(new double[] {5, 5, 5}, new double[] {9, 9}))).isZero();
    }

    @Test
    void needsTwoRoundsSomewhere() {
        assertThatThrownBy(() -> NoiseFloor.percent(List.of(new double[] {1}, new double[] {2})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two rounds");
    }
}
