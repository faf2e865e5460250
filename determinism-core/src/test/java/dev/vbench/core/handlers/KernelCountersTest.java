package dev.vbench.core.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.run.RunConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel's machine-wide counters as the virtual machine shows them: its 4 CPUs, nothing counted. */
class KernelCountersTest {
    private final KernelCounters counters = new KernelCounters(new MachineView(RunConfig.of(List.of("/bin/true"), List.of())));

    @Test
    void interruptAndSoftirqTablesHaveAColumnPerVirtualCpuAndCountNothing() {
        String cpus = "CPU0       CPU1       CPU2       CPU3       \n";
        assertThat(counters.interrupts()).startsWith("           " + cpus)
                .contains("\nLOC:          0          0          0          0   Local timer interrupts\n",
                        "\nERR:          0\n");
        assertThat(counters.softirqs()).startsWith("                    " + cpus)
                .contains("\n       TIMER:          0          0          0          0\n");
        for (String table : List.of(counters.interrupts(), counters.softirqs())) {
            assertThat(table.lines().skip(1)).allSatisfy(l -> assertThat(l).matches(" *[A-Z_]+:( +0)+( .*)?"));
        }
    }

    @Test
    void snmpNamesAsManyValuesAsEachProtocolHasCounters() {
        List<String> lines = counters.netSnmp().lines().toList();
        assertThat(lines).hasSize(10);
        for (int i = 0; i < lines.size(); i += 2) {
            String[] names = lines.get(i).split(" ");
            String[] values = lines.get(i + 1).split(" ");
            assertThat(values[0]).isEqualTo(names[0]);
            assertThat(values).as(names[0]).hasSameSizeAs(names);
        }
        assertThat(lines.get(1)).startsWith("Ip: 2 64 0 ");
        assertThat(lines.get(7)).isEqualTo("Udp: 0 0 0 0 0 0 0 0 0");
    }

    @Test
    void theLoopbackInterfaceAndTheDiskTransferredNothing() {
        assertThat(counters.netDev().lines().toList().get(2)).isEqualTo(
                "    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0");
        assertThat(counters.diskstats()).startsWith("   8       0 sda 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
    }

    @Test
    void theMostOpenFilesFollowTheVirtualMemory() {
        assertThat(counters.fileNr()).isEqualTo("0\t0\t838860\n"); // 8 GiB: 8388608 kB / 10
    }
}
