package dev.vbench.core.guest;

/** Whether a guest descriptor would let a blocking call through now. */
public enum Readiness {
    /** Data (or room) is there, or the supervisor cannot tell: the kernel runs the call. */
    READY,
    /** The call would block: the thread is parked until the descriptor is ready. */
    NOT_READY,
    /** The descriptor is non-blocking: the call never blocks, the kernel answers it. */
    NON_BLOCKING
}
