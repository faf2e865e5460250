package dev.vbench.core.sched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.util.SplitMix64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadyQueueTest {
    @Test
    void behavesAsAListThatAddsAtTheEndOnceAndScansForTheFirstHighestPriority() {
        TestGuests world = new TestGuests();
        List<GuestThread> threads = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            threads.add(i == 0 ? world.root() : world.threadIn(world.root().process()));
        }
        ReadyQueue queue = new ReadyQueue();
        List<GuestThread> model = new ArrayList<>();
        Map<GuestThread, Long> priority = new HashMap<>();
        SplitMix64 random = new SplitMix64(42);
        for (int step = 0; step < 200_000; step++) {
            // phases of growth and of shrinking, so the slots are packed and doubled many times
            int live = step / 5_000 % 2 == 0 ? 300 : 20;
            GuestThread t = threads.get(below(random, live));
            int op = below(random, 10);
            if (op < 5) {
                long p = below(random, 4); // few priorities: ties must go to the earliest
                priority.putIfAbsent(t, p);
                queue.add(t, priority.get(t));
                if (!model.contains(t)) {
                    model.add(t);
                }
            } else if (op < 9) {
                GuestThread gone = model.isEmpty() || op == 8 ? t : model.get(below(random, model.size()));
                queue.remove(gone);
                model.remove(gone);
            } else {
                long p = below(random, 4);
                priority.put(t, p);
                queue.reprioritize(t, p);
            }
            assertThat(queue.size()).isEqualTo(model.size());
            assertThat(queue.contains(t)).isEqualTo(model.contains(t));
            if (!model.isEmpty()) {
                int k = below(random, model.size());
                assertThat(queue.get(k)).isSameAs(model.get(k));
                GuestThread best = model.get(0);
                for (GuestThread m : model) {
                    if (priority.get(m) > priority.get(best)) {
                        best = m;
                    }
                }
                assertThat(queue.highestPriority()).isSameAs(best);
            } else {
                assertThat(queue.highestPriority()).isNull();
            }
        }
    }

    private static int below(SplitMix64 random, int n) {
        return (int) ((random.nextLong() >>> 1) % n);
    }
}
