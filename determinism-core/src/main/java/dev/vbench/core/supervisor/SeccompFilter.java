package dev.vbench.core.supervisor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;

/**
 * The classic-BPF program each guest installs. By default every x86-64 system call stops in the
 * supervisor (SECCOMP_RET_TRACE), so counts by name are complete. When a runtime counts the
 * guest's calls itself (Valgrind), only the calls some handler needs are trapped and the rest run
 * without a stop: most of Valgrind's own housekeeping calls are then free. A runtime may also name
 * one private {@code syscall} instruction whose calls need no answer from the supervisor
 * (vbcount's, see vb_housekeeping.c): every call made there runs without a stop. Calls through
 * another ABI (int 0x80, x32) fail with ENOSYS rather than slip past the determinizer.
 */
final class SeccompFilter {
    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    private static final int X32_SYSCALL_BIT = 0x40000000;
    private static final int RET_TRACE = 0x7ff00000;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int ENOSYS = 38;
    // BPF opcodes (linux/bpf_common.h); jump offsets count from the next instruction.
    private static final short LD_W_ABS = 0x20, JEQ_K = 0x15, JGE_K = 0x35, RET_K = 0x06;
    // struct seccomp_data: nr at 0, arch at 4, instruction_pointer at 8 (low word) and 12 (high word)
    private static final int OFFSET_NR = 0, OFFSET_ARCH = 4, OFFSET_IP_LOW = 8, OFFSET_IP_HIGH = 12;

    private SeccompFilter() {}

    /**
     * The program as struct sock_filter[] (8 bytes each, little-endian). Every jump is short (at
     * most one instruction), so the program is right for any number of trapped calls: jump
     * offsets are single bytes.
     *
     * @param trapped the system calls to stop on, or null for all of them
     * @param privateSite the address the kernel reports for calls from the runtime's private
     *     {@code syscall} instruction (the one after it), which are let through; 0 for none
     */
    static byte[] program(BitSet trapped, long privateSite) {
        int checks = trapped == null ? 0 : trapped.cardinality();
        int length = 6 + (privateSite == 0 ? 0 : 6) + (trapped == null ? 1 : 2 * checks + 1);
        ByteBuffer b = ByteBuffer.allocate(length * 8).order(ByteOrder.LITTLE_ENDIAN);
        insn(b, LD_W_ABS, 0, 0, OFFSET_ARCH);
        insn(b, JEQ_K, 1, 0, AUDIT_ARCH_X86_64);     // x86-64: skip the rejection
        insn(b, RET_K, 0, 0, RET_ERRNO | ENOSYS);    // another architecture (int 0x80)
        insn(b, LD_W_ABS, 0, 0, OFFSET_NR);
        insn(b, JGE_K, 0, 1, X32_SYSCALL_BIT);       // not x32: skip the rejection
        insn(b, RET_K, 0, 0, RET_ERRNO | ENOSYS);    // the x32 ABI
        if (privateSite != 0) {
            insn(b, LD_W_ABS, 0, 0, OFFSET_IP_LOW);
            insn(b, JEQ_K, 0, 3, (int) privateSite);          // not the private site: to the checks
            insn(b, LD_W_ABS, 0, 0, OFFSET_IP_HIGH);
            insn(b, JEQ_K, 0, 1, (int) (privateSite >>> 32));
            insn(b, RET_K, 0, 0, RET_ALLOW);                 // the runtime's own business
            insn(b, LD_W_ABS, 0, 0, OFFSET_NR);
        }
        if (trapped == null) {
            insn(b, RET_K, 0, 0, RET_TRACE);
        } else {
            for (int nr = trapped.nextSetBit(0); nr >= 0; nr = trapped.nextSetBit(nr + 1)) {
                insn(b, JEQ_K, 0, 1, nr);            // this call: trace it, else test the next
                insn(b, RET_K, 0, 0, RET_TRACE);
            }
            insn(b, RET_K, 0, 0, RET_ALLOW);         // no handler needs it
        }
        return b.array();
    }

    private static void insn(ByteBuffer b, short code, int jt, int jf, int k) {
        b.putShort(code).put((byte) jt).put((byte) jf).putInt(k);
    }
}
