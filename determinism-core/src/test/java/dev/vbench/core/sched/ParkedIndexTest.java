package dev.vbench.core.sched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.util.SplitMix64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The index answers as a scan of every parked thread in park order would, which is what it replaced. */
class ParkedIndexTest {
    private final SplitMix64 random = new SplitMix64(3);

    @Test
    void answersAsAScanOfAllParkedThreadsInParkOrder() {
        TestGuests world = new TestGuests();
        List<GuestThread> threads = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            threads.add(i == 0 ? world.root() : world.threadIn(world.root().process()));
        }
        ParkedIndex index = new ParkedIndex();
        Map<GuestThread, Wait> model = new LinkedHashMap<>(); // park order; a rewait keeps the place
        List<GuestThread> scratch = new ArrayList<>();
        long descriptorParks = 0;
        for (int step = 0; step < 100_000; step++) {
            GuestThread t = threads.get(below(threads.size()));
            int op = below(10);
            if (op < 4) {
                Wait w = anyWait();
                t.clearIncomingSignals(); // as the scheduler does when a thread parks
                index.park(t, w);
                model.put(t, w);
                descriptorParks += w instanceof Wait.Descriptors ? 1 : 0;
            } else if (op < 5 && model.containsKey(t)) {
                Wait w = futex(below(6), below(2) == 0 ? Wait.NEVER : below(1000));
                index.park(t, w); // a requeue: already parked, it keeps its place and its signals
                model.put(t, w);
            } else if (op < 8) {
                index.remove(t);
                model.remove(t);
            } else if (op < 9) {
                t.signalSent(10);
                index.watch(t); // as the wait checker does for a thread it sees signalled
            }
            assertThat(index.size()).isEqualTo(model.size());
            assertThat(index.waitOf(t)).isSameAs(model.get(t));
            assertThat(index.list()).containsExactlyElementsOf(model.keySet());
            long now = below(1200);
            boolean withDescriptors = below(2) == 0;
            index.due(now, withDescriptors, scratch);
            assertThat(scratch).containsExactlyElementsOf(model.keySet().stream()
                    .filter(p -> model.get(p).needsPolling() || p.incomingSignals() != 0
                            || model.get(p).deadline() <= now
                            || withDescriptors && model.get(p) instanceof Wait.Descriptors)
                    .toList());
            assertThat(index.earliestDeadline()).isEqualTo(model.values().stream().mapToLong(Wait::deadline)
                    .min().orElse(Wait.NEVER));
            assertThat(index.anyDeadline()).isEqualTo(model.values().stream().anyMatch(w -> w.deadline() != Wait.NEVER));
            assertThat(index.anyOutsideWait()).isEqualTo(model.values().stream()
                    .anyMatch(w -> w instanceof Wait.Descriptors || w instanceof Wait.FileLock));
            assertThat(index.descriptorParks()).isEqualTo(descriptorParks);
            long key = below(6);
            boolean pi = below(4) == 0;
            int bitset = below(2) == 0 ? Wait.Futex.BITSET_ALL : 1 << below(3);
            int limit = below(5);
            assertThat(index.futexWaiters(key, pi, bitset, limit)).containsExactlyElementsOf(model.keySet().stream()
                    .filter(p -> model.get(p) instanceof Wait.Futex f && f.key() == key && f.pi() == pi
                            && (f.bitset() & bitset) != 0)
                    .limit(limit).toList());
        }
    }

    private Wait anyWait() {
        return switch (below(9)) {
            case 0, 1, 2 -> futex(below(6), below(4) == 0 ? below(1000) : Wait.NEVER);
            case 3 -> new Wait.Sleep(below(1000));
            case 4 -> new Wait.Child(-1, below(2) == 0 ? below(1000) : Wait.NEVER);
            case 5 -> Wait.Descriptors.call(3, (short) 1);
            case 6 -> Wait.Descriptors.poll(new int[] {3}, new short[] {1}, below(2) == 0 ? below(1000) : Wait.NEVER);
            case 7 -> new Wait.FileLock(4, 2);
            default -> new Wait.VforkChild(7);
        };
    }

    private Wait.Futex futex(long key, long deadline) {
        return new Wait.Futex(key, key, below(2) == 0 ? Wait.Futex.BITSET_ALL : 1 << below(3), below(4) == 0, deadline);
    }

    private int below(int n) {
        return (int) ((random.nextLong() >>> 1) % n);
    }
}
