package dev.vbench.core.guest;

/**
 * A thread's signal masks, bit N-1 for signal N: pending for the thread or its process, blocked,
 * ignored and caught.
 */
public record SignalMasks(long pending, long blocked, long ignored, long caught) {
    /** Signals whose default action is to do nothing (or only stop/continue): CHLD URG WINCH CONT STOP TSTP TTIN TTOU. */
    private static final long HARMLESS_BY_DEFAULT = bit(17) | bit(23) | bit(28) | bit(18) | bit(19) | bit(20)
            | bit(21) | bit(22);

    /** The mask bit of signal {@code signal} (1..64). */
    public static long bit(int signal) {
        return 1L << (signal - 1);
    }

    /**
     * Whether one of {@code signals} would interrupt a blocking call of this thread: neither
     * blocked nor ignored, and either caught or fatal by default.
     *
     * @param blockedOverride the mask in force during the call (rt_sigsuspend), or -1 for the thread's own
     */
    public boolean interrupts(long signals, long blockedOverride) {
        long mask = blockedOverride != -1 ? blockedOverride : blocked;
        long deliverable = signals & ~mask & ~ignored;
        return (deliverable & (caught | ~HARMLESS_BY_DEFAULT)) != 0;
    }
}
