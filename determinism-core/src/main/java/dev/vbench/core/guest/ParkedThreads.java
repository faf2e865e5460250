package dev.vbench.core.guest;

import java.util.List;
import java.util.function.Predicate;

/**
 * The threads parked in a blocking call, and the means to end their waits: a futex wake-up
 * answers the parked call itself, a descriptor that became ready lets the kernel run it.
 */
public interface ParkedThreads {
    /** Parked threads whose wait matches, in the order they parked (FIFO: a deterministic wake order). */
    List<GuestThread> parkedOn(Predicate<Wait> matches);

    /** What {@code thread} waits for, or null if it is not parked. */
    Wait waitOf(GuestThread thread);

    /** Ends the wait by answering the parked call with {@code result}; the kernel never runs it. */
    void complete(GuestThread thread, long result);

    /** Ends the wait by letting the kernel run the parked call now (its exit hook, if any, stays). */
    void release(GuestThread thread);

    /** The thread keeps waiting, now for {@code wait} (a futex requeue); its place in line is kept. */
    void rewait(GuestThread thread, Wait wait);
}
