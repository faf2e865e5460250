package dev.vbench.core.handlers;

import java.util.List;
import java.util.Locale;

/**
 * The virtual machine's memory as the kernel's page statistics describe it: /proc/vmstat,
 * /proc/zoneinfo and /proc/buddyinfo. One NUMA node whose memory all lies in zone Normal (DMA,
 * DMA32 and Movable exist but are empty), free and cached as /proc/meminfo says, and no paging
 * activity: every event counter reads 0. The host's files count what all its processes did, so
 * no two runs share them. Names and layout are a 6.1 x86-64 kernel's.
 */
final class MemoryStatistics {
    private static final long PAGE_BYTES = 4096;
    /** Free blocks are counted per order 0 to 10 (MAX_ORDER 11): the largest holds 1024 pages. */
    private static final int ORDERS = 11;
    private static final List<String> ZONES = List.of("DMA", "DMA32", "Normal", "Movable");
    private static final String POPULATED_ZONE = "Normal";

    private static final List<String> ZONE_ITEMS = names("""
            nr_free_pages nr_zone_inactive_anon nr_zone_active_anon nr_zone_inactive_file nr_zone_active_file
            nr_zone_unevictable nr_zone_write_pending nr_mlock nr_bounce nr_zspages nr_free_cma""");
    private static final List<String> NUMA_ITEMS = names("""
            numa_hit numa_miss numa_foreign numa_interleave numa_local numa_other""");
    private static final List<String> NODE_ITEMS = names("""
            nr_inactive_anon nr_active_anon nr_inactive_file nr_active_file nr_unevictable nr_slab_reclaimable
            nr_slab_unreclaimable nr_isolated_anon nr_isolated_file workingset_nodes workingset_refault_anon
            workingset_refault_file workingset_activate_anon workingset_activate_file workingset_restore_anon
            workingset_restore_file workingset_nodereclaim nr_anon_pages nr_mapped nr_file_pages nr_dirty
            nr_writeback nr_writeback_temp nr_shmem nr_shmem_hugepages nr_shmem_pmdmapped nr_file_hugepages
            nr_file_pmdmapped nr_anon_transparent_hugepages nr_vmscan_write nr_vmscan_immediate_reclaim
            nr_dirtied nr_written nr_throttled_written nr_kernel_misc_reclaimable nr_foll_pin_acquired
            nr_foll_pin_released nr_kernel_stack nr_page_table_pages nr_sec_page_table_pages nr_swapcached
            pgpromote_success pgpromote_candidate""");
    private static final List<String> EVENTS = names("""
            pgpgin pgpgout pswpin pswpout pgalloc_dma pgalloc_dma32 pgalloc_normal pgalloc_movable
            allocstall_dma allocstall_dma32 allocstall_normal allocstall_movable pgskip_dma pgskip_dma32
            pgskip_normal pgskip_movable pgfree pgactivate pgdeactivate pglazyfree pgfault pgmajfault pglazyfreed
            pgrefill pgreuse pgsteal_kswapd pgsteal_direct pgdemote_kswapd pgdemote_direct pgscan_kswapd
            pgscan_direct pgscan_direct_throttle pgscan_anon pgscan_file pgsteal_anon pgsteal_file
            zone_reclaim_failed pginodesteal slabs_scanned kswapd_inodesteal kswapd_low_wmark_hit_quickly
            kswapd_high_wmark_hit_quickly pageoutrun pgrotated drop_pagecache drop_slab oom_kill numa_pte_updates
            numa_huge_pte_updates numa_hint_faults numa_hint_faults_local numa_pages_migrated pgmigrate_success
            pgmigrate_fail thp_migration_success thp_migration_fail thp_migration_split compact_migrate_scanned
            compact_free_scanned compact_isolated compact_stall compact_fail compact_success compact_daemon_wake
            compact_daemon_migrate_scanned compact_daemon_free_scanned htlb_buddy_alloc_success
            htlb_buddy_alloc_fail unevictable_pgs_culled unevictable_pgs_scanned unevictable_pgs_rescued
            unevictable_pgs_mlocked unevictable_pgs_munlocked unevictable_pgs_cleared unevictable_pgs_stranded
            thp_fault_alloc thp_fault_fallback thp_fault_fallback_charge thp_collapse_alloc
            thp_collapse_alloc_failed thp_file_alloc thp_file_fallback thp_file_fallback_charge thp_file_mapped
            thp_split_page thp_split_page_failed thp_deferred_split_page thp_split_pmd thp_scan_exceed_none_pte
            thp_scan_exceed_swap_pte thp_scan_exceed_share_pte thp_split_pud thp_zero_page_alloc
            thp_zero_page_alloc_failed thp_swpout thp_swpout_fallback balloon_inflate balloon_deflate
            balloon_migrate swap_ra swap_ra_hit ksm_swpin_copy cow_ksm zswpin zswpout direct_map_level2_splits
            direct_map_level3_splits""");

    private final int cpus;
    private final long totalPages;
    private final long freePages;
    private final long filePages;

    MemoryStatistics(MachineView machine) {
        cpus = machine.cpus();
        totalPages = machine.memoryBytes() / PAGE_BYTES;
        freePages = machine.freeBytes() / PAGE_BYTES;
        filePages = machine.cachedBytes() / PAGE_BYTES;
    }

    /** "name value" lines: zone, NUMA and node items, the dirty thresholds, then the events. */
    String vmstat() {
        StringBuilder s = new StringBuilder();
        for (List<String> group : List.of(ZONE_ITEMS, NUMA_ITEMS, NODE_ITEMS)) {
            group.forEach(name -> s.append(name).append(' ').append(pages(name)).append('\n'));
        }
        // vm.dirty_ratio 20 and dirty_background_ratio 10, of the free and cached pages
        long dirtyable = freePages + filePages;
        s.append("nr_dirty_threshold ").append(dirtyable * 20 / 100).append('\n')
                .append("nr_dirty_background_threshold ").append(dirtyable * 10 / 100).append('\n');
        EVENTS.forEach(name -> s.append(name).append(" 0\n"));
        return s.append("nr_unstable 0\n").toString(); // a retired item the kernel still prints, last
    }

    /** What an item counts: the free and the cached pages; every other item 0. */
    private long pages(String item) {
        return switch (item) {
            case "nr_free_pages" -> freePages;
            case "nr_file_pages" -> filePages;
            default -> 0;
        };
    }

    /** Every zone of the node; the populated one with the node's items, its watermarks and its per-CPU lists. */
    String zoneinfo() {
        StringBuilder s = new StringBuilder();
        for (String zone : ZONES) {
            boolean populated = zone.equals(POPULATED_ZONE);
            s.append(String.format(Locale.ROOT, "Node 0, zone %8s", zone));
            if (populated) {
                s.append("\n  per-node stats");
                NODE_ITEMS.forEach(name -> s.append(item(name)));
            }
            long managed = populated ? totalPages : 0;
            long[] marks = populated ? watermarks() : new long[3];
            s.append(String.format(Locale.ROOT, "\n  pages free     %d\n        boost    0\n        min      %d"
                            + "\n        low      %d\n        high     %d\n        spanned  %d\n        present  %d"
                            + "\n        managed  %d\n        cma      0\n        protection: (0, 0, 0, 0)",
                    populated ? freePages : 0, marks[0], marks[1], marks[2], managed, managed, managed));
            if (populated) {
                ZONE_ITEMS.forEach(name -> s.append(item(name)));
                NUMA_ITEMS.forEach(name -> s.append(item(name)));
                s.append("\n  pagesets");
                for (int cpu = 0; cpu < cpus; cpu++) {
                    s.append("\n    cpu: ").append(cpu).append("\n              count: 0\n              high:  0"
                            + "\n              batch: 1\n  vm stats threshold: ").append(statThreshold());
                }
                s.append("\n  node_unreclaimable:  0\n  start_pfn:           0");
            }
            s.append('\n');
        }
        return s.toString();
    }

    private String item(String name) {
        return String.format(Locale.ROOT, "\n      %-12s %d", name, pages(name));
    }

    /**
     * The zone's min, low and high watermarks in pages, as the kernel sets them from
     * min_free_kbytes (4 * sqrt(memory in kB), within 128 kB to 256 MB) and watermark_scale_factor 10.
     */
    private long[] watermarks() {
        long minFreeKb = Math.min(Math.max((long) Math.sqrt(totalPages * (PAGE_BYTES / 1024) * 16.0), 128), 262144);
        long min = minFreeKb / (PAGE_BYTES / 1024);
        long step = Math.max(min / 4, totalPages * 10 / 10000);
        return new long[] {min, min + step, min + 2 * step};
    }

    /** How far a CPU's count may drift before it is folded in: the kernel's rule for the CPUs and memory. */
    private int statThreshold() {
        long per128Mib = totalPages * PAGE_BYTES >> 27;
        int threshold = 2 * bitLength(cpus) * (1 + bitLength(per128Mib));
        return Math.min(125, threshold);
    }

    private static int bitLength(long n) {
        return 64 - Long.numberOfLeadingZeros(n);
    }

    /** Free blocks of each order in the populated zone: the free pages in blocks as large as they go. */
    String buddyinfo() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Node 0, zone %8s ", POPULATED_ZONE));
        for (int order = 0; order < ORDERS; order++) {
            long blocks = order == ORDERS - 1 ? freePages >> order : (freePages >> order) & 1;
            s.append(String.format(Locale.ROOT, "%6d ", blocks));
        }
        return s.append('\n').toString();
    }

    private static List<String> names(String block) {
        return List.of(block.trim().split("\\s+"));
    }
}
