package dev.vbench.reports.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdAndMetricTest {
    @Test
    void aPercentageAndABareFractionMeanTheSame() {
        assertThat(Threshold.parse("0.2%")).isEqualTo(Threshold.parse("0.002")).isEqualTo(Threshold.DEFAULT);
        assertThat(Threshold.parse(" 5 % ").toString()).isEqualTo("5%");
        assertThat(Threshold.parse("0").toString()).isEqualTo("0%");
        assertThat(Threshold.parse("0.05").toString()).isEqualTo("5%");
    }

    @Test
    void refusesWhatIsProbablyAMistake() {
        assertThatThrownBy(() -> Threshold.parse("1")).hasMessageContaining("would be 100%")
                .hasMessageContaining("write 1% if you meant a percentage");
        assertThatThrownBy(() -> Threshold.parse("-1%")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Threshold.parse("lots")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Threshold.ofPercent(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exceededIsStrictAndExact() {
        Threshold t = Threshold.parse("0.1%");
        assertThat(t.exceeded(3_000_000_000_000L, 3_000_000_000L)).isFalse();
        assertThat(t.exceeded(3_000_000_000_000L, 3_000_000_001L)).isTrue();
        assertThat(t.exceeded(3_000_000_000_000L, -3_000_000_001L)).isTrue();
        assertThat(Threshold.parse("0%").exceeded(10, 0)).isFalse();
        assertThat(Threshold.parse("0%").exceeded(10, 1)).isTrue();
    }

    @Test
    void metrics() {
        Benchmark b = Benchmark.builder("b").virtualTimeNs(7).calibratedTimeNs(9L)
                .counters(Counters.of(Map.of("instructions", 11L, "tracepoint:raw_syscalls:sys_enter", 13L))).build();
        assertThat(Metric.parse("virtual_time").valueOf(b)).isEqualTo(7);
        assertThat(Metric.parse("VIRTUAL_TIME_NS")).isSameAs(Metric.VIRTUAL_TIME);
        assertThat(Metric.parse("calibrated_time").valueOf(b)).isEqualTo(9);
        assertThat(Metric.parse("instructions").valueOf(b)).isEqualTo(11);
        assertThat(Metric.parse("tracepoint:raw_syscalls:sys_enter").valueOf(b)).isEqualTo(13);
        assertThat(Metric.parse("branches_conditional").valueOf(b)).isNull();
        assertThat(Metric.parse("instructions").unit()).isEqualTo("count");
        assertThat(Metric.VIRTUAL_TIME.unit()).isEqualTo("ns");
        assertThatThrownBy(() -> Metric.parse("a b")).hasMessageContaining("not a metric");
    }
}
