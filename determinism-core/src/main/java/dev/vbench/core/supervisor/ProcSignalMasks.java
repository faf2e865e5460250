package dev.vbench.core.supervisor;

import dev.vbench.core.guest.SignalMasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a thread's signal masks from /proc/TID/status. Only when a parked call may have to react
 * to a signal, never per stop.
 */
final class ProcSignalMasks {
    private ProcSignalMasks() {}

    /** The masks of thread {@code tid}, or null if it is gone or its status cannot be read. */
    static SignalMasks of(int tid) {
        long pending = 0, blocked = 0, ignored = 0, caught = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + tid + "/status"))) {
                if (line.length() < 8 || !line.startsWith("Sig") && !line.startsWith("ShdPnd")) {
                    continue;
                }
                long value = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                switch (line.substring(0, 7)) {
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
}
