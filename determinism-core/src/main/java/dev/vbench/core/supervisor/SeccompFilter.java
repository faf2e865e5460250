package dev.vbench.core.supervisor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The classic-BPF program each guest installs: every x86-64 system call stops in the supervisor
 * (SECCOMP_RET_TRACE), so counts by name are complete; calls through another ABI (int 0x80, x32)
 * fail with ENOSYS rather than slip past the determinizer.
 */
final class SeccompFilter {
    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    private static final int X32_SYSCALL_BIT = 0x40000000;
    private static final int RET_TRACE = 0x7ff00000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int ENOSYS = 38;
    // BPF opcodes (linux/bpf_common.h); jump offsets count from the next instruction.
    private static final short LD_W_ABS = 0x20, JEQ_K = 0x15, JGE_K = 0x35, RET_K = 0x06;
    // struct seccomp_data: nr at 0, arch at 4
    private static final int OFFSET_NR = 0, OFFSET_ARCH = 4;

    private SeccompFilter() {}

    /** The program as struct sock_filter[] (8 bytes each, little-endian). */
    static byte[] program() {
        ByteBuffer b = ByteBuffer.allocate(6 * 8).order(ByteOrder.LITTLE_ENDIAN);
        insn(b, LD_W_ABS, 0, 0, OFFSET_ARCH);          // 0
        insn(b, JEQ_K, 0, 3, AUDIT_ARCH_X86_64);       // 1: other arch -> 5
        insn(b, LD_W_ABS, 0, 0, OFFSET_NR);            // 2
        insn(b, JGE_K, 1, 0, X32_SYSCALL_BIT);         // 3: x32 -> 5
        insn(b, RET_K, 0, 0, RET_TRACE);               // 4
        insn(b, RET_K, 0, 0, RET_ERRNO | ENOSYS);      // 5
        return b.array();
    }

    private static void insn(ByteBuffer b, short code, int jt, int jf, int k) {
        b.putShort(code).put((byte) jt).put((byte) jf).putInt(k);
    }
}
