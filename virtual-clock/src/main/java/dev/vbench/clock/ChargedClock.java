package dev.vbench.clock;

import dev.vbench.core.guest.GuestClock;
import dev.vbench.core.guest.GuestProcess;

/**
 * The virtual clock as a backend sees it when it answers the guest's clock reads itself between
 * stops (vbcount's rdtsc): the time charged so far, the counts that charge was computed from, and
 * their prices. The time at a later moment is then exactly what the clock will charge at the next stop.
 */
public interface ChargedClock extends GuestClock {
    /** The process's count {@code index} (in the backend's order) as of the clock's last charge to it. */
    long charged(GuestProcess process, int index);

    /** Virtual nanoseconds per unit of the backend's count {@code index}. */
    double price(int index);
}
