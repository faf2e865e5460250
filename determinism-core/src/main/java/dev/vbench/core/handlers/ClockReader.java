package dev.vbench.core.handlers;

import dev.vbench.core.guest.GuestThread;

/** Reads the guest's clocks as clock_gettime answers them. */
public interface ClockReader {
    /** The value of clock {@code clockId} for {@code reader} now, in nanoseconds; -1 for a clock id it cannot read. */
    long clockNanos(GuestThread reader, int clockId);
}
