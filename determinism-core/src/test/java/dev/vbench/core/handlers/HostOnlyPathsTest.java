package dev.vbench.core.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The host's own state the guest's machine does not have, and what stays visible. */
class HostOnlyPathsTest {
    @Test
    void theKernelsDebuggingViewsOfTheHostDoNotExist() {
        for (String path : new String[] {"/proc/self/sched", "/proc/thread-self/sched", "/proc/1000/sched",
            "/proc/1000/task/1001/sched", "/proc/schedstat", "/proc/sched_debug", "/proc/slabinfo",
            "/proc/pagetypeinfo", "/proc/vmallocinfo", "/proc/timer_list"}) {
            assertThat(HostOnlyPaths.hidden(path)).as(path).isTrue();
        }
    }

    @Test
    void controlGroupsAndOtherJvmsFilesDoNotExist() {
        for (String path : new String[] {"/sys/fs/cgroup", "/sys/fs/cgroup/memory.stat", "/proc/cgroups",
            "/proc/self/cgroup", "/proc/1000/task/1001/cgroup", "/tmp/hsperfdata_root/1000"}) {
            assertThat(HostOnlyPaths.hidden(path)).as(path).isTrue();
        }
    }

    @Test
    void theVirtualMachinesOwnFilesStay() {
        for (String path : new String[] {"/proc/self/schedstat", "/proc/1000/stat", "/proc/stat", "/proc/vmstat",
            "/sys/fs/cgroupfoo", "/proc/self/task/1001/status"}) {
            assertThat(HostOnlyPaths.hidden(path)).as(path).isFalse();
        }
    }
}
