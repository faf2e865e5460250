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
    private static final int OFF_CODE = 8, OFF_PID = 16, OFF_UID = 20, OFF_UTIME = 32, OFF_STIME = 40;

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
        int sender = tree.toVirtual(siginfo.getInt(OFF_PID));
        siginfo.putInt(OFF_PID, sender > 0 ? sender : GuestTree.OUTSIDE_VPID);
        siginfo.putInt(OFF_UID, 0);
        if (child) {
            siginfo.putLong(OFF_UTIME, 0);
            siginfo.putLong(OFF_STIME, 0);
        }
        Ptrace.setSigInfo(tid, siginfo);
    }
}
