package dev.vbench.core.handlers;

import java.util.Locale;

/**
 * The /proc files in which the kernel counts what the whole machine did: interrupts, disk and
 * network traffic, stalls, its open files and cached inodes. On the host they count every
 * process's work, so no two runs read the same; the virtual machine counts nothing there, as its
 * /proc/stat shows no interrupts. Its devices: one disk, sda, with its first partition (the 8:1
 * stat shows for the first file system the guest meets), and the loopback interface; the network
 * itself is the host's. Formats are a 6.1 x86-64 kernel's.
 */
final class KernelCounters {
    /** x86's per-CPU interrupt counts after the numbered lines, with the text the kernel prints. */
    private static final String[][] ARCH_INTERRUPTS = {
        {"NMI", "Non-maskable interrupts"}, {"LOC", "Local timer interrupts"}, {"SPU", "Spurious interrupts"},
        {"PMI", "Performance monitoring interrupts"}, {"IWI", "IRQ work interrupts"},
        {"RTR", "APIC ICR read retries"}, {"RES", "Rescheduling interrupts"}, {"CAL", "Function call interrupts"},
        {"TLB", "TLB shootdowns"}, {"TRM", "Thermal event interrupts"}, {"THR", "Threshold APIC interrupts"},
        {"DFR", "Deferred Error APIC interrupts"}, {"MCE", "Machine check exceptions"},
        {"MCP", "Machine check polls"},
    };
    /** Counted per CPU, after the machine-wide ERR and MIS. */
    private static final String[][] KVM_INTERRUPTS = {
        {"PIN", "Posted-interrupt notification event"}, {"NPI", "Nested posted-interrupt event"},
        {"PIW", "Posted-interrupt wakeup event"},
    };
    private static final String[] SOFTIRQS = {"HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "IRQ_POLL", "TASKLET",
        "SCHED", "HRTIMER", "RCU"};
    private static final String UDP_COUNTS =
            "InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors";
    /** Fields after the name in /proc/diskstats: reads, writes, in flight and time, discards, flushes. */
    private static final int DISK_FIELDS = 17;

    private final int cpus;
    private final long memoryKb;

    KernelCounters(MachineView machine) {
        cpus = machine.cpus();
        memoryKb = machine.memoryBytes() / 1024;
    }

    /** No device lines (the machine's devices raise no interrupts), then the architecture's counts. */
    String interrupts() {
        StringBuilder s = new StringBuilder(" ".repeat(11)).append(cpuHeader());
        for (String[] line : ARCH_INTERRUPTS) {
            s.append(perCpuLine(line[0], line[1]));
        }
        s.append("ERR:          0\nMIS:          0\n");
        for (String[] line : KVM_INTERRUPTS) {
            s.append(perCpuLine(line[0], line[1]));
        }
        return s.toString();
    }

    private String perCpuLine(String name, String text) {
        return name + ": " + "         0 ".repeat(cpus) + "  " + text + "\n";
    }

    String softirqs() {
        StringBuilder s = new StringBuilder(" ".repeat(20)).append(cpuHeader());
        for (String name : SOFTIRQS) {
            s.append(String.format(Locale.ROOT, "%12s:", name)).append("          0".repeat(cpus)).append('\n');
        }
        return s.toString();
    }

    private String cpuHeader() {
        StringBuilder s = new StringBuilder();
        for (int cpu = 0; cpu < cpus; cpu++) {
            s.append(String.format(Locale.ROOT, "CPU%-8d", cpu));
        }
        return s.append('\n').toString();
    }

    String diskstats() {
        String zeros = " 0".repeat(DISK_FIELDS);
        return "   8       0 sda" + zeros + "\n   8       1 sda1" + zeros + "\n";
    }

    /** /proc/pressure/cpu, io and memory: no task ever waited. */
    String pressure() {
        return "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";
    }

    String netDev() {
        return "Inter-|   Receive                                                |  Transmit\n"
                + " face |bytes    packets errs drop fifo frame compressed multicast"
                + "|bytes    packets errs drop fifo colls carrier compressed\n"
                + String.format(Locale.ROOT, "%6s: %7d %7d %4d %4d %4d %5d %10d %9d %8d %7d %4d %4d %4d %5d %7d %10d%n",
                        "lo", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * Each protocol's header line and values: Ip not forwarding (2) with TTL 64, TCP's retransmission
     * settings (RFC 6298, 200 ms to 120 s, no connection limit), every count 0. IcmpMsg lines appear
     * only for message types counted, so there are none.
     */
    String netSnmp() {
        return snmp("Ip", "Forwarding DefaultTTL", "2 64", "InReceives InHdrErrors InAddrErrors ForwDatagrams "
                        + "InUnknownProtos InDiscards InDelivers OutRequests OutDiscards OutNoRoutes ReasmTimeout "
                        + "ReasmReqds ReasmOKs ReasmFails FragOKs FragFails FragCreates")
                + snmp("Icmp", "", "", "InMsgs InErrors InCsumErrors InDestUnreachs InTimeExcds InParmProbs "
                        + "InSrcQuenchs InRedirects InEchos InEchoReps InTimestamps InTimestampReps InAddrMasks "
                        + "InAddrMaskReps OutMsgs OutErrors OutDestUnreachs OutTimeExcds OutParmProbs OutSrcQuenchs "
                        + "OutRedirects OutEchos OutEchoReps OutTimestamps OutTimestampReps OutAddrMasks OutAddrMaskReps")
                + snmp("Tcp", "RtoAlgorithm RtoMin RtoMax MaxConn", "1 200 120000 -1", "ActiveOpens PassiveOpens "
                        + "AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors")
                + snmp("Udp", "", "", UDP_COUNTS) + snmp("UdpLite", "", "", UDP_COUNTS);
    }

    /** "Proto: names" and "Proto: values": the settings first, then counts, all 0. */
    private static String snmp(String proto, String settings, String values, String counts) {
        String names = (settings + " " + counts).trim();
        String all = (values + " 0".repeat(counts.split(" ").length)).trim();
        return proto + ": " + names + "\n" + proto + ": " + all + "\n";
    }

    /** The most files the kernel lets be open at once: a tenth of the memory in kB, as it sizes it at boot. */
    long fileMax() {
        return memoryKb / 10;
    }

    /** /proc/sys/fs/file-nr: files open, free (always 0), the maximum. */
    String fileNr() {
        return "0\t0\t" + fileMax() + "\n";
    }

    /** /proc/sys/fs/inode-nr: inodes allocated and free. */
    String inodeNr() {
        return "0\t0\n";
    }

    /** /proc/sys/fs/dentry-state: dentries, unused ones, age limit (45 s), want_pages, negative ones, unused field. */
    String dentryState() {
        return "0\t0\t45\t0\t0\t0\n";
    }
}
