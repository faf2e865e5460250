package dev.vbench.core.supervisor;

import dev.vbench.core.guest.GuestFault;
import dev.vbench.core.guest.GuestMemory;
import dev.vbench.core.nativ.RemoteMemory;
import jnr.ffi.Pointer;

/**
 * A stopped thread's address space through process_vm_readv/writev ({@link RemoteMemory}). Bound
 * to one thread at a time by the supervisor; the typed accessors go through the preallocated
 * native buffer, so the stop loop allocates nothing for them.
 */
final class PtraceMemory implements GuestMemory {
    private final RemoteMemory remote;
    private int tid;

    PtraceMemory(RemoteMemory remote) {
        this.remote = remote;
    }

    RemoteMemory remote() {
        return remote;
    }

    void bind(int tid) {
        this.tid = tid;
    }

    @Override
    public int read(long address, byte[] dst, int offset, int length) {
        int n = remote.read(tid, address, length);
        if (n > 0) {
            remote.scratch(length).get(0, dst, offset, n);
        }
        return n;
    }

    @Override
    public void write(long address, byte[] src, int offset, int length) {
        remote.scratch(length).put(0, src, offset, length);
        writeScratch(address, length);
    }

    @Override
    public long readLong(long address) {
        return readScratch(address, 8).getLong(0);
    }

    @Override
    public int readInt(long address) {
        return readScratch(address, 4).getInt(0);
    }

    @Override
    public void writeLong(long address, long value) {
        remote.scratch(8).putLong(0, value);
        writeScratch(address, 8);
    }

    @Override
    public void writeInt(long address, int value) {
        remote.scratch(4).putInt(0, value);
        writeScratch(address, 4);
    }

    @Override
    public void writeLongs(long address, long first, long second) {
        Pointer p = remote.scratch(16);
        p.putLong(0, first);
        p.putLong(8, second);
        writeScratch(address, 16);
    }

    private Pointer readScratch(long address, int length) {
        if (remote.read(tid, address, length) != length) {
            throw new GuestFault(address, length);
        }
        return remote.scratch(length);
    }

    private void writeScratch(long address, int length) {
        if (remote.tryWrite(tid, address, length) != length) {
            throw new GuestFault(address, length);
        }
    }
}
