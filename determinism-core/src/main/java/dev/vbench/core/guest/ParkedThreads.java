package dev.vbench.core.guest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The threads parked in a blocking call, and the means to end their waits: a futex wake-up
 * answers the parked call itself, a descriptor that became ready lets the kernel run it.
 */
public interface ParkedThreads {
    /** The parked threads in the order they parked: a copy. */
    List<GuestThread> all();

    /**
     * Parked threads whose wait matches, in the order they parked (FIFO: a deterministic wake order),
     * so the caller may end their waits as it goes. Looks at every parked thread: not for every stop.
     */
    default List<GuestThread> parkedOn(Predicate<Wait> matches) {
        List<GuestThread> out = new ArrayList<>();
        for (GuestThread t : all()) {
            Wait w = waitOf(t);
            if (w != null && matches.test(w)) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * The first {@code limit} threads parked on futex {@code key}, PI or plain as {@code pi} says,
     * whose wait's bitset shares a bit with {@code bitset} (all bits: -1), in the order they parked.
     * The futex model's wakes take this path at every wake-up: it costs what the futex's waiters
     * number, not what all parked threads do, and allocates nothing when no thread waits.
     */
    List<GuestThread> futexWaiters(long key, boolean pi, int bitset, int limit);

    /** What {@code thread} waits for, or null if it is not parked. */
    Wait waitOf(GuestThread thread);

    /** Ends the wait by answering the parked call with {@code result}; the kernel never runs it. */
    void complete(GuestThread thread, long result);

    /** Ends the wait by letting the kernel run the parked call now (its exit hook, if any, stays). */
    void release(GuestThread thread);

    /**
     * Ends a poll, select or epoll_wait whose timeout passed by letting the kernel run the parked call
     * with a zero timeout: it then reports what is ready now (normally nothing) and writes what it
     * writes at a timeout, the fd sets emptied, every revents 0, no time left, instead of leaving the
     * guest's buffers as they were.
     */
    void expire(GuestThread thread);

    /** The thread keeps waiting, now for {@code wait} (a futex requeue); its place in line is kept. */
    void rewait(GuestThread thread, Wait wait);
}
