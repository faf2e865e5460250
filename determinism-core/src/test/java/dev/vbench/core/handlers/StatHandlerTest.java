package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.FSTAT;
import static dev.vbench.core.syscalls.Syscall.LSTAT;
import static dev.vbench.core.syscalls.Syscall.NEWFSTATAT;
import static dev.vbench.core.syscalls.Syscall.STAT;
import static dev.vbench.core.syscalls.Syscall.STATX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.Bytes;
import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.FakeMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.run.RunConfig;
import dev.vbench.core.syscalls.Syscall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * stat, fstat, lstat, newfstatat and statx results rewritten at exit: virtual device and inode
 * numbers in first-seen order, owners 0 or 65534, block size and count, and times.
 */
class StatHandlerTest {
    private static final long NANOS = 1_000_000_000L;
    private static final long EPOCH = RunConfig.DEFAULT_EPOCH_NANOS;
    private static final int STATX_MNT_ID = 0x1000, STATX_BASIC_STATS = 0x7ff, STATX_BTIME = 0x800;
    /** 2001-09-09: long before any run. */
    private static final long OLD = 1_000_000_000L;
    /** A day from now: a change made during the run as far as the handler can tell. */
    private static final long DURING_RUN = Instant.now().getEpochSecond() + 86_400;

    private static int euid, egid;

    private TestGuests world;
    private FakeGuest guest;
    private StatHandler stat;
    private GuestThread a;
    private FakeMemory memory;
    private long buf;

    @BeforeAll
    static void callerIds() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            String[] f = line.split("\\s+");
            if (f[0].equals("Uid:")) {
                euid = Integer.parseInt(f[2]);
            } else if (f[0].equals("Gid:")) {
                egid = Integer.parseInt(f[2]);
            }
        }
    }

    @BeforeEach
    void setUp() {
        world = new TestGuests();
        guest = new FakeGuest(world);
        stat = new StatHandler(new FileIdentity(EPOCH, world.clock()::elapsedNanos), new ProcPaths(world.tree()));
        a = world.root();
        memory = guest.memoryOf(a.process());
        buf = memory.allocate(256);
    }

    /** A struct stat as the kernel fills it. */
    private record St(long dev, long ino, long nlink, int mode, int uid, int gid, long rdev, long size,
            long atime, long mtime, long ctime) {}

    private static St file(long dev, long ino, long size, long atime, long mtime, long ctime) {
        return new St(dev, ino, 1, 0100644, euid, egid, 0, size, atime, mtime, ctime);
    }

    private void put(long addr, St s) {
        byte[] b = new byte[144];
        Bytes.putLong(b, 0, s.dev);
        Bytes.putLong(b, 8, s.ino);
        Bytes.putLong(b, 16, s.nlink);
        Bytes.putInt(b, 24, s.mode);
        Bytes.putInt(b, 28, s.uid);
        Bytes.putInt(b, 32, s.gid);
        Bytes.putLong(b, 40, s.rdev);
        Bytes.putLong(b, 48, s.size);
        Bytes.putLong(b, 56, 512);                  // the file system's block size
        Bytes.putLong(b, 64, 1234);                 // its block count
        Bytes.putLong(b, 72, s.atime);
        Bytes.putLong(b, 80, 111);
        Bytes.putLong(b, 88, s.mtime);
        Bytes.putLong(b, 96, 222);
        Bytes.putLong(b, 104, s.ctime);
        Bytes.putLong(b, 112, 333);
        memory.write(addr, b, 0, b.length);
    }

    /** Runs {@code s} with the kernel having written {@code st} at the buffer; returns the buffer after exit. */
    private byte[] statted(Syscall s, St st) {
        put(buf, st);
        long[] args = switch (s) {
            case NEWFSTATAT -> new long[] {-100, 0, buf, 0};
            default -> new long[] {0, buf};
        };
        assertThat(guest.call(a, s, args).enter(stat)).isEqualTo(Disposition.AT_EXIT);
        guest.exit(stat, 0);
        assertThat(guest.returned()).isZero();
        byte[] b = new byte[144];
        memory.readFully(buf, b, 0, 144);
        return b;
    }

    private byte[] statted(St st) {
        return statted(STAT, st);
    }

    @Test
    void everyStatCallGoesToTheKernelAndIsRewrittenAtExit() {
        for (Syscall s : new Syscall[] {STAT, FSTAT, LSTAT, NEWFSTATAT, STATX}) {
            assertThat(guest.call(a, s, 0, 0, 0, 0, 0).enter(stat)).as("%s", s).isEqualTo(Disposition.AT_EXIT);
        }
    }

    @Test
    void aFailedCallIsLeftAlone() {
        put(buf, file(0x10303, 99, 1, OLD, OLD, OLD));
        guest.call(a, STAT, 0, buf).enter(stat);
        guest.exit(stat, -Errno.ENOENT);
        assertThat(guest.returned()).isEqualTo(-Errno.ENOENT);
        assertThat(memory.readLong(buf + 8)).isEqualTo(99);
    }

    @Test
    void devicesAndInodesAreNumberedInTheOrderTheGuestFirstSeesThem() {
        byte[] first = statted(file(0x10303, 999_999, 1, OLD, OLD, OLD));
        byte[] second = statted(LSTAT, file(0x10303, 5, 1, OLD, OLD, OLD));
        byte[] otherDevice = statted(FSTAT, file(0xfd00, 999_999, 1, OLD, OLD, OLD));
        byte[] firstAgain = statted(NEWFSTATAT, file(0x10303, 999_999, 1, OLD, OLD, OLD));

        assertThat(Bytes.getLong(first, 0)).as("8:1, like sda1").isEqualTo(0x801);
        assertThat(Bytes.getLong(first, 8)).isEqualTo(1000);
        assertThat(Bytes.getLong(second, 0)).isEqualTo(0x801);
        assertThat(Bytes.getLong(second, 8)).isEqualTo(1001);
        assertThat(Bytes.getLong(otherDevice, 0)).isEqualTo(0x802);
        assertThat(Bytes.getLong(otherDevice, 8)).as("the same inode number on another device").isEqualTo(1002);
        assertThat(Bytes.getLong(firstAgain, 0)).isEqualTo(0x801);
        assertThat(Bytes.getLong(firstAgain, 8)).isEqualTo(1000);
    }

    @Test
    void theCallersFilesBelongToRootAndOthersToTheOverflowId() {
        byte[] own = statted(file(1, 1, 1, OLD, OLD, OLD));
        assertThat(Bytes.getInt(own, 28)).isZero();
        assertThat(Bytes.getInt(own, 32)).isZero();
        byte[] others = statted(new St(1, 2, 1, 0100644, euid + 1, egid + 1, 0, 1, OLD, OLD, OLD));
        assertThat(Bytes.getInt(others, 28)).isEqualTo(65534);
        assertThat(Bytes.getInt(others, 32)).isEqualTo(65534);
    }

    @Test
    void blocksAreCountedFromTheSizeIn512ByteUnitsOfWhole4KibBlocks() {
        long[][] sizeAndBlocks = {{0, 0}, {1, 8}, {4096, 8}, {4097, 16}, {1 << 20, 2048}};
        for (long[] sb : sizeAndBlocks) {
            byte[] b = statted(file(1, 7, sb[0], OLD, OLD, OLD));
            assertThat(Bytes.getLong(b, 56)).isEqualTo(4096);
            assertThat(Bytes.getLong(b, 64)).as("size %d", sb[0]).isEqualTo(sb[1]);
            assertThat(Bytes.getLong(b, 48)).as("the size stays").isEqualTo(sb[0]);
        }
    }

    @Test
    void sizeModeLinksAndDeviceNumberOfASpecialFileAreTheFilesOwn() {
        byte[] b = statted(new St(1, 3, 4, 020620, euid, egid, 0x8801, 0, OLD, OLD, OLD));
        assertThat(Bytes.getLong(b, 16)).isEqualTo(4);
        assertThat(Bytes.getInt(b, 24)).isEqualTo(020620);
        assertThat(Bytes.getLong(b, 40)).isEqualTo(0x8801);
    }

    @Test
    void aFileOlderThanTheRunKeepsItsTimesWithAtimeShownAsMtime() {
        byte[] b = statted(file(1, 1, 1, DURING_RUN, OLD, OLD + 5));
        assertThat(Bytes.getLong(b, 72)).as("atime := mtime").isEqualTo(OLD);
        assertThat(Bytes.getLong(b, 80)).isEqualTo(222);
        assertThat(Bytes.getLong(b, 88)).isEqualTo(OLD);
        assertThat(Bytes.getLong(b, 96)).isEqualTo(222);
        assertThat(Bytes.getLong(b, 104)).isEqualTo(OLD + 5);
        assertThat(Bytes.getLong(b, 112)).isEqualTo(333);
    }

    @Test
    void aFileTheRunChangedAppearsAtTheVirtualTimeTheGuestFirstSawTheChange() {
        world.clock().advance(3 * NANOS + 7);
        byte[] b = statted(file(1, 1, 1, OLD, OLD, DURING_RUN)); // only its ctime is recent: changed all the same
        for (int off = 72; off <= 104; off += 16) {
            assertThat(Bytes.getLong(b, off)).as("seconds at %d", off).isEqualTo(EPOCH / NANOS + 3);
            assertThat(Bytes.getLong(b, off + 8)).as("nanoseconds at %d", off + 8).isEqualTo(7);
        }
        world.clock().advance(NANOS);
        b = statted(file(1, 1, 1, OLD, OLD, DURING_RUN));
        assertThat(Bytes.getLong(b, 88)).as("seen again, unchanged").isEqualTo(EPOCH / NANOS + 3);
        b = statted(file(1, 1, 1, OLD, DURING_RUN + 1, DURING_RUN + 1));
        assertThat(Bytes.getLong(b, 88)).as("changed again").isEqualTo(EPOCH / NANOS + 4);
    }

    @Test
    void anUnwritableStatBufferAtExitIsEfault() {
        guest.call(a, FSTAT, 3, 0xdead_0000L).enter(stat);
        guest.exit(stat, 0);
        assertThat(guest.returned()).isEqualTo(-Errno.EFAULT);
    }

    // --- statx ---

    private static long encodeDev(int major, int minor) {
        return (minor & 0xff) | ((long) major << 8) | ((minor & ~0xffL) << 12);
    }

    /** A struct statx as the kernel fills it. */
    private long putStatx(int major, int minor, long ino, long size, int uid, long btime, long atime, long mtime,
            long ctime) {
        long addr = memory.allocate(256);
        byte[] b = new byte[160];
        Bytes.putInt(b, 0, STATX_BASIC_STATS | STATX_BTIME | STATX_MNT_ID);
        Bytes.putInt(b, 4, 512);
        Bytes.putLong(b, 8, 0x20);          // attributes
        Bytes.putInt(b, 16, 2);             // nlink
        Bytes.putInt(b, 20, uid);
        Bytes.putInt(b, 24, egid);
        Bytes.putShort(b, 28, (short) 0100755);
        Bytes.putLong(b, 32, ino);
        Bytes.putLong(b, 40, size);
        Bytes.putLong(b, 48, 99);           // blocks
        long[] times = {atime, btime, ctime, mtime};
        for (int i = 0; i < 4; i++) {
            Bytes.putLong(b, 64 + 16 * i, times[i]);
            Bytes.putInt(b, 72 + 16 * i, 100 + i);
        }
        Bytes.putInt(b, 128, 0);            // rdev
        Bytes.putInt(b, 136, major);
        Bytes.putInt(b, 140, minor);
        Bytes.putLong(b, 144, 42);          // mount id
        Bytes.putInt(b, 152, 512);          // dio alignments
        Bytes.putInt(b, 156, 512);
        memory.write(addr, b, 0, b.length);
        return addr;
    }

    private byte[] statxed(long addr) {
        assertThat(guest.call(a, STATX, -100, 0, 0, 0xfff, addr).enter(stat)).isEqualTo(Disposition.AT_EXIT);
        guest.exit(stat, 0);
        byte[] b = new byte[160];
        memory.readFully(addr, b, 0, 160);
        return b;
    }

    @Test
    void statxGetsTheSameRewriteInItsOwnLayout() {
        world.clock().advance(NANOS);
        byte[] b = statxed(putStatx(259, 3, 424_242, 5000, euid, OLD, OLD, OLD, DURING_RUN));
        assertThat(Bytes.getInt(b, 0)).as("the mount id is not offered").isEqualTo(STATX_BASIC_STATS | STATX_BTIME);
        assertThat(Bytes.getInt(b, 4)).isEqualTo(4096);
        assertThat(Bytes.getLong(b, 8)).isEqualTo(0x20);
        assertThat(Bytes.getInt(b, 16)).isEqualTo(2);
        assertThat(Bytes.getInt(b, 20)).isZero();
        assertThat(Bytes.getInt(b, 24)).isZero();
        assertThat(Bytes.getShort(b, 28)).isEqualTo((short) 0100755);
        assertThat(Bytes.getLong(b, 32)).isEqualTo(1000);
        assertThat(Bytes.getLong(b, 40)).isEqualTo(5000);
        assertThat(Bytes.getLong(b, 48)).isEqualTo(16);
        for (int off = 64; off <= 112; off += 16) { // atime, btime, ctime, mtime
            assertThat(Bytes.getLong(b, off)).as("seconds at %d", off).isEqualTo(EPOCH / NANOS + 1);
            assertThat(Bytes.getInt(b, off + 8)).isZero();
        }
        assertThat(Bytes.getInt(b, 136)).as("dev major").isEqualTo(8);
        assertThat(Bytes.getInt(b, 140)).as("dev minor").isEqualTo(1);
        assertThat(Bytes.getLong(b, 144)).as("mount id").isZero();
        assertThat(Bytes.getLong(b, 152)).as("direct I/O alignments").isZero();
    }

    @Test
    void statxOfAFileOlderThanTheRunKeepsItsTimesWithAtimeShownAsMtime() {
        byte[] b = statxed(putStatx(8, 1, 5, 1, euid + 1, OLD - 9, DURING_RUN, OLD, OLD + 1));
        assertThat(Bytes.getInt(b, 20)).isEqualTo(65534);
        assertThat(Bytes.getLong(b, 64)).as("atime := mtime").isEqualTo(OLD);
        assertThat(Bytes.getInt(b, 72)).isEqualTo(103);
        assertThat(Bytes.getLong(b, 80)).as("btime").isEqualTo(OLD - 9);
        assertThat(Bytes.getLong(b, 96)).as("ctime").isEqualTo(OLD + 1);
        assertThat(Bytes.getLong(b, 112)).as("mtime").isEqualTo(OLD);
    }

    @Test
    void statAndStatxOfOneFileGiveTheSameVirtualDeviceAndInode() {
        byte[] viaStatx = statxed(putStatx(259, 0x1234, 77, 1, euid, OLD, OLD, OLD, OLD));
        byte[] viaStat = statted(file(encodeDev(259, 0x1234), 77, 1, OLD, OLD, OLD));
        assertThat(Bytes.getLong(viaStat, 8)).isEqualTo(Bytes.getLong(viaStatx, 32)).isEqualTo(1000);
        assertThat(Bytes.getLong(viaStat, 0)).isEqualTo(0x801);
        byte[] next = statxed(putStatx(259, 0x1235, 77, 1, euid, OLD, OLD, OLD, OLD));
        assertThat(Bytes.getInt(next, 140)).as("another device: 8:2").isEqualTo(2);
    }
}
