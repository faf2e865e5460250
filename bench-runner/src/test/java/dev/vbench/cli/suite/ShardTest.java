package dev.vbench.cli.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {
    @Test
    void shardsDealRoundRobinAndCoverEveryBenchmarkOnce() {
        List<Integer> all = IntStream.range(0, 10).boxed().toList();
        assertThat(Shard.parse("1/3").select(all)).containsExactly(0, 3, 6, 9);
        assertThat(Shard.parse("2/3").select(all)).containsExactly(1, 4, 7);
        assertThat(Shard.parse("3/3").select(all)).containsExactly(2, 5, 8);
        List<Integer> union = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            union.addAll(new Shard(k, 4).select(all));
        }
        assertThat(union).containsExactlyInAnyOrderElementsOf(all);
        assertThat(Shard.parse("1/1").select(all)).isEqualTo(all);
        assertThat(Shard.parse("5/5").select(List.of(1, 2))).isEmpty();
    }

    @Test
    void badShardsAreRefused() {
        assertThatThrownBy(() -> Shard.parse("0/2")).hasMessageContaining("1 <= K <= N, not 0/2");
        assertThatThrownBy(() -> Shard.parse("3/2")).hasMessageContaining("1 <= K <= N, not 3/2");
        assertThatThrownBy(() -> Shard.parse("1-2")).hasMessageContaining("--shard takes K/N");
        assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageContaining("--shard takes K/N");
        assertThat(Shard.parse(" 2/4 ").toString()).isEqualTo("2/4");
    }
}
