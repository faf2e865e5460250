package dev.vbench.core.guest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The address space of the thread a handler serves. Reads report how much they could read; writes
 * and the typed reads throw {@link GuestFault} on an address the guest does not have mapped, which
 * the supervisor turns into EFAULT, as the kernel would. Little-endian x86-64 layouts throughout.
 */
public interface GuestMemory {
    int PAGE = 4096;
    long NANOS = 1_000_000_000L;

    /**
     * Reads up to {@code length} bytes at {@code address} into {@code dst}; returns how many were
     * read, fewer if the range runs into unmapped memory, -1 if none could be.
     */
    int read(long address, byte[] dst, int offset, int length);

    /** Writes {@code length} bytes of {@code src}; throws {@link GuestFault} unless all were written. */
    void write(long address, byte[] src, int offset, int length);

    /** Reads exactly {@code length} bytes; throws {@link GuestFault} if they are not all readable. */
    default void readFully(long address, byte[] dst, int offset, int length) {
        if (read(address, dst, offset, length) != length) {
            throw new GuestFault(address, length);
        }
    }

    default long readLong(long address) {
        byte[] b = new byte[8];
        readFully(address, b, 0, 8);
        return Bytes.getLong(b, 0);
    }

    default int readInt(long address) {
        byte[] b = new byte[4];
        readFully(address, b, 0, 4);
        return Bytes.getInt(b, 0);
    }

    default void writeLong(long address, long value) {
        byte[] b = new byte[8];
        Bytes.putLong(b, 0, value);
        write(address, b, 0, 8);
    }

    default void writeInt(long address, int value) {
        byte[] b = new byte[4];
        Bytes.putInt(b, 0, value);
        write(address, b, 0, 4);
    }

    /** Two consecutive longs (a struct timespec, a struct timeval). */
    default void writeLongs(long address, long first, long second) {
        byte[] b = new byte[16];
        Bytes.putLong(b, 0, first);
        Bytes.putLong(b, 8, second);
        write(address, b, 0, 16);
    }

    /** A struct timespec {tv_sec, tv_nsec}, as the kernel's argument checks see it. */
    default Timespec readTimespec(long address) {
        byte[] b = new byte[16];
        readFully(address, b, 0, 16);
        return new Timespec(Bytes.getLong(b, 0), Bytes.getLong(b, 8));
    }

    /** A struct timeval {tv_sec, tv_usec}, converted to a timespec. */
    default Timespec readTimeval(long address) {
        byte[] b = new byte[16];
        readFully(address, b, 0, 16);
        long usec = Bytes.getLong(b, 8);
        return new Timespec(Bytes.getLong(b, 0), usec < 0 || usec >= 1_000_000 ? -1 : usec * 1000);
    }

    default void writeTimespec(long address, long nanos) {
        writeLongs(address, nanos / NANOS, nanos % NANOS);
    }

    default void writeTimeval(long address, long nanos) {
        writeLongs(address, nanos / NANOS, nanos % NANOS / 1000);
    }

    /**
     * The NUL-terminated byte string at {@code address}, at most {@code max} bytes, or null if it
     * cannot be read or is longer. Read page by page, so a string ending near unmapped memory reads.
     */
    default byte[] readCString(long address, int max) {
        byte[] out = new byte[Math.min(max, 256)];
        byte[] chunk = new byte[PAGE];
        int length = 0;
        long at = address;
        while (length < max) {
            int want = (int) Math.min(PAGE - (at & (PAGE - 1)), max - length);
            int n = read(at, chunk, 0, want);
            if (n <= 0) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                if (chunk[i] == 0) {
                    return Arrays.copyOf(out, length);
                }
                if (length == out.length) {
                    out = Arrays.copyOf(out, Math.min(max, out.length * 2));
                }
                out[length++] = chunk[i];
            }
            at += n;
        }
        return null;
    }

    /** The path argument at {@code address} (at most PATH_MAX), or null if it cannot be read. */
    default String readPath(long address) {
        byte[] raw = readCString(address, 4096);
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }

    /**
     * A struct timespec as read: {@link #valid()} says whether the kernel would accept it as a
     * duration or time (seconds not negative, nanoseconds below one second).
     */
    record Timespec(long seconds, long nanos) {
        public boolean valid() {
            return seconds >= 0 && nanos >= 0 && nanos < NANOS;
        }

        /** The value in nanoseconds, saturated at Long.MAX_VALUE (an "infinite" timeout). */
        public long totalNanos() {
            if (seconds >= Long.MAX_VALUE / NANOS) {
                return Long.MAX_VALUE;
            }
            return seconds * NANOS + nanos;
        }
    }
}
