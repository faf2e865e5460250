package dev.vbench.core.guest;

import java.util.HashMap;
import java.util.Map;

/**
 * An address space in a map of pages: only the pages a test maps are readable and writable, so a
 * handler given a bad pointer meets a {@link GuestFault} as it would under ptrace.
 */
public final class FakeMemory implements GuestMemory {
    private final Map<Long, byte[]> pages = new HashMap<>();
    private long nextFree = 0x10_0000;

    /** Maps {@code length} zeroed bytes at {@code address} (rounded out to whole pages). */
    public void map(long address, int length) {
        for (long page = address & -PAGE; page < address + length; page += PAGE) {
            pages.putIfAbsent(page, new byte[PAGE]);
        }
    }

    /** Maps a fresh region of {@code length} bytes and returns its address. */
    public long allocate(int length) {
        long address = nextFree;
        map(address, Math.max(length, 1));
        nextFree += ((Math.max(length, 1) + PAGE - 1) / PAGE + 1) * (long) PAGE; // a guard page after each
        return address;
    }

    /** A region holding {@code bytes}. */
    public long allocate(byte[] bytes) {
        long address = allocate(bytes.length);
        write(address, bytes, 0, bytes.length);
        return address;
    }

    /** A region holding the NUL-terminated string {@code s}. */
    public long allocateString(String s) {
        byte[] b = (s + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return allocate(b);
    }

    /** A struct timespec holding {@code nanos}. */
    public long allocateTimespec(long nanos) {
        long address = allocate(16);
        writeTimespec(address, nanos);
        return address;
    }

    /** Raw struct timespec fields, for invalid values. */
    public long allocateTimespec(long seconds, long nanos) {
        long address = allocate(16);
        writeLongs(address, seconds, nanos);
        return address;
    }

    @Override
    public int read(long address, byte[] dst, int offset, int length) {
        int done = 0;
        while (done < length) {
            byte[] page = pages.get((address + done) & -PAGE);
            if (page == null) {
                return done == 0 ? -1 : done;
            }
            int at = (int) ((address + done) & (PAGE - 1));
            int n = Math.min(length - done, PAGE - at);
            System.arraycopy(page, at, dst, offset + done, n);
            done += n;
        }
        return done;
    }

    @Override
    public void write(long address, byte[] src, int offset, int length) {
        for (long page = address & -PAGE; page < address + length; page += PAGE) {
            if (!pages.containsKey(page)) {
                throw new GuestFault(address, length);
            }
        }
        int done = 0;
        while (done < length) {
            byte[] page = pages.get((address + done) & -PAGE);
            int at = (int) ((address + done) & (PAGE - 1));
            int n = Math.min(length - done, PAGE - at);
            System.arraycopy(src, offset + done, page, at, n);
            done += n;
        }
    }
}
