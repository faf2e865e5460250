package dev.vbench.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** Runs the generated classic-BPF program in a small interpreter over struct seccomp_data. */
class SeccompFilterTest {
    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    private static final int AUDIT_ARCH_I386 = 0x40000003;
    private static final int AUDIT_ARCH_AARCH64 = 0xC00000B7;
    private static final int X32_BIT = 0x40000000;
    private static final int RET_TRACE = 0x7ff00000;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_ENOSYS = 0x00050026;

    private record Insn(int code, int jt, int jf, int k) {}

    private static Insn[] decode(byte[] program) {
        assertThat(program.length % 8).as("sock_filter is 8 bytes").isZero();
        ByteBuffer b = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        Insn[] out = new Insn[program.length / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Insn(b.getShort() & 0xffff, b.get() & 0xff, b.get() & 0xff, b.getInt());
        }
        return out;
    }

    static int run(byte[] program, int nr, int arch) {
        return run(program, nr, arch, 0x401000L);
    }

    /** Interprets the four opcodes the filter may use; fails on anything else or on running off the end. */
    static int run(byte[] program, int nr, int arch, long ip) {
        Insn[] insns = decode(program);
        assertThat(insns.length).as("BPF_MAXINSNS").isLessThanOrEqualTo(4096);
        int a = 0;
        int pc = 0;
        for (int steps = 0; steps <= insns.length; steps++) {
            assertThat(pc).as("pc in program").isBetween(0, insns.length - 1);
            Insn in = insns[pc];
            switch (in.code) {
                case 0x20 -> { // BPF_LD | BPF_W | BPF_ABS
                    a = switch (in.k) {
                        case 0 -> nr;
                        case 4 -> arch;
                        case 8 -> (int) ip;
                        case 12 -> (int) (ip >>> 32);
                        default -> throw new AssertionError("load of seccomp_data offset " + in.k);
                    };
                    pc++;
                }
                case 0x15 -> pc += 1 + (a == in.k ? in.jt : in.jf); // BPF_JMP | BPF_JEQ | BPF_K
                case 0x35 -> pc += 1 + (Integer.compareUnsigned(a, in.k) >= 0 ? in.jt : in.jf); // JGE
                case 0x06 -> { // BPF_RET | BPF_K
                    return in.k;
                }
                default -> throw new AssertionError("unexpected opcode 0x" + Integer.toHexString(in.code) + " at " + pc);
            }
        }
        throw new AssertionError("program loops");
    }

    private static BitSet bits(int... nrs) {
        BitSet b = new BitSet();
        for (int nr : nrs) {
            b.set(nr);
        }
        return b;
    }

    @Test
    void withoutABitsetEveryX8664CallIsTraced() {
        byte[] p = SeccompFilter.program(null, 0);
        assertThat(p).hasSize(7 * 8);
        for (int nr = 0; nr < 600; nr++) {
            assertThat(run(p, nr, AUDIT_ARCH_X86_64)).as("nr %d", nr).isEqualTo(RET_TRACE);
        }
        assertThat(run(p, 0x3fffffff, AUDIT_ARCH_X86_64)).isEqualTo(RET_TRACE);
    }

    @Test
    void otherArchitecturesAndX32AreRefusedWithEnosys() {
        for (byte[] p : new byte[][] {SeccompFilter.program(null, 0), SeccompFilter.program(bits(0, 1, 59, 231), 0)}) {
            assertThat(run(p, 1, AUDIT_ARCH_I386)).isEqualTo(RET_ENOSYS);
            assertThat(run(p, 59, AUDIT_ARCH_AARCH64)).isEqualTo(RET_ENOSYS);
            assertThat(run(p, 0, 0)).isEqualTo(RET_ENOSYS);
            assertThat(run(p, 1 | X32_BIT, AUDIT_ARCH_X86_64)).isEqualTo(RET_ENOSYS);
            assertThat(run(p, 59 | X32_BIT, AUDIT_ARCH_X86_64)).isEqualTo(RET_ENOSYS);
            assertThat(run(p, -1, AUDIT_ARCH_X86_64)).as("nr -1 (>= x32 bit unsigned)").isEqualTo(RET_ENOSYS);
        }
    }

    @Test
    void withABitsetOnlyTheTrappedCallsAreTraced() {
        BitSet trapped = bits(0, 1, 59, 60, 202, 231, 322);
        byte[] p = SeccompFilter.program(trapped, 0);
        assertThat(p).hasSize((6 + 2 * trapped.cardinality() + 1) * 8);
        for (int nr = 0; nr < 512; nr++) {
            assertThat(run(p, nr, AUDIT_ARCH_X86_64)).as("nr %d", nr)
                    .isEqualTo(trapped.get(nr) ? RET_TRACE : RET_ALLOW);
        }
    }

    @Test
    void anEmptyBitsetAllowsEverything() {
        byte[] p = SeccompFilter.program(new BitSet(), 0);
        for (int nr = 0; nr < 512; nr++) {
            assertThat(run(p, nr, AUDIT_ARCH_X86_64)).isEqualTo(RET_ALLOW);
        }
        assertThat(run(p, 3, AUDIT_ARCH_I386)).isEqualTo(RET_ENOSYS);
    }

    @Test
    void aBitsetOfTwoHundredCallsStillJumpsRight() {
        BitSet trapped = new BitSet();
        for (int nr = 0; nr < 400; nr += 2) {
            trapped.set(nr);
        }
        byte[] p = SeccompFilter.program(trapped, 0);
        for (int nr = 0; nr < 450; nr++) {
            assertThat(run(p, nr, AUDIT_ARCH_X86_64)).as("nr %d", nr)
                    .isEqualTo(trapped.get(nr) ? RET_TRACE : RET_ALLOW);
        }
        assertThat(run(p, 2 | X32_BIT, AUDIT_ARCH_X86_64)).isEqualTo(RET_ENOSYS);
        assertThat(run(p, 2, AUDIT_ARCH_I386)).isEqualTo(RET_ENOSYS);
    }

    @Test
    void moreThan251TrappedCallsStillFilterCorrectly() {
        BitSet trapped = new BitSet();
        trapped.set(0, 300);
        byte[] p = SeccompFilter.program(trapped, 0);
        assertThat(run(p, 299, AUDIT_ARCH_X86_64)).isEqualTo(RET_TRACE);
        assertThat(run(p, 400, AUDIT_ARCH_X86_64)).isEqualTo(RET_ALLOW);
        assertThat(run(p, 1, AUDIT_ARCH_I386)).isEqualTo(RET_ENOSYS);
        assertThat(run(p, 1 | X32_BIT, AUDIT_ARCH_X86_64)).isEqualTo(RET_ENOSYS);
    }

    @Test
    void callsFromThePrivateSiteRunWithoutAStop() {
        long site = 0x58001c41L;
        BitSet trapped = bits(0, 1, 128, 186, 231);
        byte[] p = SeccompFilter.program(trapped, site);
        for (int nr = 0; nr < 512; nr++) {
            assertThat(run(p, nr, AUDIT_ARCH_X86_64, site)).as("nr %d from the site", nr).isEqualTo(RET_ALLOW);
            assertThat(run(p, nr, AUDIT_ARCH_X86_64, site + 2)).as("nr %d elsewhere", nr)
                    .isEqualTo(trapped.get(nr) ? RET_TRACE : RET_ALLOW);
        }
        // Both words of the address must match.
        assertThat(run(p, 186, AUDIT_ARCH_X86_64, site | 1L << 32)).isEqualTo(RET_TRACE);
        assertThat(run(p, 186, AUDIT_ARCH_X86_64, site & 0xffffffff00000000L | 0x1c41L)).isEqualTo(RET_TRACE);
        // Another ABI is refused even from there.
        assertThat(run(p, 186, AUDIT_ARCH_I386, site)).isEqualTo(RET_ENOSYS);
        assertThat(run(p, 186 | X32_BIT, AUDIT_ARCH_X86_64, site)).isEqualTo(RET_ENOSYS);
    }

    @Test
    void aSiteAboveFourGigabytesComparesTheHighWord() {
        long site = 0x7fff_1234_5678L;
        byte[] p = SeccompFilter.program(bits(186), site);
        assertThat(run(p, 186, AUDIT_ARCH_X86_64, site)).isEqualTo(RET_ALLOW);
        assertThat(run(p, 186, AUDIT_ARCH_X86_64, 0x1234_5678L)).isEqualTo(RET_TRACE);
    }
}
