package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.FSTAT;
import static dev.vbench.core.syscalls.Syscall.LSTAT;
import static dev.vbench.core.syscalls.Syscall.NEWFSTATAT;
import static dev.vbench.core.syscalls.Syscall.STAT;
import static dev.vbench.core.syscalls.Syscall.STATX;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.nativ.Native;
import dev.vbench.core.syscalls.Syscall;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.Set;

/**
 * File metadata: after stat, fstat, lstat, newfstatat and statx succeed, the device and inode
 * numbers, owners, times, block size and block count are replaced with deterministic ones. Sizes,
 * modes and link counts are the file's own.
 */
final class StatHandler implements SyscallHandler {
    private static final int STAT_SIZE = 144, STATX_SIZE = 160;
    private static final int BLOCK = 4096;
    private static final long NANOS = 1_000_000_000L;
    private static final int STATX_MNT_ID = 0x1000;
    private static final int REAL_UID = (int) Native.libc().syscall(107, 0, 0, 0); // geteuid
    private static final int REAL_GID = (int) Native.libc().syscall(108, 0, 0, 0); // getegid

    private final FileIdentity files;
    private final byte[] raw = new byte[STATX_SIZE];
    private final ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);

    private final ProcPaths procPaths;

    StatHandler(FileIdentity files, ProcPaths procPaths) {
        this.files = files;
        this.procPaths = procPaths;
    }

    @Override
    public Set<Syscall> syscalls() {
        return EnumSet.of(STAT, FSTAT, LSTAT, NEWFSTATAT, STATX);
    }

    @Override
    public Disposition onEntry(Guest call) {
        int pathArg = switch (call.syscall()) {
            case STAT, LSTAT -> 0;
            case NEWFSTATAT, STATX -> 1;
            default -> -1;
        };
        if (pathArg >= 0 && !procPaths.translateArg(call, pathArg)) {
            return call.fail(dev.vbench.core.nativ.Errno.ENOENT); // /proc/PID of a pid the guest never had
        }
        return Disposition.AT_EXIT;
    }

    @Override
    public void onExit(Guest call) {
        if (call.result() != 0) {
            return;
        }
        switch (call.syscall()) {
            case STAT, FSTAT, LSTAT -> rewriteStat(call, call.arg(1));
            case NEWFSTATAT -> rewriteStat(call, call.arg(2));
            case STATX -> rewriteStatx(call, call.arg(4));
            default -> { }
        }
    }

    private void read(Guest call, long addr, int size) {
        call.memory().readFully(addr, raw, 0, size);
    }

    private void rewriteStat(Guest call, long addr) {
        read(call, addr, STAT_SIZE);
        long dev = buf.getLong(0);
        long ino = buf.getLong(8);
        long size = buf.getLong(48);
        long changed = Math.max(buf.getLong(88) * NANOS + buf.getLong(96), buf.getLong(104) * NANOS + buf.getLong(112));
        buf.putLong(0, files.device(dev));
        buf.putLong(8, files.inode(dev, ino));
        buf.putInt(28, owner(buf.getInt(28), REAL_UID));
        buf.putInt(32, owner(buf.getInt(32), REAL_GID));
        buf.putLong(56, BLOCK);
        buf.putLong(64, blocks(size));
        Long shown = files.shownTime(dev, ino, changed);
        if (shown == null) {
            buf.putLong(72, buf.getLong(88)); // atime := mtime: reads by anyone must not show
            buf.putLong(80, buf.getLong(96));
        } else {
            long t = shown;
            for (int off = 72; off <= 104; off += 16) {
                buf.putLong(off, t / NANOS);
                buf.putLong(off + 8, t % NANOS);
            }
        }
        call.memory().write(addr, raw, 0, STAT_SIZE);
    }

    private void rewriteStatx(Guest call, long addr) {
        read(call, addr, STATX_SIZE);
        long dev = encodeDev(buf.getInt(136), buf.getInt(140));
        long ino = buf.getLong(32);
        long size = buf.getLong(40);
        long changed = Math.max(buf.getLong(112) * NANOS + Integer.toUnsignedLong(buf.getInt(120)),
                buf.getLong(96) * NANOS + Integer.toUnsignedLong(buf.getInt(104)));
        long vdev = files.device(dev);
        buf.putInt(0, buf.getInt(0) & ~STATX_MNT_ID);
        buf.putInt(4, BLOCK);
        buf.putInt(20, owner(buf.getInt(20), REAL_UID));
        buf.putInt(24, owner(buf.getInt(24), REAL_GID));
        buf.putLong(32, files.inode(dev, ino));
        buf.putLong(48, blocks(size));
        Long shown = files.shownTime(dev, ino, changed);
        if (shown == null) {
            buf.putLong(64, buf.getLong(112)); // atime := mtime
            buf.putInt(72, buf.getInt(120));
        } else {
            long t = shown;
            for (int off = 64; off <= 112; off += 16) { // atime, btime, ctime, mtime
                buf.putLong(off, t / NANOS);
                buf.putInt(off + 8, (int) (t % NANOS));
            }
        }
        buf.putInt(136, (int) (vdev >> 8));
        buf.putInt(140, (int) (vdev & 0xff));
        buf.putLong(144, 0); // mount id
        buf.putLong(152, 0); // direct I/O alignments
        call.memory().write(addr, raw, 0, STATX_SIZE);
    }

    /** Linux's new_encode_dev, so that stat and statx of one file key the same identity. */
    private static long encodeDev(int major, int minor) {
        return (minor & 0xffL) | ((long) major << 8) | ((minor & ~0xffL) << 12);
    }

    /** The caller's own files belong to the guest's root; anything else to the overflow id. */
    private static int owner(int id, int callerId) {
        return id == callerId ? MachineView.GUEST_UID : MachineView.OVERFLOW_ID;
    }

    private static long blocks(long size) {
        return (size + BLOCK - 1) / BLOCK * (BLOCK / 512);
    }
}
