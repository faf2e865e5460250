package dev.vbench.core.sched;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.StateKey;
import java.util.Arrays;

/**
 * The ready threads in the order they became ready. Each gets the next slot of an array when it
 * is added, so slot order is that order; a tree over the slots keeps, per subtree, how many are
 * taken and the highest priority in it. Membership is O(1); adding and removing are O(log n) (the
 * walk up the tree) and allocate nothing; so are the thread at a position (the seeded policy's
 * draw, round robin's first) and the first thread of highest priority (chaos mode), which a list
 * would find by scanning. When the slots run out the queue is packed into the first ones, in order.
 */
final class ReadyQueue {
    private static final long NO_PRIORITY = Long.MIN_VALUE;

    /** Where a thread is in the queue; -1 when it is not in it. */
    private static final class Slot {
        int index = -1;
    }

    private static final StateKey<Slot> SLOT = StateKey.of("ready slot", Slot::new);

    /** Slots in use are [0, end); leaves of the tree are nodes [capacity, 2 * capacity). */
    private int capacity = 16;
    private GuestThread[] threads = new GuestThread[capacity];
    private int[] taken = new int[2 * capacity];
    private long[] highest = new long[2 * capacity];
    private int end;
    private int size;

    ReadyQueue() {
        Arrays.fill(highest, NO_PRIORITY);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(GuestThread thread) {
        return slotOf(thread).index >= 0;
    }

    /** Adds the thread at the end, unless it is in the queue already (then its place is kept). */
    void add(GuestThread thread, long priority) {
        Slot slot = slotOf(thread);
        if (slot.index >= 0) {
            return;
        }
        if (end == capacity) {
            pack();
        }
        slot.index = end++;
        threads[slot.index] = thread;
        size++;
        set(slot.index, 1, priority);
    }

    void remove(GuestThread thread) {
        Slot slot = slotOf(thread);
        if (slot.index < 0) {
            return;
        }
        threads[slot.index] = null;
        set(slot.index, 0, NO_PRIORITY);
        slot.index = -1;
        if (--size == 0) {
            end = 0; // every leaf is empty again: start from the first slot
        }
    }

    /** A queued thread's priority changed; its place is kept. */
    void reprioritize(GuestThread thread, long priority) {
        int index = slotOf(thread).index;
        if (index >= 0) {
            set(index, 1, priority);
        }
    }

    /** The thread at {@code position} (0 = the longest waiting) among the queued. */
    GuestThread get(int position) {
        if (position < 0 || position >= size) {
            throw new IndexOutOfBoundsException(position + " of " + size);
        }
        int node = 1;
        while (node < capacity) {
            node *= 2;
            if (taken[node] <= position) {
                position -= taken[node];
                node++;
            }
        }
        return threads[node - capacity];
    }

    /** The longest-waiting thread among those of the highest priority; null if none is queued. */
    GuestThread highestPriority() {
        if (size == 0) {
            return null;
        }
        int node = 1;
        while (node < capacity) {
            node *= 2;
            if (highest[node] < highest[node + 1]) { // on a tie the left, earlier, one
                node++;
            }
        }
        return threads[node - capacity];
    }

    private void set(int index, int count, long priority) {
        int node = index + capacity;
        taken[node] = count;
        highest[node] = priority;
        for (node /= 2; node >= 1; node /= 2) {
            taken[node] = taken[2 * node] + taken[2 * node + 1];
            highest[node] = Math.max(highest[2 * node], highest[2 * node + 1]);
        }
    }

    /**
     * Moves the queued threads to the first slots, in order, doubling the slots when more than half
     * are queued, so at least capacity / 2 adds come before the next packing: O(1) amortized.
     */
    private void pack() {
        GuestThread[] from = threads;
        long[] fromHighest = highest;
        int fromCapacity = capacity;
        while (size * 2 > capacity) {
            capacity *= 2;
        }
        if (capacity != fromCapacity) {
            threads = new GuestThread[capacity];
            taken = new int[2 * capacity];
            highest = new long[2 * capacity];
            Arrays.fill(highest, NO_PRIORITY);
        }
        int n = 0;
        for (int i = 0; i < end; i++) { // in place when the slots stay: slot n <= i is free by now
            GuestThread t = from[i];
            if (t != null) {
                long priority = fromHighest[i + fromCapacity];
                from[i] = null;
                taken[i + capacity] = 0;
                highest[i + capacity] = NO_PRIORITY;
                threads[n] = t;
                taken[n + capacity] = 1;
                highest[n + capacity] = priority;
                slotOf(t).index = n++;
            }
        }
        for (int node = capacity - 1; node >= 1; node--) {
            taken[node] = taken[2 * node] + taken[2 * node + 1];
            highest[node] = Math.max(highest[2 * node], highest[2 * node + 1]);
        }
        end = n;
    }

    private static Slot slotOf(GuestThread thread) {
        return thread.state().get(SLOT);
    }
}
