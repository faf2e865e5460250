package dev.vbench.core.guest;

import dev.vbench.core.util.SplitMix64;

/**
 * One guest thread: its real and virtual ids, its process, and the few attributes the kernel keeps
 * per thread that several components read (the signals sent to it, the tid address it clears at
 * exit). Everything else a component keeps per thread lives in {@link #state()} under its own key.
 */
public final class GuestThread {
    private int tid;
    private final int vtid;
    private final GuestProcess process;
    private final GuestTree tree;
    private final SplitMix64 random;
    private final State state = new State();
    /** Signals (bit N-1 for signal N) sent to this thread by the guest since it last parked. */
    private long incomingSignals;
    /** CLONE_CHILD_CLEARTID / set_tid_address: cleared and futex-woken by the kernel at exit. */
    private long clearChildTid;

    GuestThread(int tid, int vtid, GuestProcess process, GuestTree tree, long seed) {
        this.tid = tid;
        this.vtid = vtid;
        this.process = process;
        this.tree = tree;
        this.random = SplitMix64.stream(seed, vtid);
    }

    /** The tree this thread belongs to. */
    public GuestTree tree() {
        return tree;
    }

    /** The kernel's id of this thread. */
    public int tid() {
        return tid;
    }

    void retid(int newTid) {
        this.tid = newTid;
    }

    /** The thread id the guest sees: the same on every run. */
    public int vtid() {
        return vtid;
    }

    public GuestProcess process() {
        return process;
    }

    /** This thread's stream of deterministic random bytes, independent of other threads' use. */
    public SplitMix64 random() {
        return random;
    }

    /** The state components keep for this thread, each under its own key. */
    public State state() {
        return state;
    }

    /**
     * Notes that {@code signal} was sent to this thread, so a parked call of its can react; the
     * first since it parked is also noted in the tree ({@link GuestTree#newlySignalled()}).
     */
    public void signalSent(int signal) {
        if (signal > 0 && signal <= 64) {
            if (incomingSignals == 0) {
                tree.signalled(this);
            }
            incomingSignals |= 1L << (signal - 1);
        }
    }

    /** The signals sent since {@link #clearIncomingSignals()}, bit N-1 for signal N. */
    public long incomingSignals() {
        return incomingSignals;
    }

    public void clearIncomingSignals() {
        incomingSignals = 0;
    }

    /** The address the kernel clears and futex-wakes when this thread exits (pthread_join waits there); 0 for none. */
    public long clearChildTid() {
        return clearChildTid;
    }

    public void setClearChildTid(long address) {
        clearChildTid = address;
    }

    @Override
    public String toString() {
        return "thread " + vtid + " (real " + tid + ")";
    }
}
