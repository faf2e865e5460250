package dev.vbench.core.handlers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a futex that several processes share lives: the kernel keys a futex that is not
 * FUTEX_PRIVATE on a shared mapping by the memory behind it (the file, or the shared anonymous
 * memory a fork passed on, and the offset in it), not by the address, which may differ from process
 * to process. Found from {@code /proc/PID/maps}: the mapping holding the address, if it is shared
 * ({@code s} in its permissions), gives device, inode and offset.
 */
class SharedFutexKeys {
    /** Set in every shared key, never in a per-process one ({@code Wait.Futex.keyOf}: pid < 2^15). */
    static final long SHARED = 1L << 63;

    /**
     * The key of the futex at {@code address} in process {@code pid} (the real one) if it lies in a
     * shared mapping, else 0. Two futexes in different memory get the same key only if their 63-bit
     * hashes collide; a waiter on either is then woken too early, which futex callers must expect
     * of any wake-up anyway.
     */
    long keyOf(int pid, long address) {
        String maps;
        try {
            maps = Files.readString(Path.of("/proc/" + pid + "/maps"), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return 0; // gone, or unreadable: keyed by process, as a private futex is
        }
        return keyIn(maps, address);
    }

    /** {@link #keyOf} from the text of a maps file. */
    static long keyIn(String maps, long address) {
        for (String line : maps.split("\n")) {
            // start-end perms offset dev inode [path]
            String[] f = line.trim().split("\\s+", 6);
            if (f.length < 5) {
                continue;
            }
            int dash = f[0].indexOf('-');
            long start = Long.parseUnsignedLong(f[0].substring(0, dash), 16);
            long end = Long.parseUnsignedLong(f[0].substring(dash + 1), 16);
            if (Long.compareUnsigned(address, start) < 0 || Long.compareUnsigned(address, end) >= 0) {
                continue;
            }
            if (f[1].length() < 4 || f[1].charAt(3) != 's') {
                return 0;
            }
            long offset = Long.parseUnsignedLong(f[2], 16) + (address - start);
            return SHARED | (mix(mix(f[3].hashCode()) ^ Long.parseUnsignedLong(f[4]) * 31 + offset) & ~SHARED);
        }
        return 0;
    }

    /** A 64-bit finalizer (MurmurHash3's): nearby inodes and offsets spread over all bits. */
    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }
}
