package dev.vbench.core.supervisor;

import dev.vbench.core.nativ.Ptrace;
import dev.vbench.core.nativ.Signals;
import jnr.ffi.Pointer;

/**
 * Rewrites the sender fields of a signal on its way into the guest: si_pid becomes a virtual pid,
 * si_uid the guest's uid, and SIGCHLD's CPU times (real, so varying) become zero.
 */
final class SignalTranslator {
    private static final int SI_USER = 0, SI_QUEUE = -1, SI_TKILL = -6, SI_KERNEL = 0x80;
    private static final int OFF_CODE = 8;

    private final GuestTree tree;
    private final Pointer siginfo;

    SignalTranslator(GuestTree tree, Pointer siginfoBuffer) {
        this.tree = tree;
        this.siginfo = siginfoBuffer;
    }

    void translate(GuestThread thread, int signal) {
        int tid = thread.tid();
        Ptrace.getSigInfo(tid, siginfo);
        int code = siginfo.getInt(OFF_CODE);
        boolean child = signal == Signals.SIGCHLD && code > 0 && code < SI_KERNEL;
        if (!(child || code == SI_USER || code == SI_QUEUE || code == SI_TKILL)) {
            return;
        }
        SigInfo.virtualizeSender(siginfo, tree, child);
        Ptrace.setSigInfo(tid, siginfo);
    }
}
