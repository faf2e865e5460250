package dev.vbench.core.handlers;

import dev.vbench.core.guest.GuestTree;

/**
 * Converts between the guest's clocks and the run's elapsed virtual time, which is what the
 * scheduler's deadlines are in: CLOCK_REALTIME reads epoch + elapsed, the monotonic clocks
 * BOOT_UPTIME + elapsed.
 */
final class TimeBase {
    /** The guest's machine has been up this long when it starts. */
    static final long BOOT_UPTIME_NANOS = 60_000_000_000L;

    private final GuestTree tree;

    TimeBase(GuestTree tree) {
        this.tree = tree;
    }

    long elapsed() {
        return tree.clock().elapsedNanos();
    }

    long realtime() {
        return tree.config().epochNanos() + elapsed();
    }

    long monotonic() {
        return BOOT_UPTIME_NANOS + elapsed();
    }

    /** The elapsed virtual time at which an absolute clock reading is reached. */
    long toElapsed(long clockValue, boolean realtime) {
        return clockValue - (realtime ? tree.config().epochNanos() : BOOT_UPTIME_NANOS);
    }

    /** The elapsed virtual time at which a timeout of {@code nanos} from now ends (saturating). */
    long after(long nanos) {
        long now = elapsed();
        return nanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos;
    }
}
