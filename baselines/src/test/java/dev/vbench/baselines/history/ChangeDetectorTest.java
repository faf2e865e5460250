package dev.vbench.baselines.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.reports.model.Fingerprint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {
    private static Series series(Metric metric, long[] values, boolean[] deterministic, Fingerprint[] fp) {
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new SeriesPoint(i + 1, "c" + i, "main", Instant.ofEpochSecond(i), values[i],
                    deterministic == null || deterministic[i], fp == null ? null : fp[i]));
        }
        return new Series("b", metric, "main", points);
    }

    @Test
    void anExactSeriesChangesWhereverItsValueDoes() {
        Series s = series(Metric.VIRTUAL_TIME, new long[] {100, 100, 101, 101, 0, 0, 50}, null, null);
        List<ChangePoint> changes = new ChangeDetector().detect(s);
        assertThat(changes).extracting(ChangePoint::index).containsExactly(2, 4, 6);
        assertThat(changes).extracting(ChangePoint::commit).containsExactly("c2", "c4", "c6");
        assertThat(changes.get(0).percent()).isEqualTo(1.0);
        assertThat(changes.get(1).percent()).isEqualTo(-100.0);
        assertThat(changes.get(2).percent()).as("from 0 there is no percentage").isNaN();
        assertThat(changes).allMatch(c -> c.method() == ChangePoint.Method.EXACT && Double.isNaN(c.pValue()));
    }

    @Test
    void oneInstructionInABillionIsAChange() {
        Series s = series(Metric.named("instructions"), new long[] {1_000_000_000L, 1_000_000_000L, 1_000_000_001L}, null, null);
        List<ChangePoint> changes = new ChangeDetector().detect(s);
        assertThat(changes).singleElement().extracting(ChangePoint::index).isEqualTo(2);
        assertThat(Formats.percent(changes.get(0).percent())).isEqualTo("+1.00e-07%");
    }

    @Test
    void aNondeterministicPointMakesAnExactMetricNoisy() {
        long[] v = new long[30];
        boolean[] det = new boolean[30];
        Random r = new Random(4);
        for (int i = 0; i < v.length; i++) {
            v[i] = 1_000_000 + r.nextInt(1000);
            det[i] = i != 7;
        }
        Series s = series(Metric.VIRTUAL_TIME, v, det, null);
        assertThat(s.exact()).isFalse();
        assertThat(new ChangeDetector().detect(s)).as("noise, tested statistically").isEmpty();
        assertThat(ChangeDetector.exact(s)).as("the exact method would call every point a change").hasSize(29);
    }

    @Test
    void noisySeriesReportSegmentMeansAndOnlyTheRecentWindowIsAnalysed() {
        long[] v = new long[40];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i < 5 ? 500 : i < 30 ? 1000 : 1100) + (i % 2 == 0 ? 5 : -5);
        }
        Series s = series(Metric.WALL_MEDIAN, v, null, null);
        List<ChangePoint> all = new ChangeDetector().detect(s);
        assertThat(all).extracting(ChangePoint::index).containsExactly(5, 30);
        assertThat(all.get(1).before()).as("mean of [5, 30): 13 x 995, 12 x 1005").isEqualTo(999.8);
        assertThat(all.get(1).after()).as("mean of [30, 40)").isEqualTo(1100.0);
        assertThat(all.get(1).percent()).isCloseTo(100 * (1100 - 999.8) / 999.8, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(all.get(1).pValue()).isLessThanOrEqualTo(0.01);
        List<ChangePoint> recent = new ChangeDetector(EDivisive.Config.DEFAULT, 20).detect(s);
        assertThat(recent).extracting(ChangePoint::index).containsExactly(30);
        assertThat(recent.get(0).commit()).isEqualTo("c30");
    }

    @Test
    void aChangeThatComesWithAnotherFingerprintIsMarked() {
        Fingerprint a = new Fingerprint("valgrind", "3.19", null, null, null, null);
        Fingerprint b = new Fingerprint("valgrind", "3.22", null, null, null, null);
        Series s = series(Metric.VIRTUAL_TIME, new long[] {1, 2, 3}, null, new Fingerprint[] {a, b, b});
        assertThat(new ChangeDetector().detect(s)).extracting(ChangePoint::platformChanged).containsExactly(true, false);
    }
}
