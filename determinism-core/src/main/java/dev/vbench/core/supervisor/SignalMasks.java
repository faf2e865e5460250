package dev.vbench.core.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A thread's signal masks as /proc/TID/status shows them (bit N-1 for signal N): pending for the
 * thread or its process, blocked, ignored and caught. Read only when a parked call may have to
 * react to a signal, never per stop.
 */
public record SignalMasks(long pending, long blocked, long ignored, long caught) {

    /** The masks of thread {@code tid}, or null if it is gone or its status cannot be read. */
    public static SignalMasks of(int tid) {
        long pending = 0, blocked = 0, ignored = 0, caught = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + tid + "/status"))) {
                if (line.length() < 8 || !line.startsWith("Sig") && !line.startsWith("ShdPnd")) {
                    continue;
                }
                String key = line.substring(0, 7);
                long value = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                switch (key) {
                    case "SigPnd:", "ShdPnd:" -> pending |= value;
                    case "SigBlk:" -> blocked = value;
                    case "SigIgn:" -> ignored = value;
                    case "SigCgt:" -> caught = value;
                    default -> { }
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return new SignalMasks(pending, blocked, ignored, caught);
    }

    /** The mask bit of signal {@code signal} (1..64). */
    public static long bit(int signal) {
        return 1L << (signal - 1);
    }
}
