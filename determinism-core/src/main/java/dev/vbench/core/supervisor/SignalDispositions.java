package dev.vbench.core.supervisor;


/**
 * Whether a signal would interrupt a thread's blocking call: it must be neither blocked nor
 * ignored, and either caught or fatal by default ({@link SignalMasks}), asked only when the guest
 * actually sent a signal to a parked thread.
 */
final class SignalDispositions {
    /** Signals whose default action is to do nothing (or only stop/continue). */
    private static final long HARMLESS_BY_DEFAULT = SignalMasks.bit(17) | SignalMasks.bit(23) | SignalMasks.bit(28)
            | SignalMasks.bit(18) | SignalMasks.bit(19) | SignalMasks.bit(20) | SignalMasks.bit(21)
            | SignalMasks.bit(22); // CHLD URG WINCH CONT STOP TSTP TTIN TTOU

    private SignalDispositions() {}

    /** @param blockedOverride the mask in force during the call (sigsuspend), or -1 for the thread's own */
    static boolean interrupts(int tid, long signals, long blockedOverride) {
        SignalMasks m = SignalMasks.of(tid);
        if (m == null) {
            return true; // the thread is gone or unreadable: let the kernel decide
        }
        long blocked = blockedOverride != -1 ? blockedOverride : m.blocked();
        long deliverable = signals & ~blocked & ~m.ignored();
        return (deliverable & (m.caught() | ~HARMLESS_BY_DEFAULT)) != 0;
    }
}
