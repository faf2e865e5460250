package dev.vbench.core.supervisor;

import java.nio.charset.StandardCharsets;

/**
 * The CPU the guest sees where the host lets cpuid be trapped: a portable x86-64-v2 machine
 * (SSE4.2, POPCNT, CX16; no AVX, no RDRAND/RDSEED, no TSX), so glibc's ifuncs and a JIT choose the
 * same code on any host. Every leaf has an answer; an unknown leaf reads as zeros, as on real
 * hardware above the maximum leaf.
 */
final class CpuidTable {
    private static final int MAX_BASIC = 0xd;
    private static final int MAX_EXTENDED = 0x80000008;
    private static final String VENDOR = "GenuineIntel";
    private static final String BRAND = "vbench virtual CPU (x86-64-v2) @ 1.00GHz";

    // Leaf 1, ecx: SSE3(0) PCLMULQDQ(1) SSSE3(9) CX16(13) SSE4.1(19) SSE4.2(20) POPCNT(23)
    private static final int LEAF1_ECX = 1 | 1 << 1 | 1 << 9 | 1 << 13 | 1 << 19 | 1 << 20 | 1 << 23;
    // Leaf 1, edx: FPU(0) TSC(4) MSR(5) CX8(8) APIC(9) SEP(11) CMOV(15) PAT(16) CLFSH(19) MMX(23) FXSR(24) SSE(25) SSE2(26)
    private static final int LEAF1_EDX = 1 | 1 << 4 | 1 << 5 | 1 << 8 | 1 << 9 | 1 << 11 | 1 << 15 | 1 << 16
            | 1 << 19 | 1 << 23 | 1 << 24 | 1 << 25 | 1 << 26;
    // Family 6, model 0x55 stepping 4 (a Skylake server signature widely known to software).
    private static final int SIGNATURE = 0x00050654;

    private CpuidTable() {}

    /** Fills {@code out} with eax, ebx, ecx, edx for {@code leaf} and {@code subleaf}. */
    static void answer(int leaf, int subleaf, int cpus, int[] out) {
        java.util.Arrays.fill(out, 0);
        switch (leaf) {
            case 0 -> {
                out[0] = MAX_BASIC;
                int[] v = words(VENDOR);
                out[1] = v[0];
                out[3] = v[1];
                out[2] = v[2];
            }
            case 1 -> {
                out[0] = SIGNATURE;
                out[1] = 8 << 8 | Math.min(cpus, 255) << 16; // clflush 64 bytes, logical CPUs, APIC id 0
                out[2] = LEAF1_ECX;
                out[3] = LEAF1_EDX | (cpus > 1 ? 1 << 28 : 0);
            }
            case 0x80000000 -> out[0] = MAX_EXTENDED;
            case 0x80000001 -> {
                out[2] = 1; // LAHF/SAHF in long mode
                out[3] = 1 << 11 | 1 << 20 | 1 << 27 | 1 << 29; // SYSCALL NX RDTSCP LM
            }
            case 0x80000002, 0x80000003, 0x80000004 -> {
                int[] b = words(BRAND);
                int base = (leaf - 0x80000002) * 4;
                System.arraycopy(b, base, out, 0, 4);
            }
            case 0x80000006 -> out[2] = 256 << 16 | 8 << 12 | 64; // L2: 256 KiB, 8-way, 64-byte lines
            case 0x80000008 -> out[0] = 48 << 8 | 46; // 48-bit virtual, 46-bit physical addresses
            default -> { }
        }
    }

    /** A string as consecutive little-endian 32-bit words, NUL-padded to 48 bytes. */
    private static int[] words(String s) {
        byte[] bytes = java.util.Arrays.copyOf(s.getBytes(StandardCharsets.US_ASCII), 48);
        int[] w = new int[12];
        for (int i = 0; i < w.length; i++) {
            w[i] = (bytes[i * 4] & 0xff) | (bytes[i * 4 + 1] & 0xff) << 8 | (bytes[i * 4 + 2] & 0xff) << 16
                    | (bytes[i * 4 + 3] & 0xff) << 24;
        }
        return w;
    }
}
