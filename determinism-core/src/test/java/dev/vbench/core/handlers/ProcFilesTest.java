package dev.vbench.core.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import org.junit.jupiter.api.Test;

/** /proc/PID/stat and status as the guest reads them: its own ids only, whatever the host's are. */
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
