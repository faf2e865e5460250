package dev.vbench.core.supervisor;

import dev.vbench.core.handlers.MachineView;
import jnr.ffi.Pointer;

/**
 * The sender fields of an x86-64 siginfo_t, made what the guest may see: si_pid a virtual pid,
 * si_uid the guest's uid and, for a child's status (SIGCHLD, waitid), the child's CPU times zero,
 * since real ones vary. One place for signal delivery and for waitid's result.
 */
public final class SigInfo {
    /** Bytes up to and including si_stime. */
    public static final int SENDER_BYTES = 48;
    private static final int OFF_PID = 16, OFF_UID = 20, OFF_UTIME = 32, OFF_STIME = 40;

    private SigInfo() {}

    public static int pid(Pointer info) {
        return info.getInt(OFF_PID);
    }

    public static void virtualizeSender(Pointer info, GuestTree tree, boolean childStatus) {
        int sender = tree.toVirtual(info.getInt(OFF_PID));
        info.putInt(OFF_PID, sender > 0 ? sender : GuestTree.OUTSIDE_VPID);
        info.putInt(OFF_UID, MachineView.GUEST_UID);
        if (childStatus) {
            info.putLong(OFF_UTIME, 0);
            info.putLong(OFF_STIME, 0);
        }
    }
}
