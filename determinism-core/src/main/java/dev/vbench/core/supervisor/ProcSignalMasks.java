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
    private static final java.util.Set<String> MASKS = java.util.Set.of("SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt");
    private ProcSignalMasks() {}

    /** The masks of thread {@code tid}, or null if it is gone or its status cannot be read. */
    static SignalMasks of(int tid) {
        long pending = 0, blocked = 0, ignored = 0, caught = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + tid + "/status"))) {
                int colon = line.indexOf(':');
                String key = colon < 0 ? "" : line.substring(0, colon);
                if (!MASKS.contains(key)) {
                    continue; // SigQ and the rest are not masks
                }
                long value = Long.parseUnsignedLong(line.substring(colon + 1).trim(), 16);
                switch (key) {
                    case "SigPnd", "ShdPnd" -> pending |= value;
                    case "SigBlk" -> blocked = value;
                    case "SigIgn" -> ignored = value;
                    default -> caught = value; // SigCgt
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return new SignalMasks(pending, blocked, ignored, caught);
    }
}
