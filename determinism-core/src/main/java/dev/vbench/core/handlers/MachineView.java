package dev.vbench.core.handlers;

import dev.vbench.core.run.RunConfig;
import java.util.Locale;

/**
 * The machine the guest believes it runs on: its name, kernel, CPUs and memory, and the text of
 * the /proc and /sys files that describe them. Fixed by the run's config, never read from the host.
 */
public final class MachineView {
    public static final String HOSTNAME = "vbench";
    public static final String DOMAINNAME = "(none)";
    public static final String KERNEL_RELEASE = "6.1.0-vbench";
    public static final String KERNEL_VERSION = "#1 SMP PREEMPT_DYNAMIC vbench";
    public static final String MACHINE = "x86_64";
    /** The guest's user and group ids: the caller appears as root, as in a user namespace. */
    public static final int GUEST_UID = 0;
    /** Owner shown for files the caller does not own (the kernel's overflow id). */
    public static final int OVERFLOW_ID = 65534;

    private final int cpus;
    private final long memoryBytes;

    public MachineView(RunConfig config) {
        this.cpus = config.cpus();
        this.memoryBytes = config.memoryBytes();
    }

    public int cpus() {
        return cpus;
    }

    public long memoryBytes() {
        return memoryBytes;
    }

    /** "0-3": the format of /sys/devices/system/cpu/online, possible and present. */
    public String cpuList() {
        return cpus == 1 ? "0\n" : "0-" + (cpus - 1) + "\n";
    }

    public String cpuinfo() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cpus; i++) {
            s.append("processor\t: ").append(i).append('\n')
                    .append("vendor_id\t: GenuineIntel\n")
                    .append("cpu family\t: 6\n")
                    .append("model\t\t: 85\n")
                    .append("model name\t: vbench virtual CPU (x86-64-v2) @ 1.00GHz\n")
                    .append("stepping\t: 4\n")
                    .append("cpu MHz\t\t: 1000.000\n")
                    .append("cache size\t: 256 KB\n")
                    .append("physical id\t: 0\n")
                    .append("siblings\t: ").append(cpus).append('\n')
                    .append("core id\t\t: ").append(i).append('\n')
                    .append("cpu cores\t: ").append(cpus).append('\n')
                    .append("apicid\t\t: ").append(i).append('\n')
                    .append("fpu\t\t: yes\n")
                    .append("cpuid level\t: 13\n")
                    .append("flags\t\t: fpu tsc msr cx8 apic sep cmov pat clflush mmx fxsr sse sse2 ht syscall nx rdtscp lm")
                    .append(" pni pclmulqdq ssse3 cx16 sse4_1 sse4_2 popcnt lahf_lm\n")
                    .append("bogomips\t: 2000.00\n")
                    .append("clflush size\t: 64\n")
                    .append("cache_alignment\t: 64\n")
                    .append("address sizes\t: 46 bits physical, 48 bits virtual\n\n");
        }
        return s.toString();
    }

    public String meminfo() {
        long kb = memoryBytes / 1024;
        return String.format(Locale.ROOT,
                "MemTotal:       %8d kB%nMemFree:        %8d kB%nMemAvailable:   %8d kB%nBuffers:        %8d kB%n"
                        + "Cached:         %8d kB%nSwapCached:            0 kB%nSwapTotal:             0 kB%n"
                        + "SwapFree:              0 kB%nShmem:                 0 kB%n",
                kb, freeBytes() / 1024, kb * 3 / 4, 0, cachedBytes() / 1024);
    }

    /**
     * /proc/stat of the virtual machine at uptime {@code uptimeNanos}: the guest has run on CPU 0
     * since its start ({@code runNanos}), and every CPU idled the rest; no interrupts or switches
     * counted; booted at {@code bootEpochSeconds}; {@code tasks} forks since. The host's file
     * tells its CPU count, its wall-clock boot time and counters no two runs share (a JVM reads it
     * at every start).
     */
    public String procStat(long uptimeNanos, long runNanos, long bootEpochSeconds, int tasks) {
        long tick = 10_000_000L; // USER_HZ
        long user0 = runNanos / tick;
        long idle0 = (uptimeNanos - runNanos) / tick;
        long idleOther = uptimeNanos / tick;
        StringBuilder s = new StringBuilder();
        s.append(cpuLine("cpu ", user0, idle0 + idleOther * (cpus - 1)));
        for (int i = 0; i < cpus; i++) {
            s.append(cpuLine("cpu" + i, i == 0 ? user0 : 0, i == 0 ? idle0 : idleOther));
        }
        return s.append("intr 0\nctxt 0\nbtime ").append(bootEpochSeconds)
                .append("\nprocesses ").append(tasks)
                .append("\nprocs_running 1\nprocs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n").toString();
    }

    /** "cpuN user nice system idle iowait irq softirq steal guest guest_nice", in ticks. */
    private static String cpuLine(String name, long user, long idle) {
        return name + " " + user + " 0 0 " + idle + " 0 0 0 0 0 0\n";
    }

    /** Free memory as sysinfo and /proc/meminfo report it: a fixed share of the total. */
    public long freeBytes() {
        return memoryBytes / 2;
    }

    /** The page cache ("Cached" in /proc/meminfo, file pages in /proc/vmstat): a fixed share of the total. */
    public long cachedBytes() {
        return memoryBytes / 4;
    }
}
