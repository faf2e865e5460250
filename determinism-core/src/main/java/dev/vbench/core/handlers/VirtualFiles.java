package dev.vbench.core.handlers;

import static java.util.Map.entry;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.nativ.MemFile;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * Files whose content the guest must see as the virtual machine's, not the host's (its CPUs and
 * memory, and counters of the host's activity that no two runs share): opens of these paths are
 * redirected to in-memory files the supervisor fills (see {@link MemFile}: they appear in
 * no directory). The random devices get a fresh file per open, filled from the opening thread's
 * seeded stream.
 */
final class VirtualFiles {
    /** Bytes behind each open of /dev/urandom or /dev/random; reads past them see end of file. */
    static final int RANDOM_DEVICE_BYTES = 1 << 20;

    private final Map<String, Function<GuestThread, String>> generated;

    VirtualFiles(MachineView machine, java.util.function.LongSupplier uptimeNanos) {
        String cpus = machine.cpuList();
        MemoryStatistics memory = new MemoryStatistics(machine);
        KernelCounters counters = new KernelCounters(machine);
        String pressure = counters.pressure();
        generated = Map.ofEntries(
                entry("/proc/cpuinfo", t -> machine.cpuinfo()),
                entry("/proc/meminfo", t -> machine.meminfo()),
                entry("/sys/devices/system/cpu/online", t -> cpus),
                entry("/sys/devices/system/cpu/possible", t -> cpus),
                entry("/sys/devices/system/cpu/present", t -> cpus),
                entry("/proc/sys/kernel/hostname", t -> MachineView.HOSTNAME + "\n"),
                entry("/proc/sys/kernel/random/boot_id", t -> "6b2b0f5e-0c1d-4f3a-9a53-7e6a9d1c0b00\n"),
                // since Linux 5.18 the pool is full once seeded: older hosts' count drifts
                entry("/proc/sys/kernel/random/entropy_avail", t -> "256\n"),
                // its last field is the latest pid, as ns_last_pid says
                entry("/proc/loadavg", t -> "0.00 0.00 0.00 1/1 " + t.tree().lastVirtualId() + "\n"),
                entry("/proc/sys/kernel/ns_last_pid", t -> t.tree().lastVirtualId() + "\n"),
                entry("/proc/stat", t -> {
                    long uptime = uptimeNanos.getAsLong();
                    long boot = t.tree().config().epochNanos() - TimeBase.BOOT_UPTIME_NANOS;
                    return machine.procStat(uptime, uptime - TimeBase.BOOT_UPTIME_NANOS,
                            Math.floorDiv(boot, 1_000_000_000L), t.tree().tasksCreated());
                }),
                entry("/proc/uptime", t -> {
                    long u = uptimeNanos.getAsLong();
                    return String.format(java.util.Locale.ROOT, "%d.%02d %d.%02d%n", u / 1_000_000_000L,
                            u / 10_000_000L % 100, u / 1_000_000_000L, u / 10_000_000L % 100);
                }),
                entry("/proc/vmstat", t -> memory.vmstat()),
                entry("/proc/zoneinfo", t -> memory.zoneinfo()),
                entry("/proc/buddyinfo", t -> memory.buddyinfo()),
                entry("/proc/interrupts", t -> counters.interrupts()),
                entry("/proc/softirqs", t -> counters.softirqs()),
                entry("/proc/diskstats", t -> counters.diskstats()),
                entry("/proc/pressure/cpu", t -> pressure),
                entry("/proc/pressure/io", t -> pressure),
                entry("/proc/pressure/memory", t -> pressure),
                entry("/proc/net/dev", t -> counters.netDev()),
                entry("/proc/net/snmp", t -> counters.netSnmp()),
                entry("/proc/sys/fs/file-nr", t -> counters.fileNr()),
                entry("/proc/sys/fs/file-max", t -> counters.fileMax() + "\n"),
                entry("/proc/sys/fs/inode-nr", t -> counters.inodeNr()),
                entry("/proc/sys/fs/dentry-state", t -> counters.dentryState()));
    }

    /**
     * The file to open instead of {@code path}, or null if the guest may see the real one. The
     * caller closes it once the guest has opened it.
     */
    MemFile redirect(String path, GuestThread opener) {
        if (path.equals("/dev/urandom") || path.equals("/dev/random")) {
            byte[] bytes = new byte[RANDOM_DEVICE_BYTES];
            opener.random().nextBytes(bytes, 0, bytes.length);
            return write("random", bytes);
        }
        if (path.equals("/proc/sys/kernel/random/uuid")) {
            byte[] b = new byte[16];
            opener.random().nextBytes(b, 0, 16);
            return write("uuid", (uuid(b) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        Function<GuestThread, String> content = generated.get(path);
        if (content == null) {
            return null;
        }
        return write("file", content.apply(opener).getBytes(StandardCharsets.UTF_8));
    }

    /** An in-memory file holding {@code bytes}, for a redirected open. */
    MemFile bytes(String name, byte[] bytes) {
        return write(name, bytes);
    }

    /** An in-memory file holding {@code content}, for a redirected open. */
    MemFile text(String name, String content) {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static MemFile write(String name, byte[] bytes) {
        MemFile file = new MemFile("vbench-" + name);
        file.write(bytes);
        return file;
    }

    private static String uuid(byte[] b) {
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                s.append('-');
            }
            s.append(String.format("%02x", b[i]));
        }
        return s.toString();
    }
}
