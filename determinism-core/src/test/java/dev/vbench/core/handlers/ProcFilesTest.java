package dev.vbench.core.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import org.junit.jupiter.api.Test;

/** /proc/PID files as the guest reads them: its own ids only, whatever the host's are, and no host counters. */
class ProcFilesTest {
    private final TestGuests world = new TestGuests();
    private final GuestThread root = world.root();
    private final GuestThread child = world.childProcess(root);
    private final ProcFiles files = new ProcFiles(world.tree());

    private String stat(int ppid, int pgrp, int session) {
        return child.tid() + " (cat) t " + ppid + " " + pgrp + " " + session
                + " 34816 4242 4194304 90 0 0 0 5 3 0 0 20 0 1 0 99 8192 200 0 0 0 0 0 0 0 0 0 0 0 0 0 0 17 1\n";
    }

    private String[] fields(String line) {
        return line.split(" ");
    }

    @Test
    void idsOfTheGuestReadAsVirtualAndTheHostsAsTheGuestsInit() {
        String[] f = fields(files.rewrite("/proc/" + child.tid() + "/stat", stat(root.tid(), 4321, 4321)));
        assertThat(f[0]).isEqualTo("1001");
        assertThat(f[2]).as("traced, but the guest sees it running").isEqualTo("R");
        assertThat(f[3]).isEqualTo("1000");
        assertThat(f[4]).as("a group led outside the guest").isEqualTo("1");
        assertThat(f[5]).isEqualTo("1");
        assertThat(f[7]).as("no terminal").isEqualTo("-1");
        assertThat(f[38]).as("processor").isEqualTo("0");
    }

    /** Fault counts, resident memory, switches and delays change from run to run: they read as 0. */
    @Test
    void whatNoRunCanRepeatReadsAsZero() {
        // fields 10-13 faults, 21 itrealvalue, 24 rss, 29-30 kernel stack, 35-37 wchan and swap, 42-44 delays and guest times
        String real = child.tid() + " (java) S 1 1 1 0 -1 4194560 31234 7 12 3 5 3 0 0 20 0 22 9 99 4096000 12345 "
                + "18446744073709551615 1 1 140737 7 8 0 0 0 16 1 0 0 17 1 0 0 42 11 12 0 0 0 0 0 0 0\n";
        String[] f = fields(files.rewrite("/proc/" + child.tid() + "/stat", real));
        for (int field : new int[] {10, 11, 12, 13, 21, 24, 29, 30, 35, 36, 37, 42, 43, 44}) {
            assertThat(f[field - 1]).as("field " + field).isEqualTo("0");
        }
        assertThat(f[22]).as("vsize stays").isEqualTo("4096000");
        assertThat(f[27]).as("startstack stays (the JVM finds its stack by it)").isEqualTo("140737");

        String status = files.rewrite("/proc/" + child.tid() + "/status", "Name:\tjava\nVmSize:\t 4000 kB\n"
                + "VmHWM:\t  1234 kB\nVmRSS:\t  1200 kB\nRssAnon:\t 800 kB\nVmPTE:\t 88 kB\n"
                + "voluntary_ctxt_switches:\t17\nnonvoluntary_ctxt_switches:\t3");
        assertThat(status).isEqualTo("Name:\tjava\nVmSize:\t 4000 kB\nVmHWM:\t       0 kB\nVmRSS:\t       0 kB\n"
                + "RssAnon:\t       0 kB\nVmPTE:\t       0 kB\nvoluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0");

        assertThat(files.rewrite("/proc/" + child.tid() + "/statm", "1000 321 45 6 0 200 0\n")).isEqualTo("1000 0 0 6 0 200 0\n");
    }

    /** Bytes and calls of I/O count the supervisor's retries and what the host had cached. */
    @Test
    void ioCountsReadAsZero() {
        String real = "rchar: 6976\nwchar: 12\nsyscr: 10\nsyscw: 1\nread_bytes: 4096\nwrite_bytes: 0\n"
                + "cancelled_write_bytes: 0\n";
        String zero = "rchar: 0\nwchar: 0\nsyscr: 0\nsyscw: 0\nread_bytes: 0\nwrite_bytes: 0\ncancelled_write_bytes: 0\n";
        assertThat(files.rewrite("/proc/" + child.tid() + "/io", real)).isEqualTo(zero);
        assertThat(files.rewrite("/proc/" + child.tid() + "/task/" + child.tid() + "/io", real)).isEqualTo(zero);
    }

    @Test
    void schedstatShowsTheThreadsVirtualCpuTimeAndNoWaitsOrSwitches() {
        GuestThread thread = world.threadIn(child.process());
        world.clock().charge(child, 1_250_000L);
        world.clock().charge(thread, 7_000L);
        assertThat(files.rewrite("/proc/" + child.tid() + "/schedstat", "4455667 1234 9\n"))
                .as("the process's file is its first thread's").isEqualTo("1250000 0 0\n");
        assertThat(files.rewrite("/proc/" + child.tid() + "/task/" + thread.tid() + "/schedstat", "3 2 1\n"))
                .isEqualTo("7000 0 0\n");
    }

    @Test
    void smapsKeepsEachMappingsSizesAndShowsNothingResident() {
        String mapping = "55d0c7a00000-55d0c7a02000 r--p 00000000 fe:00 2228540                    /usr/bin/cat\n";
        String real = mapping + "Size:                  8 kB\nKernelPageSize:        4 kB\nMMUPageSize:           4 kB\n"
                + "Rss:                 124 kB\nPss:                  62 kB\nPrivate_Dirty:         8 kB\n"
                + "Swap:                  0 kB\nTHPeligible:    0\nVmFlags: rd mr mw me sd\n";
        assertThat(files.rewrite("/proc/" + child.tid() + "/smaps", real)).isEqualTo(mapping
                + "Size:                  8 kB\nKernelPageSize:        4 kB\nMMUPageSize:           4 kB\n"
                + "Rss:                   0 kB\nPss:                   0 kB\nPrivate_Dirty:         0 kB\n"
                + "Swap:                  0 kB\nTHPeligible:    0\nVmFlags: rd mr mw me sd\n");
    }

    /** In a container the session's leader can lie outside vbench's pid namespace: the kernel says 0. */
    @Test
    void aSessionOutsideThePidNamespaceReadsAsInitLikeGetsidSays() {
        String host = files.rewrite("/proc/" + child.tid() + "/stat", stat(root.tid(), 4321, 4321));
        String container = files.rewrite("/proc/" + child.tid() + "/stat", stat(root.tid(), 0, 0));
        assertThat(container).isEqualTo(host);
        String status = files.rewrite("/proc/" + child.tid() + "/status",
                "Name:\tcat\nPid:\t" + child.tid() + "\nPPid:\t" + root.tid() + "\nNSsid:\t0\nTracerPid:\t77");
        assertThat(status).isEqualTo("Name:\tcat\nPid:\t1001\nPPid:\t1000\nNSsid:\t1\nTracerPid:\t0");
    }
}
