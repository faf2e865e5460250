package dev.vbench.core.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.run.Redirects;
import dev.vbench.core.run.RunConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /proc/vmstat, zoneinfo and buddyinfo of the virtual machine: the same memory as meminfo, no paging. */
class MemoryStatisticsTest {
    private static MachineView machine(long memoryBytes) {
        return new MachineView(new RunConfig(List.of("/bin/true"), List.of(), 0, RunConfig.DEFAULT_EPOCH_NANOS,
                RunConfig.DEFAULT_CPUS, memoryBytes, false, Redirects.NONE, 0, false));
    }

    private static long meminfoKb(MachineView machine, String key) {
        return Arrays.stream(machine.meminfo().split("\n")).filter(l -> l.startsWith(key + ":"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow();
    }

    @Test
    void vmstatCountsTheFreeAndCachedPagesOfMeminfoAndNoPaging() {
        MachineView machine = machine(RunConfig.DEFAULT_MEMORY_BYTES);
        Map<String, Long> vmstat = new LinkedHashMap<>();
        for (String line : new MemoryStatistics(machine).vmstat().split("\n")) {
            assertThat(line).matches("[a-z0-9_]+ \\d+");
            String[] f = line.split(" ");
            assertThat(vmstat.put(f[0], Long.parseLong(f[1]))).as("%s once", f[0]).isNull();
        }
        assertThat(vmstat.get("nr_free_pages") * 4).isEqualTo(meminfoKb(machine, "MemFree"));
        assertThat(vmstat.get("nr_file_pages") * 4).isEqualTo(meminfoKb(machine, "Cached"));
        for (String event : List.of("pgpgin", "pgpgout", "pgfault", "pgmajfault", "pgfree", "numa_hit", "nr_unstable")) {
            assertThat(vmstat.get(event)).as(event).isZero();
        }
    }

    @Test
    void buddyinfoHoldsExactlyTheFreePagesInBlocksOfEachOrder() {
        long freePages = (3L << 18) + 13; // blocks of 1024 pages, and of 8, 4 and 1
        MemoryStatistics memory = new MemoryStatistics(machine(freePages * 2 * 4096));
        String[] f = memory.buddyinfo().trim().split("\\s+");
        assertThat(String.join(" ", Arrays.copyOf(f, 4))).isEqualTo("Node 0, zone Normal");
        assertThat(f).hasSize(4 + 11);
        long pages = 0;
        for (int order = 0; order < 11; order++) {
            pages += Long.parseLong(f[4 + order]) << order;
        }
        assertThat(pages).isEqualTo(freePages);
        assertThat(memory.buddyinfo()).endsWith("     1      0      1      1      0      0      0      0      0      0    768 \n");
    }

    @Test
    void zoneinfoShowsEveryZoneAndTheNodesMemoryInNormalWithAPagesetPerCpu() {
        String zoneinfo = new MemoryStatistics(machine(RunConfig.DEFAULT_MEMORY_BYTES)).zoneinfo();
        assertThat(zoneinfo.lines().filter(l -> l.startsWith("Node "))).containsExactly(
                "Node 0, zone      DMA", "Node 0, zone    DMA32", "Node 0, zone   Normal", "Node 0, zone  Movable");
        String normal = zoneinfo.substring(zoneinfo.indexOf("Node 0, zone   Normal"), zoneinfo.indexOf("Node 0, zone  Movable"));
        assertThat(normal).contains("\n  per-node stats\n      nr_inactive_anon 0\n", "\n      nr_file_pages 524288\n",
                "\n  pages free     1048576\n", "\n        managed  2097152\n", "\n      nr_free_pages 1048576\n",
                "\n    cpu: 3\n").doesNotContain("cpu: 4");
        // 8 GiB: min_free_kbytes sqrt(8388608 kB * 16) = 11585 (2896 pages), then steps of 0.1% of 2097152 pages
        assertThat(normal).contains("\n        min      2896\n        low      4993\n        high     7090\n");
        assertThat(zoneinfo.split("per-node stats", -1)).as("once, in the first populated zone").hasSize(2);
    }
}
