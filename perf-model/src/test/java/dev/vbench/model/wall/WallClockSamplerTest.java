package dev.vbench.model.wall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vbench.model.corpus.CorpusPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Structure of the measurements on real tiny commands; never how fast the machine is. */
class WallClockSamplerTest {
    @TempDir
    static Path dir;
    static Path loop;

    @BeforeAll
    static void compileLoop() throws Exception {
        Path source = dir.resolve("loop.c");
        Files.writeString(source, """
                #include <stdio.h>
                #include <stdlib.h>
                int main(int argc, char **argv) {
                    long n = argc > 1 ? atol(argv[1]) : 1000000, s = 0;
                    for (long i = 0; i < n; i++) s += i ^ (s >> 3);
                    printf("%ld\\n", s);
                    return 0;
                }
                """);
        loop = dir.resolve("loop");
        Process gcc = new ProcessBuilder("gcc", "-O2", "-o", loop.toString(), source.toString()).inheritIO().start();
        assertThat(gcc.waitFor()).isZero();
    }

    private static List<CorpusPoint> points() {
        return List.of(
                new CorpusPoint("true", 1, List.of("/bin/true")),
                new CorpusPoint("sleep", 10, List.of("sleep", "0.01")),
                new CorpusPoint("loop", 1000000, List.of(loop.toString(), "1000000")));
    }

    @Test
    void recordsEveryRunAndOneMedianPerRound() throws Exception {
        List<WallClockSampler.Run> runs = new ArrayList<>();
        WallClockSampler sampler = new WallClockSampler(new WallClockSampler.Settings(2, 4, 3, Duration.ofSeconds(30), 42), runs::add);
        List<WallSample> samples = sampler.measure(points());

        assertThat(samples).hasSize(3);
        for (WallSample s : samples) {
            assertThat(s.runs()).isEqualTo(4 * 3);
            assertThat(s.roundMedians()).hasSize(4);
            assertThat(java.util.Arrays.stream(s.roundMedians()).min().orElseThrow()).isPositive();
            assertThat(s.p10Nanos()).isLessThanOrEqualTo(s.medianNanos());
            assertThat(s.medianNanos()).isLessThanOrEqualTo(s.p90Nanos());
        }
        // sleep 0.01 cannot finish in less than 10 ms: the clock measures real time, in nanoseconds.
        assertThat(samples.get(1).histogram().getMinValue()).isGreaterThanOrEqualTo(10_000_000L);

        // Warm-ups first (2 per point, in point order), then 4 rounds of 9 runs, each holding every point 3 times.
        assertThat(runs).hasSize(2 * 3 + 4 * 3 * 3);
        assertThat(runs.subList(0, 6)).allMatch(WallClockSampler.Run::warmup)
                .extracting(WallClockSampler.Run::pointIndex).containsExactly(0, 1, 2, 0, 1, 2);
        for (int round = 0; round < 4; round++) {
            List<WallClockSampler.Run> inRound = runs.subList(6 + round * 9, 6 + (round + 1) * 9);
            int r = round;
            assertThat(inRound).allMatch(run -> run.round() == r);
            assertThat(inRound).extracting(WallClockSampler.Run::pointIndex).containsExactlyInAnyOrder(0, 0, 0, 1, 1, 1, 2, 2, 2);
        }
    }

    @Test
    void theOrderIsShuffledEachRoundAndReproducibleFromTheSeed() throws Exception {
        List<Integer> first = order(7), again = order(7), other = order(8);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        // Not the same order every round (4 rounds of 6 runs each).
        List<List<Integer>> rounds = List.of(first.subList(0, 6), first.subList(6, 12), first.subList(12, 18), first.subList(18, 24));
        assertThat(rounds.stream().distinct().count()).isGreaterThan(1);
    }

    private static List<Integer> order(long seed) throws Exception {
        List<Integer> order = new ArrayList<>();
        List<CorpusPoint> trues = List.of(new CorpusPoint("t", 1, List.of("/bin/true")),
                new CorpusPoint("t", 2, List.of("/bin/true")), new CorpusPoint("t", 3, List.of("/bin/true")));
        new WallClockSampler(new WallClockSampler.Settings(0, 4, 2, Duration.ofSeconds(30), seed),
                run -> order.add(run.pointIndex())).measure(trues);
        return order;
    }

    @Test
    void aFailingCommandIsAnErrorNamingThePoint() {
        WallClockSampler sampler = new WallClockSampler(new WallClockSampler.Settings(0, 1, 1, Duration.ofSeconds(30), 0));
        assertThatThrownBy(() -> sampler.measure(List.of(new CorpusPoint("false", 3, List.of("/bin/false")))))
                .isInstanceOf(WallClockException.class).hasMessageContaining("false/3").hasMessageContaining("status 1");
        assertThatThrownBy(() -> sampler.measure(List.of(new CorpusPoint("missing", 1, List.of(dir.resolve("no-such-program").toString())))))
                .isInstanceOf(WallClockException.class).hasMessageContaining("cannot start");
    }

    @Test
    void aRunOverItsTimeoutIsKilled() throws Exception {
        Path marker = dir.resolve("child-survived");
        // The child would create the marker after 2 s unless it is killed with its parent.
        List<String> argv = List.of("/bin/sh", "-c", "(sleep 2; touch " + marker + ") & wait");
        WallClockSampler sampler = new WallClockSampler(new WallClockSampler.Settings(0, 1, 1, Duration.ofMillis(300), 0));
        assertThatThrownBy(() -> sampler.measure(List.of(new CorpusPoint("slow", 1, argv))))
                .isInstanceOf(WallClockException.class).hasMessageContaining("did not finish within");
        Thread.sleep(2500);
        assertThat(marker).doesNotExist();
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new WallClockSampler.Settings(0, 0, 1, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WallClockSampler.Settings(0, 1, 1, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
