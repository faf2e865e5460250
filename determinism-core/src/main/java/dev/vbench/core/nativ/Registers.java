package dev.vbench.core.nativ;

import jnr.ffi.Pointer;

/**
 * A preallocated x86-64 {@code struct user_regs_struct} (27 u64) for one tracee stop.
 *
 * <p>Reused for every stop so the supervisor loop allocates nothing; {@link #copyFrom} serves the
 * save/restore around injected system calls.
 */
public final class Registers {
    public static final int SIZE = 27 * 8;
    private static final int R10 = 56, R9 = 64, R8 = 72, RAX = 80, RCX = 88, RDX = 96, RSI = 104,
            RDI = 112, ORIG_RAX = 120, RIP = 128, RSP = 152;
    private static final int[] ARG_OFFSETS = {RDI, RSI, RDX, R10, R8, R9};

    private final Pointer buffer = Native.allocate(SIZE);

    public void load(int tid) {
        Ptrace.check(Tracer.current().ptrace(Ptrace.GETREGS, tid, 0, buffer.address()), "PTRACE_GETREGS", tid);
    }

    public void store(int tid) {
        Ptrace.check(Tracer.current().ptrace(Ptrace.SETREGS, tid, 0, buffer.address()), "PTRACE_SETREGS", tid);
    }

    public void copyFrom(Registers other) {
        buffer.transferFrom(0, other.buffer, 0, SIZE);
    }

    /** System call argument {@code index} (0..5) in the kernel's order: rdi rsi rdx r10 r8 r9. */
    public long arg(int index) {
        return buffer.getLong(ARG_OFFSETS[index]);
    }

    public void setArg(int index, long value) {
        buffer.putLong(ARG_OFFSETS[index], value);
    }

    public long syscallNumber() {
        return buffer.getLong(ORIG_RAX);
    }

    public void setSyscallNumber(long nr) {
        buffer.putLong(ORIG_RAX, nr);
    }

    public long rax() {
        return buffer.getLong(RAX);
    }

    public void setRax(long value) {
        buffer.putLong(RAX, value);
    }

    public long rcx() {
        return buffer.getLong(RCX);
    }

    public void setRcx(long value) {
        buffer.putLong(RCX, value);
    }

    public long rbx() {
        return buffer.getLong(40);
    }

    public void setRbx(long value) {
        buffer.putLong(40, value);
    }

    public long rdx() {
        return buffer.getLong(RDX);
    }

    public void setRdx(long value) {
        buffer.putLong(RDX, value);
    }

    public long rip() {
        return buffer.getLong(RIP);
    }

    public void setRip(long value) {
        buffer.putLong(RIP, value);
    }

    public long rsp() {
        return buffer.getLong(RSP);
    }
}
