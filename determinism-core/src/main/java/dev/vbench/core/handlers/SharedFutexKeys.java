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

    /**
     * {@link #keyOf} from the text of a maps file. Each line ("start-end perms offset dev inode
     * [path]") is looked at only as far as its range; only the one holding the address is split
     * into fields (splitting every line cost 1.3 ms a call at 2000 mappings: SharedFutexKeyBenchmark).
     */
    static long keyIn(String maps, long address) {
        int length = maps.length();
        for (int line = 0; line < length; ) {
            int eol = maps.indexOf('\n', line);
            if (eol < 0) {
                eol = length;
            }
            int dash = maps.indexOf('-', line);
            int space = dash < 0 ? -1 : maps.indexOf(' ', dash);
            if (dash > line && space > dash && space < eol) {
                long start = hex(maps, line, dash);
                long end = hex(maps, dash + 1, space);
                if (Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0) {
                    return keyOfMapping(maps.substring(line, eol), start, address);
                }
            }
            line = eol + 1;
        }
        return 0;
    }

    /** The key of {@code address} in the mapping {@code line} starting at {@code start}; 0 if it is not shared. */
    private static long keyOfMapping(String line, long start, long address) {
        String[] f = line.trim().split("\\s+", 6);
        if (f.length < 5 || f[1].length() < 4 || f[1].charAt(3) != 's') {
            return 0;
        }
        long offset = Long.parseUnsignedLong(f[2], 16) + (address - start);
        return SHARED | (mix(mix(f[3].hashCode()) ^ Long.parseUnsignedLong(f[4]) * 31 + offset) & ~SHARED);
    }

    private static long hex(String s, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value << 4 | Character.digit(s.charAt(i), 16);
        }
        return value;
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
