package dev.vbench.core.handlers;

import dev.vbench.core.guest.Bytes;
import dev.vbench.core.guest.GuestTree;

/**
 * The sender fields of an x86-64 siginfo_t, made what the guest may see: si_pid a virtual pid,
 * si_uid the guest's uid and, for a child's status (SIGCHLD, waitid), the child's CPU times zero,
 * since real ones vary. One place for signal delivery and for waitid's result.
 */
public final class SigInfo {
    /** Bytes up to and including si_stime. */
    public static final int SENDER_BYTES = 48;
    /** Where si_code is: who sent the signal. */
    public static final int OFF_CODE = 8;
    private static final int OFF_PID = 16, OFF_UID = 20, OFF_UTIME = 32, OFF_STIME = 40;

    private SigInfo() {}

    private static final int SI_USER = 0, SI_QUEUE = -1, SI_TKILL = -6, SI_KERNEL = 0x80, SIGCHLD = 17;

    /**
     * Whether the siginfo's sender fields name a process: kill/tgkill/sigqueue, or a child's
     * status (SIGCHLD with a CLD_* code); not a signal the kernel raised itself (a fault, a timer).
     */
    public static boolean sentByProcess(byte[] info, int signal) {
        int code = Bytes.getInt(info, OFF_CODE);
        return code == SI_USER || code == SI_QUEUE || code == SI_TKILL || isChildStatus(info, signal);
    }

    /** SIGCHLD with a CLD_* code: the sender is the child, and the CPU times are real ones. */
    public static boolean isChildStatus(byte[] info, int signal) {
        int code = Bytes.getInt(info, OFF_CODE);
        return signal == SIGCHLD && code > 0 && code < SI_KERNEL;
    }

    public static int pid(byte[] info) {
        return Bytes.getInt(info, OFF_PID);
    }

    public static void virtualizeSender(byte[] info, GuestTree tree, boolean childStatus) {
        int sender = tree.toVirtual(pid(info));
        Bytes.putInt(info, OFF_PID, sender > 0 ? sender : GuestTree.OUTSIDE_VPID);
        Bytes.putInt(info, OFF_UID, MachineView.GUEST_UID);
        if (childStatus) {
            Bytes.putLong(info, OFF_UTIME, 0);
            Bytes.putLong(info, OFF_STIME, 0);
        }
    }
}
