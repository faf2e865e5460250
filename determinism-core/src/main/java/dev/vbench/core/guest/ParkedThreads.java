package dev.vbench.core.guest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The threads parked in a blocking call, and the means to end their waits: a futex wake-up
 * answers the parked call itself, a descriptor that became ready lets the kernel run it.
 */
public interface ParkedThreads {
    /** The parked threads in the order they parked (a list with fast access by index). */
    List<GuestThread> all();

    /**
     * Parked threads whose wait matches, in the order they parked (FIFO: a deterministic wake order).
     * A copy, so the caller may end their waits as it goes; none matching allocates nothing.
     */
    default List<GuestThread> parkedOn(Predicate<Wait> matches) {
        List<GuestThread> out = null;
        List<GuestThread> all = all();
        for (int i = 0; i < all.size(); i++) { // by index: an iterator would be allocated per call
            GuestThread t = all.get(i);
            Wait w = waitOf(t);
            if (w != null && matches.test(w)) {
                out = added(out, t);
            }
        }
        return out == null ? List.of() : out;
    }

    /**
     * Threads parked on futex {@code key}, PI or plain as {@code pi} says, whose wait's bitset
     * shares a bit with {@code bitset} (all bits: -1), in the order they parked. The futex model's
     * wakes take this path at every wake-up: it allocates nothing when no thread waits.
     */
    default List<GuestThread> futexWaiters(long key, boolean pi, int bitset) {
        List<GuestThread> out = null;
        List<GuestThread> all = all();
        for (int i = 0; i < all.size(); i++) {
            GuestThread t = all.get(i);
            if (waitOf(t) instanceof Wait.Futex f && f.key() == key && f.pi() == pi && (f.bitset() & bitset) != 0) {
                out = added(out, t);
            }
        }
        return out == null ? List.of() : out;
    }

    private static List<GuestThread> added(List<GuestThread> list, GuestThread t) {
        List<GuestThread> out = list != null ? list : new ArrayList<>();
        out.add(t);
        return out;
    }

    /** What {@code thread} waits for, or null if it is not parked. */
    Wait waitOf(GuestThread thread);

    /** Ends the wait by answering the parked call with {@code result}; the kernel never runs it. */
    void complete(GuestThread thread, long result);

    /** Ends the wait by letting the kernel run the parked call now (its exit hook, if any, stays). */
    void release(GuestThread thread);

    /** The thread keeps waiting, now for {@code wait} (a futex requeue); its place in line is kept. */
    void rewait(GuestThread thread, Wait wait);
}
