package dev.vbench.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LongMapTest {
    @Test
    void behavesAsAHashMapThroughGrowthAndRemovalsThatShiftCollidingKeysBack() {
        LongMap<String> map = new LongMap<>();
        Map<Long, String> model = new HashMap<>();
        SplitMix64 random = new SplitMix64(7);
        for (int step = 0; step < 300_000; step++) {
            // futex-like keys: a process in the high bits, addresses 4 apart, few enough to collide often
            long key = ((long) (1000 + (random.nextLong() & 1)) << 48) ^ (4 * ((random.nextLong() >>> 1) % 400));
            switch ((int) ((random.nextLong() >>> 1) % 3)) {
                case 0 -> {
                    map.put(key, "v" + step);
                    model.put(key, "v" + step);
                }
                case 1 -> assertThat(map.remove(key)).isEqualTo(model.remove(key));
                default -> assertThat(map.get(key)).isEqualTo(model.get(key));
            }
            assertThat(map.size()).isEqualTo(model.size());
        }
        model.forEach((k, v) -> assertThat(map.get(k)).isEqualTo(v));
    }

    @Test
    void extremeKeysAreKeysLikeAnyOther() {
        LongMap<String> map = new LongMap<>();
        map.put(Long.MIN_VALUE, "min");
        map.put(0, "zero");
        map.put(-1, "minus one");
        assertThat(map.get(Long.MIN_VALUE)).isEqualTo("min");
        assertThat(map.get(0)).isEqualTo("zero");
        assertThat(map.remove(-1)).isEqualTo("minus one");
        assertThat(map.get(-1)).isNull();
        assertThat(map.size()).isEqualTo(2);
    }
}
