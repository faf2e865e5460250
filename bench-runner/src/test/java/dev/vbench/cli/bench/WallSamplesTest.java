package dev.vbench.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vbench.reports.model.WallTime;
import org.junit.jupiter.api.Test;

class WallSamplesTest {
    @Test
    void percentilesComeFromTheHistogramAndMinMaxAreExact() {
        WallSamples s = new WallSamples();
        for (long ms = 100; ms >= 1; ms--) {
            s.add(ms * 1_000_000L + 7); // 1..100 ms, recorded out of order
        }
        WallTime w = s.summary();
        assertThat(w.runs()).isEqualTo(100);
        assertThat(w.min()).isEqualTo(1_000_007L);
        assertThat(w.max()).isEqualTo(100_000_007L);
        // Three significant digits: within 0.1% of the true order statistic.
        assertThat((double) w.median()).isCloseTo(50e6, within(50e6 * 0.002));
        assertThat((double) w.p25()).isCloseTo(25e6, within(25e6 * 0.002));
        assertThat((double) w.p75()).isCloseTo(75e6, within(75e6 * 0.002));
        assertThat((double) w.p90()).isCloseTo(90e6, within(90e6 * 0.002));
        assertThat((double) w.p99()).isCloseTo(99e6, within(99e6 * 0.002));
        assertThat(w.p25()).isLessThanOrEqualTo(w.median());
        assertThat(w.p99()).isLessThanOrEqualTo(w.max());
    }

    @Test
    void oneSampleIsEveryPercentileAndNoneIsNoSummary() {
        assertThat(new WallSamples().summary()).isNull();
        WallSamples s = new WallSamples();
        s.add(123_456_789L);
        WallTime w = s.summary();
        assertThat(w.min()).isEqualTo(123_456_789L);
        assertThat(w.max()).isEqualTo(123_456_789L);
        assertThat(w.median()).isEqualTo(123_456_789L); // clamped into [min, max]
        assertThat(w.p99()).isEqualTo(123_456_789L);
    }
}
