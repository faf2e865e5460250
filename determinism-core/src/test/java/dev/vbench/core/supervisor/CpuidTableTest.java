package dev.vbench.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CpuidTableTest {

    private static int[] answer(int leaf, int subleaf, int cpus) {
        int[] out = {-1, -1, -1, -1};
        CpuidTable.answer(leaf, subleaf, cpus, out);
        return out;
    }

    private static String ascii(int... regs) {
        ByteBuffer b = ByteBuffer.allocate(regs.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int r : regs) {
            b.putInt(r);
        }
        return new String(b.array(), StandardCharsets.US_ASCII);
    }

    @Test
    void leafZeroSaysGenuineIntelInEbxEdxEcxOrder() {
        int[] r = answer(0, 0, 4);
        assertThat(ascii(r[1], r[3], r[2])).isEqualTo("GenuineIntel");
        assertThat(r[0]).as("max basic leaf").isEqualTo(0xd);
    }

    @Test
    void leafOneIsAnX8664V2MachineWithoutRdrandOrAvx() {
        int[] r = answer(1, 0, 4);
        int ecx = r[2];
        int edx = r[3];
        assertThat(ecx & (1 << 30)).as("RDRAND").isZero();
        assertThat(ecx & (1 << 28)).as("AVX").isZero();
        assertThat(ecx & (1 << 27)).as("OSXSAVE").isZero();
        assertThat(ecx & (1 << 20)).as("SSE4.2").isNotZero();
        assertThat(ecx & (1 << 19)).as("SSE4.1").isNotZero();
        assertThat(ecx & (1 << 23)).as("POPCNT").isNotZero();
        assertThat(ecx & (1 << 13)).as("CX16").isNotZero();
        assertThat(ecx & (1 << 9)).as("SSSE3").isNotZero();
        assertThat(ecx & 1).as("SSE3").isNotZero();
        assertThat(edx & (1 << 26)).as("SSE2").isNotZero();
        assertThat(edx & (1 << 4)).as("TSC").isNotZero();
        assertThat(r[0]).as("signature: family 6").isEqualTo(0x00050654);
        assertThat((r[0] >> 8) & 0xf).isEqualTo(6);
    }

    @Test
    void leafOneReportsTheCpuCountAndHtt() {
        assertThat((answer(1, 0, 4)[1] >>> 16) & 0xff).isEqualTo(4);
        assertThat((answer(1, 0, 4)[1] >>> 8) & 0xff).as("clflush line in 8-byte units").isEqualTo(8);
        assertThat(answer(1, 0, 4)[3] & (1 << 28)).as("HTT with several CPUs").isNotZero();
        assertThat(answer(1, 0, 1)[3] & (1 << 28)).as("no HTT with one CPU").isZero();
        assertThat((answer(1, 0, 1000)[1] >>> 16) & 0xff).as("saturates at 255").isEqualTo(255);
    }

    @Test
    void unknownLeavesReadAsZeros() {
        for (int leaf : new int[] {7, 0xb, 0xd, 0x14, 0x40000000, 0x80000005, 0x80000007, 0x8fffffff, -1}) {
            assertThat(answer(leaf, 0, 4)).as("leaf 0x%x", leaf).containsExactly(0, 0, 0, 0);
        }
    }

    @Test
    void extendedLeaves() {
        assertThat(answer(0x80000000, 0, 4)[0]).isEqualTo(0x80000008);
        int[] ext = answer(0x80000001, 0, 4);
        assertThat(ext[3] & (1 << 29)).as("long mode").isNotZero();
        assertThat(ext[3] & (1 << 27)).as("RDTSCP").isNotZero();
        assertThat(ext[3] & (1 << 11)).as("SYSCALL").isNotZero();
        assertThat(ext[2] & 1).as("LAHF/SAHF").isNotZero();
        assertThat(answer(0x80000008, 0, 4)[0] & 0xff).as("physical address bits").isEqualTo(46);
        assertThat((answer(0x80000008, 0, 4)[0] >> 8) & 0xff).as("virtual address bits").isEqualTo(48);
        assertThat(answer(0x80000006, 0, 4)[2] & 0xff).as("L2 line size").isEqualTo(64);
        assertThat(answer(0x80000006, 0, 4)[2] >>> 16).as("L2 KiB").isEqualTo(256);
    }

    @Test
    void brandStringSpansThreeLeavesAndIsNulTerminated() {
        StringBuilder brand = new StringBuilder();
        for (int leaf = 0x80000002; leaf <= 0x80000004; leaf++) {
            brand.append(ascii(answer(leaf, 0, 4)));
        }
        assertThat(brand).hasSize(48);
        String s = brand.toString();
        assertThat(s.substring(0, s.indexOf('\0'))).isEqualTo("vbench virtual CPU (x86-64-v2) @ 1.00GHz");
        assertThat(s.substring(s.indexOf('\0'))).matches("\0+");
    }

    @Test
    void subleafAndPreviousContentsDoNotMatter() {
        assertThat(answer(1, 5, 4)).containsExactly(answer(1, 0, 4));
        assertThat(answer(0, 123, 4)).containsExactly(answer(0, 0, 4));
    }
}
