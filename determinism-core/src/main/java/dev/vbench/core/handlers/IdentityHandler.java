package dev.vbench.core.handlers;

import dev.vbench.core.nativ.Errno;
import dev.vbench.core.supervisor.SyscallStop;
import java.nio.charset.StandardCharsets;

/**
 * Identity of the machine and the user: uname, sysinfo, the CPU set, the CPU a thread runs on,
 * and user and group ids. rseq is refused so that glibc asks getcpu instead of reading the
 * kernel-updated CPU number from shared memory.
 */
final class IdentityHandler implements SyscallHandler {
    static final int UNAME = 63, SYSINFO = 99, GETUID = 102, GETGID = 104, GETEUID = 107, GETEGID = 108,
            GETGROUPS = 115, GETRESUID = 118, GETRESGID = 120, SCHED_SETAFFINITY = 203,
            SCHED_GETAFFINITY = 204, GETCPU = 309, RSEQ = 334;
    private static final int UTS_FIELD = 65;
    private static final int SYSINFO_SIZE = 112;

    private final MachineView machine;
    private final byte[] utsname = new byte[6 * UTS_FIELD];
    private final byte[] buffer = new byte[Math.max(SYSINFO_SIZE, 1024)];

    IdentityHandler(MachineView machine) {
        this.machine = machine;
        String[] fields = {"Linux", MachineView.HOSTNAME, MachineView.KERNEL_RELEASE, MachineView.KERNEL_VERSION,
            MachineView.MACHINE, MachineView.DOMAINNAME};
        for (int i = 0; i < fields.length; i++) {
            byte[] b = fields[i].getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(b, 0, utsname, i * UTS_FIELD, b.length);
        }
    }

    @Override
    public int[] syscalls() {
        return new int[] {UNAME, SYSINFO, GETUID, GETGID, GETEUID, GETEGID, GETGROUPS, GETRESUID, GETRESGID,
            SCHED_SETAFFINITY, SCHED_GETAFFINITY, GETCPU, RSEQ};
    }

    @Override
    public Disposition onEntry(SyscallStop call) {
        return switch (call.nr()) {
            case UNAME -> {
                call.writeBytes(call.arg(0), utsname, 0, utsname.length);
                yield call.emulate(0);
            }
            case SYSINFO -> sysinfo(call);
            case GETUID, GETGID, GETEUID, GETEGID -> call.emulate(MachineView.GUEST_UID);
            case GETGROUPS -> call.emulate(0);
            case GETRESUID, GETRESGID -> {
                for (int i = 0; i < 3; i++) {
                    call.memory().writeInt(call.tid(), call.arg(i), MachineView.GUEST_UID);
                }
                yield call.emulate(0);
            }
            case SCHED_GETAFFINITY -> getaffinity(call);
            case SCHED_SETAFFINITY -> call.emulate(0);
            case GETCPU -> {
                if (call.arg(0) != 0) {
                    call.memory().writeInt(call.tid(), call.arg(0), 0);
                }
                if (call.arg(1) != 0) {
                    call.memory().writeInt(call.tid(), call.arg(1), 0);
                }
                yield call.emulate(0);
            }
            case RSEQ -> call.fail(Errno.ENOSYS);
            default -> Disposition.PASS;
        };
    }

    private Disposition sysinfo(SyscallStop call) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(buffer, 0, SYSINFO_SIZE).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        java.util.Arrays.fill(buffer, 0, SYSINFO_SIZE, (byte) 0);
        long uptime = (TimeBase.BOOT_UPTIME_NANOS + call.tree().clock().elapsedNanos()) / 1_000_000_000L;
        b.putLong(0, uptime);
        b.putLong(32, machine.memoryBytes()); // totalram (loads[3] at 8..31 stay 0)
        b.putLong(40, machine.freeBytes());   // freeram
        b.putShort(80, (short) call.tree().liveThreadCount()); // procs
        b.putInt(104, 1);                     // mem_unit
        call.writeBytes(call.arg(0), buffer, 0, SYSINFO_SIZE);
        return call.emulate(0);
    }

    /** The mask of CPUs 0..n-1, in the kernel's unit of whole longs. */
    private Disposition getaffinity(SyscallStop call) {
        int bytes = ((machine.cpus() + 63) / 64) * 8;
        long size = call.arg(1);
        if (size < bytes || (size & 7) != 0) {
            return call.fail(Errno.EINVAL);
        }
        java.util.Arrays.fill(buffer, 0, bytes, (byte) 0);
        for (int cpu = 0; cpu < machine.cpus(); cpu++) {
            buffer[cpu / 8] |= (byte) (1 << (cpu % 8));
        }
        call.writeBytes(call.arg(2), buffer, 0, bytes);
        return call.emulate(bytes);
    }
}
