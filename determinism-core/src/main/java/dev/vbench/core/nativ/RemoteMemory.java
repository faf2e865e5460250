package dev.vbench.core.nativ;

import java.nio.charset.StandardCharsets;
import jnr.ffi.Pointer;

/**
 * Reads and writes a tracee's memory with process_vm_readv/writev through preallocated buffers.
 *
 * <p>One iovec never crosses a page boundary on reads of unknown length (C strings), because a
 * read crossing the end of a mapping fails whole with EFAULT (pitfall 7).
 */
public final class RemoteMemory {
    private static final int PAGE = 4096;
    private static final LibC C = Native.libc();

    private final Pointer localIov = Native.allocate(16);
    private final Pointer remoteIov = Native.allocate(48);
    private Pointer scratch = Native.allocate(64 * 1024);
    private int scratchSize = 64 * 1024;

    /** The buffer that {@link #read} fills and {@link #write} sends; valid until the next call. */
    public Pointer scratch(int atLeast) {
        if (atLeast > scratchSize) {
            scratchSize = Integer.highestOneBit(atLeast - 1) << 1;
            scratch = Native.allocate(scratchSize);
        }
        return scratch;
    }

    /**
     * Reads two separate regions with one system call: {@code len1} bytes at {@code addr1} land at
     * scratch offset 0, {@code len2} bytes at {@code addr2} right after. Returns the bytes read
     * (short if the second region is unreadable).
     */
    public int readTwo(int pid, long addr1, int len1, long addr2, int len2) {
        Pointer buf = scratch(len1 + len2);
        localIov.putLong(0, buf.address());
        localIov.putLong(8, len1 + len2);
        remoteIov.putLong(0, addr1);
        remoteIov.putLong(8, len1);
        remoteIov.putLong(16, addr2);
        remoteIov.putLong(24, len2);
        long n = C.process_vm_readv(pid, localIov, 1, remoteIov, 2, 0);
        return n < 0 ? -1 : (int) n;
    }

    /**
     * As {@link #readTwo}, with a third region after the second: three regions, one system call.
     * Returns the bytes read (short if a later region is unreadable).
     */
    public int readThree(int pid, long addr1, int len1, long addr2, int len2, long addr3, int len3) {
        Pointer buf = scratch(len1 + len2 + len3);
        localIov.putLong(0, buf.address());
        localIov.putLong(8, len1 + len2 + len3);
        remoteIov.putLong(0, addr1);
        remoteIov.putLong(8, len1);
        remoteIov.putLong(16, addr2);
        remoteIov.putLong(24, len2);
        remoteIov.putLong(32, addr3);
        remoteIov.putLong(40, len3);
        long n = C.process_vm_readv(pid, localIov, 1, remoteIov, 3, 0);
        return n < 0 ? -1 : (int) n;
    }

    /** Reads {@code len} bytes at {@code addr} into the scratch buffer; returns the bytes read. */
    public int read(int pid, long addr, int len) {
        return transfer(pid, addr, len, false);
    }

    /** Writes the first {@code len} bytes of the scratch buffer to {@code addr}; returns the bytes written or -1. */
    public int tryWrite(int pid, long addr, int len) {
        return transfer(pid, addr, len, true);
    }

    /** Writes the first {@code len} bytes of the scratch buffer to {@code addr}. */
    public void write(int pid, long addr, int len) {
        int done = transfer(pid, addr, len, true);
        if (done != len) {
            throw new NativeException("short write of " + len + " bytes to tracee " + pid + " at 0x"
                    + Long.toHexString(addr), Errno.EFAULT);
        }
    }

    public void writeBytes(int pid, long addr, byte[] bytes, int offset, int len) {
        scratch(len).put(0, bytes, offset, len);
        write(pid, addr, len);
    }

    public void writeLongs(int pid, long addr, long first, long second) {
        Pointer p = scratch(16);
        p.putLong(0, first);
        p.putLong(8, second);
        write(pid, addr, 16);
    }

    public void writeLong(int pid, long addr, long value) {
        scratch(8).putLong(0, value);
        write(pid, addr, 8);
    }

    /** Writes {@code value} at {@code addr}; returns the bytes written (4) or fewer if it cannot. */
    public int tryWriteInt(int pid, long addr, int value) {
        scratch(4).putInt(0, value);
        return tryWrite(pid, addr, 4);
    }

    public void writeInt(int pid, long addr, int value) {
        scratch(4).putInt(0, value);
        write(pid, addr, 4);
    }

    public long readLong(int pid, long addr) {
        if (read(pid, addr, 8) != 8) {
            throw new NativeException("read of tracee " + pid + " at 0x" + Long.toHexString(addr), Errno.EFAULT);
        }
        return scratch.getLong(0);
    }

    /** The NUL-terminated byte string at {@code addr}, at most {@code max} bytes, or null if unreadable. */
    public byte[] readCString(int pid, long addr, int max) {
        byte[] out = new byte[Math.min(max, 256)];
        int length = 0;
        long at = addr;
        while (length < max) {
            int chunk = (int) Math.min(PAGE - (at & (PAGE - 1)), max - length);
            int n = read(pid, at, chunk);
            if (n <= 0) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                byte b = scratch.getByte(i);
                if (b == 0) {
                    return java.util.Arrays.copyOf(out, length);
                }
                if (length == out.length) {
                    out = java.util.Arrays.copyOf(out, Math.min(max, out.length * 2));
                }
                out[length++] = b;
            }
            at += n;
        }
        return null;
    }

    public String readPath(int pid, long addr) {
        byte[] raw = readCString(pid, addr, 4096);
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }

    private int transfer(int pid, long addr, int len, boolean write) {
        Pointer buf = scratch(len);
        localIov.putLong(0, buf.address());
        localIov.putLong(8, len);
        remoteIov.putLong(0, addr);
        remoteIov.putLong(8, len);
        long n = write
                ? C.process_vm_writev(pid, localIov, 1, remoteIov, 1, 0)
                : C.process_vm_readv(pid, localIov, 1, remoteIov, 1, 0);
        return n < 0 ? -1 : (int) n;
    }
}
