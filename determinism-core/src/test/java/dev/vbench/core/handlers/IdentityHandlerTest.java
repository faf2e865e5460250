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
import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.FakeMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.run.Redirects;
import dev.vbench.core.run.RunConfig;
import dev.vbench.core.syscalls.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The machine and the user the guest sees: uname, sysinfo, the CPU set, getcpu, rseq, ids. */
class IdentityHandlerTest {
    private static final long BAD_POINTER = 0xdead_0000L;

    private TestGuests world;
    private FakeGuest guest;
    private IdentityHandler identity;
    private GuestThread a;
    private FakeMemory memory;
    private long out;

    private void start(RunConfig config) {
        world = new TestGuests(config);
        guest = new FakeGuest(world);
        identity = new IdentityHandler(world.tree(), new MachineView(config));
        a = world.root();
        memory = guest.memoryOf(a.process());
        out = memory.allocate(2048);
        byte[] ff = new byte[2048];
        Arrays.fill(ff, (byte) 0xff);
        memory.write(out, ff, 0, ff.length); // whatever the guest had there
    }

    private void start() {
        start(RunConfig.of(List.of("/bin/true"), List.of()));
    }

    private static RunConfig machine(int cpus, long memoryBytes) {
        return new RunConfig(List.of("/bin/true"), List.of(), 0, RunConfig.DEFAULT_EPOCH_NANOS, cpus, memoryBytes,
                false, Redirects.NONE, 0, false);
    }

    private long emulated(Syscall s, long... args) {
        assertThat(guest.call(a, s, args).enter(identity)).as("%s", s).isEqualTo(Disposition.EMULATED);
        return guest.returned();
    }

    private byte[] bytesAt(long address, int length) {
        byte[] b = new byte[length];
        memory.readFully(address, b, 0, length);
        return b;
    }

    /** A 65-byte utsname field: the text, then NULs to its end. */
    private static byte[] field(String text) {
        return Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), 65);
    }

    @Test
    void unameDescribesTheVirtualMachineInSixNulPaddedFields() {
        start();
        assertThat(emulated(UNAME, out)).isZero();
        assertThat(bytesAt(out, 65)).isEqualTo(field("Linux"));
        assertThat(bytesAt(out + 65, 65)).isEqualTo(field("vbench"));
        assertThat(bytesAt(out + 130, 65)).isEqualTo(field("6.1.0-vbench"));
        assertThat(bytesAt(out + 195, 65)).isEqualTo(field("#1 SMP PREEMPT_DYNAMIC vbench"));
        assertThat(bytesAt(out + 260, 65)).isEqualTo(field("x86_64"));
        assertThat(bytesAt(out + 325, 65)).isEqualTo(field("(none)"));
        assertThat(bytesAt(out + 390, 1)).as("nothing past struct utsname").containsExactly(0xff);
        assertThat(emulated(UNAME, BAD_POINTER)).isEqualTo(-Errno.EFAULT);
    }

    @Test
    void sysinfoReportsUptimeFromVirtualTimeTheConfiguredMemoryAndTheLiveThreads() {
        start(machine(2, 1L << 30));
        world.threadIn(a.process());
        world.childProcess(a);
        world.clock().advance(5_999_999_999L);
        assertThat(emulated(SYSINFO, out)).isZero();
        assertThat(memory.readLong(out)).as("uptime: 60 s at start + 5.99 s").isEqualTo(65);
        assertThat(bytesAt(out + 8, 24)).as("loads").containsOnly(0);
        assertThat(memory.readLong(out + 32)).as("totalram").isEqualTo(1L << 30);
        assertThat(memory.readLong(out + 40)).as("freeram").isEqualTo(1L << 29);
        assertThat(bytesAt(out + 48, 32)).as("shared, buffer, total and free swap").containsOnly(0);
        assertThat(memory.readInt(out + 80) & 0xffff).as("procs").isEqualTo(3);
        assertThat(bytesAt(out + 82, 22)).containsOnly(0);
        assertThat(memory.readInt(out + 104)).as("mem_unit").isEqualTo(1);
        assertThat(bytesAt(out + 108, 4)).containsOnly(0);
        assertThat(bytesAt(out + 112, 1)).as("nothing past struct sysinfo").containsExactly(0xff);
    }

    @Test
    void schedGetaffinityGivesTheMaskOfTheConfiguredCpusInWholeLongs() {
        start();
        assertThat(emulated(SCHED_GETAFFINITY, 0, 128, out)).isEqualTo(8);
        assertThat(memory.readLong(out)).isEqualTo(0b1111);
        assertThat(bytesAt(out + 8, 1)).as("only the kernel's mask size is written").containsExactly(0xff);

        start(machine(100, RunConfig.DEFAULT_MEMORY_BYTES));
        assertThat(emulated(SCHED_GETAFFINITY, 0, 16, out)).isEqualTo(16);
        assertThat(memory.readLong(out)).isEqualTo(-1L);
        assertThat(memory.readLong(out + 8)).isEqualTo((1L << 36) - 1);
    }

    @Test
    void schedGetaffinityRefusesABufferTooSmallForTheMaskOrNotInWholeLongs() {
        start(machine(100, RunConfig.DEFAULT_MEMORY_BYTES));
        assertThat(emulated(SCHED_GETAFFINITY, 0, 8, out)).isEqualTo(-Errno.EINVAL);
        assertThat(emulated(SCHED_GETAFFINITY, 0, 20, out)).isEqualTo(-Errno.EINVAL);
        assertThat(memory.readLong(out)).as("nothing written").isEqualTo(-1L);
        start();
        assertThat(emulated(SCHED_GETAFFINITY, 0, 4, out)).isEqualTo(-Errno.EINVAL);
        assertThat(emulated(SCHED_GETAFFINITY, 0, 8, BAD_POINTER)).isEqualTo(-Errno.EFAULT);
        assertThat(emulated(SCHED_SETAFFINITY, 0, 8, out)).as("accepted, and changes nothing").isZero();
    }

    @Test
    void getcpuIsAlwaysCpuZeroOnNodeZeroAndTakesNullPointers() {
        start();
        assertThat(emulated(GETCPU, out, out + 8, 0)).isZero();
        assertThat(memory.readInt(out)).isZero();
        assertThat(memory.readInt(out + 8)).isZero();
        assertThat(bytesAt(out + 4, 4)).containsOnly(0xff);
        assertThat(emulated(GETCPU, 0, 0, 0)).isZero();
    }

    @Test
    void rseqIsRefusedSoLibcAsksGetcpu() {
        start();
        assertThat(emulated(RSEQ, out, 32, 0, 0x53053053)).isEqualTo(-Errno.ENOSYS);
    }

    @Test
    void theGuestRunsAsRootWithNoSupplementaryGroups() {
        start();
        for (Syscall s : new Syscall[] {GETUID, GETGID, GETEUID, GETEGID}) {
            assertThat(emulated(s)).as("%s", s).isZero();
        }
        assertThat(emulated(GETGROUPS, 64, out)).isZero();
        for (Syscall s : new Syscall[] {GETRESUID, GETRESGID}) {
            assertThat(emulated(s, out, out + 4, out + 8)).isZero();
            assertThat(bytesAt(out, 12)).as("%s: real, effective and saved", s).containsOnly(0);
        }
        assertThat(emulated(GETRESUID, out, BAD_POINTER, out)).isEqualTo(-Errno.EFAULT);
    }
}
