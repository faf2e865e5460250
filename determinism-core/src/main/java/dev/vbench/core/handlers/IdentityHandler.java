package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.GETCPU;
import static dev.vbench.core.syscalls.Syscall.GETEGID;
import static dev.vbench.core.syscalls.Syscall.GETEUID;
import static dev.vbench.core.syscalls.Syscall.GETGID;
import static dev.vbench.core.syscalls.Syscall.GETGROUPS;
import static dev.vbench.core.syscalls.Syscall.GETRESGID;
import static dev.vbench.core.syscalls.Syscall.GETRESUID;
import static dev.vbench.core.syscalls.Syscall.GETUID;
import static dev.vbench.core.syscalls.Syscall.RSEQ;
import static dev.vbench.core.syscalls.Syscall.SCHED_GETAFFINITY;
import static dev.vbench.core.syscalls.Syscall.SCHED_SETAFFINITY;
import static dev.vbench.core.syscalls.Syscall.SYSINFO;
import static dev.vbench.core.syscalls.Syscall.UNAME;

import dev.vbench.core.guest.Bytes;
import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.syscalls.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Identity of the machine and the user: uname, sysinfo, the CPU set, the CPU a thread runs on,
 * and user and group ids. rseq is refused so that glibc asks getcpu instead of reading the
 * kernel-updated CPU number from shared memory.
 */
final class IdentityHandler implements SyscallHandler {
    private static final int UTS_FIELD = 65;
    private static final int SYSINFO_SIZE = 112;

    private final GuestTree tree;
    private final MachineView machine;
    private final byte[] utsname = new byte[6 * UTS_FIELD];
    private final byte[] buffer = new byte[Math.max(SYSINFO_SIZE, 1024)];

    IdentityHandler(GuestTree tree, MachineView machine) {
        this.tree = tree;
        this.machine = machine;
        String[] fields = {"Linux", MachineView.HOSTNAME, MachineView.KERNEL_RELEASE, MachineView.KERNEL_VERSION,
            MachineView.MACHINE, MachineView.DOMAINNAME};
        for (int i = 0; i < fields.length; i++) {
            byte[] b = fields[i].getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(b, 0, utsname, i * UTS_FIELD, b.length);
        }
    }

    @Override
    public Set<Syscall> syscalls() {
        return EnumSet.of(UNAME, SYSINFO, GETUID, GETGID, GETEUID, GETEGID, GETGROUPS, GETRESUID, GETRESGID,
                SCHED_SETAFFINITY, SCHED_GETAFFINITY, GETCPU, RSEQ);
    }

    @Override
    public Disposition onEntry(Guest call) {
        return switch (call.syscall()) {
            case UNAME -> {
                call.memory().write(call.arg(0), utsname, 0, utsname.length);
                yield call.emulate(0);
            }
            case SYSINFO -> sysinfo(call);
            case GETUID, GETGID, GETEUID, GETEGID -> call.emulate(MachineView.GUEST_UID);
            case GETGROUPS -> call.emulate(0);
            case GETRESUID, GETRESGID -> {
                for (int i = 0; i < 3; i++) {
                    call.memory().writeInt(call.arg(i), MachineView.GUEST_UID);
                }
                yield call.emulate(0);
            }
            case SCHED_GETAFFINITY -> getaffinity(call);
            case SCHED_SETAFFINITY -> call.emulate(0);
            case GETCPU -> {
                if (call.arg(0) != 0) {
                    call.memory().writeInt(call.arg(0), 0);
                }
                if (call.arg(1) != 0) {
                    call.memory().writeInt(call.arg(1), 0);
                }
                yield call.emulate(0);
            }
            case RSEQ -> call.fail(Errno.ENOSYS);
            default -> Disposition.PASS;
        };
    }

    private Disposition sysinfo(Guest call) {
        Arrays.fill(buffer, 0, SYSINFO_SIZE, (byte) 0);
        long uptime = (TimeBase.BOOT_UPTIME_NANOS + tree.clock().elapsedNanos()) / 1_000_000_000L;
        Bytes.putLong(buffer, 0, uptime);
        Bytes.putLong(buffer, 32, machine.memoryBytes()); // totalram (loads[3] at 8..31 stay 0)
        Bytes.putLong(buffer, 40, machine.freeBytes());   // freeram
        Bytes.putShort(buffer, 80, (short) tree.liveThreadCount()); // procs
        Bytes.putInt(buffer, 104, 1);                     // mem_unit
        call.memory().write(call.arg(0), buffer, 0, SYSINFO_SIZE);
        return call.emulate(0);
    }

    /** The mask of CPUs 0..n-1, in the kernel's unit of whole longs. */
    private Disposition getaffinity(Guest call) {
        int bytes = ((machine.cpus() + 63) / 64) * 8;
        long size = call.arg(1);
        if (size < bytes || (size & 7) != 0) {
            return call.fail(Errno.EINVAL);
        }
        Arrays.fill(buffer, 0, bytes, (byte) 0);
        for (int cpu = 0; cpu < machine.cpus(); cpu++) {
            buffer[cpu / 8] |= (byte) (1 << (cpu % 8));
        }
        call.memory().write(call.arg(2), buffer, 0, bytes);
        return call.emulate(bytes);
    }
}
