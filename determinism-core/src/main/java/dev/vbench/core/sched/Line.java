package dev.vbench.core.sched;

import dev.vbench.core.guest.GuestThread;

/**
 * Threads in line in ascending order of a number (the order they parked): a doubly linked list
 * whose nodes the threads own, one per line they can be in, so joining and leaving allocate
 * nothing and leaving is O(1). A thread joins at the end when its number is the highest, as it is
 * when it parks; otherwise (a futex requeue) at its place, found from the end.
 */
final class Line {
    /** A thread's place in one line. */
    static final class Node {
        final GuestThread thread;
        long order;
        private Line line;
        private Node previous;
        private Node next;

        Node(GuestThread thread) {
            this.thread = thread;
        }

        boolean inLine() {
            return line != null;
        }

        /** The next thread in this node's line, or null at its end. */
        Node next() {
            return next;
        }
    }

    private Node first;
    private Node last;

    boolean isEmpty() {
        return first == null;
    }

    /** The first in line, or null. */
    Node first() {
        return first;
    }

    /** Puts the node in this line at its place by {@link Node#order}, after those of equal order. */
    void join(Node node) {
        if (node.line != null) {
            throw new IllegalStateException(node.thread + " is in a line already");
        }
        Node before = last;
        while (before != null && before.order > node.order) {
            before = before.previous;
        }
        Node after = before == null ? first : before.next;
        node.previous = before;
        node.next = after;
        if (before == null) {
            first = node;
        } else {
            before.next = node;
        }
        if (after == null) {
            last = node;
        } else {
            after.previous = node;
        }
        node.line = this;
    }

    /** Takes the node out of this line; nothing if it is not in it. */
    void leave(Node node) {
        if (node.line != this) {
            return;
        }
        if (node.previous == null) {
            first = node.next;
        } else {
            node.previous.next = node.next;
        }
        if (node.next == null) {
            last = node.previous;
        } else {
            node.next.previous = node.previous;
        }
        node.previous = null;
        node.next = null;
        node.line = null;
    }
}
