package dev.vbench.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntMapTest {

    /** The map's own hash, written out here so the test can build keys that collide. */
    private static int slot(int key, int capacity) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & (capacity - 1);
    }

    private static int capacity(IntMap<?> map) throws ReflectiveOperationException {
        Field keys = IntMap.class.getDeclaredField("keys");
        keys.setAccessible(true);
        return ((int[]) keys.get(map)).length;
    }

    /** Keys, starting from {@code from}, that all hash to the same slot of a table of {@code capacity}. */
    private static int[] colliding(int count, int capacity, int from) {
        int[] out = new int[count];
        int target = slot(from, capacity);
        int n = 0;
        for (int k = from; n < count; k++) {
            if (slot(k, capacity) == target) {
                out[n++] = k;
            }
        }
        return out;
    }

    @Test
    void emptyMapHasNothing() {
        IntMap<String> map = new IntMap<>();
        assertThat(map.size()).isZero();
        assertThat(map.isEmpty()).isTrue();
        assertThat(map.get(0)).isNull();
        assertThat(map.get(-1)).isNull();
        assertThat(map.remove(7)).isNull();
        assertThat(map.values()).isEmpty();
    }

    @Test
    void putGetOverwriteAndRemove() {
        IntMap<String> map = new IntMap<>();
        map.put(42, "a");
        map.put(-42, "b");
        map.put(0, "zero");
        assertThat(map.get(42)).isEqualTo("a");
        assertThat(map.get(-42)).isEqualTo("b");
        assertThat(map.get(0)).isEqualTo("zero");
        assertThat(map.size()).isEqualTo(3);

        map.put(42, "a2");
        assertThat(map.get(42)).isEqualTo("a2");
        assertThat(map.size()).isEqualTo(3);

        assertThat(map.remove(42)).isEqualTo("a2");
        assertThat(map.get(42)).isNull();
        assertThat(map.remove(42)).isNull();
        assertThat(map.size()).isEqualTo(2);
        assertThat(map.isEmpty()).isFalse();
        assertThat(map.values()).containsExactlyInAnyOrder("b", "zero");
    }

    @Test
    void nullValuesAreStoredButReadAsAbsent() {
        IntMap<String> map = new IntMap<>();
        map.put(5, null);
        assertThat(map.size()).isEqualTo(1);
        assertThat(map.get(5)).isNull();
        assertThat(map.values()).containsExactly((String) null);
    }

    @Test
    void keysPastATombstoneInTheSameProbeChainAreStillFound() {
        IntMap<String> map = new IntMap<>(); // 16 slots
        int[] keys = colliding(4, 16, 1);
        for (int k : keys) {
            map.put(k, "v" + k);
        }
        assertThat(map.remove(keys[0])).isEqualTo("v" + keys[0]);
        assertThat(map.remove(keys[2])).isEqualTo("v" + keys[2]);
        assertThat(map.get(keys[1])).isEqualTo("v" + keys[1]);
        assertThat(map.get(keys[3])).isEqualTo("v" + keys[3]);
        assertThat(map.get(keys[0])).isNull();
        assertThat(map.get(keys[2])).isNull();
        assertThat(map.size()).isEqualTo(2);
    }

    @Test
    void updatingAKeyBehindATombstoneDoesNotDuplicateIt() {
        IntMap<String> map = new IntMap<>();
        int[] keys = colliding(2, 16, 100);
        map.put(keys[0], "first");
        map.put(keys[1], "second");
        map.remove(keys[0]);
        map.put(keys[1], "second'"); // must find the existing key, not take the tombstone
        assertThat(map.size()).isEqualTo(1);
        assertThat(map.values()).containsExactly("second'");
        map.remove(keys[1]);
        assertThat(map.get(keys[1])).isNull();
        assertThat(map.isEmpty()).isTrue();
        assertThat(map.values()).isEmpty();
    }

    @Test
    void aRemovedSlotIsReusedByTheNextNewKeyOfItsChain() throws Exception {
        IntMap<String> map = new IntMap<>();
        int[] keys = colliding(3, 16, 7);
        map.put(keys[0], "a");
        map.put(keys[1], "b");
        map.remove(keys[0]);
        map.put(keys[2], "c"); // takes keys[0]'s slot
        Field usedField = IntMap.class.getDeclaredField("used");
        usedField.setAccessible(true);
        assertThat(usedField.getInt(map)).as("slots ever taken from FREE").isEqualTo(2);
        assertThat(map.get(keys[1])).isEqualTo("b");
        assertThat(map.get(keys[2])).isEqualTo("c");
        assertThat(capacity(map)).isEqualTo(16);
    }

    @Test
    void churnOfShortLivedKeysDoesNotGrowTheTable() throws Exception {
        IntMap<Integer> map = new IntMap<>();
        map.put(-1, -1);
        for (int tid = 1; tid < 100_000; tid++) { // every tid is new: tombstones pile up, then get swept
            map.put(tid, tid);
            assertThat(map.remove(tid)).isEqualTo(tid);
        }
        assertThat(map.size()).isEqualTo(1);
        assertThat(map.get(-1)).isEqualTo(-1);
        assertThat(capacity(map)).isEqualTo(16);
    }

    @Test
    void growsAndKeepsEveryEntry() throws Exception {
        IntMap<Integer> map = new IntMap<>(4);
        assertThat(capacity(map)).as("rounded up to a power of two").isEqualTo(4);
        for (int i = -5000; i < 5000; i++) {
            map.put(i * 7919, i);
        }
        assertThat(map.size()).isEqualTo(10_000);
        for (int i = -5000; i < 5000; i++) {
            assertThat(map.get(i * 7919)).isEqualTo(i);
        }
        assertThat(map.values()).hasSize(10_000).doesNotHaveDuplicates();
        // load factor at most 1/2
        assertThat(capacity(map)).isGreaterThanOrEqualTo(2 * 10_000).isLessThanOrEqualTo(4 * 16384);
    }

    @Test
    void extremeAndNegativeKeys() {
        IntMap<String> map = new IntMap<>();
        int[] keys = {Integer.MAX_VALUE, Integer.MIN_VALUE + 2, -1, 0, 1, -2, 65536, -65536};
        for (int k : keys) {
            map.put(k, "k" + k);
        }
        for (int k : keys) {
            assertThat(map.get(k)).isEqualTo("k" + k);
        }
        assertThat(map.size()).isEqualTo(keys.length);
    }

    @Test
    void agreesWithHashMapOverARandomWorkload() {
        Random random = new Random(1234);
        IntMap<Integer> map = new IntMap<>(2);
        Map<Integer, Integer> reference = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            int key = random.nextInt(4000) - 2000;
            switch (random.nextInt(3)) {
                case 0 -> {
                    map.put(key, step);
                    reference.put(key, step);
                }
                case 1 -> assertThat(map.remove(key)).isEqualTo(reference.remove(key));
                default -> assertThat(map.get(key)).isEqualTo(reference.get(key));
            }
            if (step % 10_000 == 0) {
                assertThat(map.size()).isEqualTo(reference.size());
            }
        }
        assertThat(map.size()).isEqualTo(reference.size());
        assertThat(map.values()).containsExactlyInAnyOrderElementsOf(reference.values());
        for (int key = -2000; key < 2000; key++) {
            assertThat(map.get(key)).isEqualTo(reference.get(key));
        }
    }

    @Test
    void clearEmptiesTheMapAndItStaysUsable() {
        IntMap<String> map = new IntMap<>();
        for (int i = 0; i < 100; i++) {
            map.put(i, "v" + i);
        }
        map.clear();
        assertThat(map.size()).isZero();
        assertThat(map.isEmpty()).isTrue();
        assertThat(map.values()).isEmpty();
        for (int i = 0; i < 100; i++) {
            assertThat(map.get(i)).isNull();
        }
        map.put(3, "three");
        assertThat(map.get(3)).isEqualTo("three");
        assertThat(map.size()).isEqualTo(1);
    }

    @Test
    void valuesAreASnapshot() {
        IntMap<String> map = new IntMap<>();
        map.put(1, "one");
        var values = map.values();
        map.put(2, "two");
        assertThat(values).containsExactly("one");
    }
}
