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

    static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5,
            CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7, CLOCK_REALTIME_ALARM = 8, CLOCK_BOOTTIME_ALARM = 9,
            CLOCK_TAI = 11;

    /** The value now of a clock that runs on virtual time (the real-time and monotonic kinds); -1 for any other. */
    long now(int clockId) {
        return switch (clockId) {
            case CLOCK_REALTIME, CLOCK_REALTIME_COARSE, CLOCK_REALTIME_ALARM, CLOCK_TAI -> realtime();
            case CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME,
                    CLOCK_BOOTTIME_ALARM -> monotonic();
            default -> -1;
        };
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
