package dev.vbench.core.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a signal would interrupt a thread's blocking call: it must be neither blocked nor
 * ignored, and either caught or fatal by default. Read from /proc/TID/status (SigBlk, SigIgn,
 * SigCgt), only when the guest actually sent a signal to a parked thread.
 */
final class SignalDispositions {
    /** Signals whose default action is to do nothing (or only stop/continue). */
    private static final long HARMLESS_BY_DEFAULT = bit(17) | bit(23) | bit(28) | bit(18) | bit(19) | bit(20)
            | bit(21) | bit(22); // CHLD URG WINCH CONT STOP TSTP TTIN TTOU

    private SignalDispositions() {}

    static long bit(int signal) {
        return 1L << (signal - 1);
    }

    /** @param blockedOverride the mask in force during the call (sigsuspend), or -1 for the thread's own */
    static boolean interrupts(int tid, long signals, long blockedOverride) {
        long blocked = 0, ignored = 0, caught = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + tid + "/status"))) {
                if (line.startsWith("SigBlk:")) {
                    blocked = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                } else if (line.startsWith("SigIgn:")) {
                    ignored = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                } else if (line.startsWith("SigCgt:")) {
                    caught = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                }
            }
        } catch (IOException | RuntimeException e) {
            return true; // the thread is gone or unreadable: let the kernel decide
        }
        if (blockedOverride != -1) {
            blocked = blockedOverride;
        }
        long deliverable = signals & ~blocked & ~ignored;
        return (deliverable & (caught | ~HARMLESS_BY_DEFAULT)) != 0;
    }
}
