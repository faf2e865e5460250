package dev.vbench.core.supervisor;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.handlers.SigInfo;
import dev.vbench.core.nativ.Ptrace;
import dev.vbench.core.nativ.Signals;
import jnr.ffi.Pointer;

/**
 * Rewrites the sender fields of a signal on its way into the guest: si_pid becomes a virtual pid,
 * si_uid the guest's uid, and SIGCHLD's CPU times (real, so varying) become zero.
 */
final class SignalTranslator {

    private final GuestTree tree;
    private final Pointer siginfo;
    private final byte[] sender = new byte[SigInfo.SENDER_BYTES];

    SignalTranslator(GuestTree tree, Pointer siginfoBuffer) {
        this.tree = tree;
        this.siginfo = siginfoBuffer;
    }

    void translate(GuestThread thread, int signal) {
        int tid = thread.tid();
        Ptrace.getSigInfo(tid, siginfo);
        siginfo.get(0, sender, 0, sender.length);
        if (!SigInfo.sentByProcess(sender, signal)) {
            return;
        }
        SigInfo.virtualizeSender(sender, tree, SigInfo.isChildStatus(sender, signal));
        siginfo.put(0, sender, 0, sender.length);
        Ptrace.setSigInfo(tid, siginfo);
    }
}
