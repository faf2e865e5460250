package dev.vbench.core.sched;

import dev.vbench.core.guest.GuestThread;
import java.util.Arrays;
import java.util.List;

/**
 * Threads by the virtual time at which their wait times out, earliest on top: a binary min-heap of
 * nodes the threads own, each knowing its place, so adding and removing are O(log n), the earliest
 * deadline O(1), and the threads due at a moment cost what they number. Nothing is allocated once
 * the array has grown to the most threads that waited with a deadline at once.
 */
final class DeadlineHeap {
    /** A thread's place in the heap. */
    static final class Node {
        final GuestThread thread;
        long deadline;
        private int index = -1;

        Node(GuestThread thread) {
            this.thread = thread;
        }

        boolean inHeap() {
            return index >= 0;
        }
    }

    private Node[] heap = new Node[16];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest deadline; only when not empty. */
    long earliest() {
        return heap[0].deadline;
    }

    /** Adds the node with its {@link Node#deadline}. */
    void add(Node node) {
        if (node.inHeap()) {
            throw new IllegalStateException(node.thread + " is in the heap already");
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        node.index = size++;
        heap[node.index] = node;
        up(node.index);
    }

    /** Takes the node out; nothing if it is not in. */
    void remove(Node node) {
        int i = node.index;
        if (i < 0) {
            return;
        }
        node.index = -1;
        Node last = heap[--size];
        heap[size] = null;
        if (last != node) {
            place(last, i);
            down(i);
            up(last.index);
        }
    }

    /** Adds to {@code out}, in no particular order, every node whose deadline is at or before {@code now}. */
    void due(long now, List<Node> out) {
        due(0, now, out);
    }

    private void due(int i, long now, List<Node> out) {
        // a node's children time out no earlier than it does: a subtree not due is skipped whole
        if (i < size && heap[i].deadline <= now) {
            out.add(heap[i]);
            due(2 * i + 1, now, out);
            due(2 * i + 2, now, out);
        }
    }

    private void up(int i) {
        Node node = heap[i];
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (heap[parent].deadline <= node.deadline) {
                break;
            }
            place(heap[parent], i);
            i = parent;
        }
        place(node, i);
    }

    private void down(int i) {
        Node node = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1].deadline < heap[child].deadline) {
                child++;
            }
            if (node.deadline <= heap[child].deadline) {
                break;
            }
            place(heap[child], i);
            i = child;
        }
        place(node, i);
    }

    private void place(Node node, int i) {
        heap[i] = node;
        node.index = i;
    }
}
