package dev.vbench.core.handlers;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.ParkedThreads;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.syscalls.Syscall;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * futex, modelled in the supervisor: the kernel never sees a guest futex, so which waiter wakes
 * and when is decided here, in a fixed order (the order threads started waiting), with timeouts in
 * virtual time. Covers the forms glibc and the JVM use: WAIT, WAKE, their _BITSET forms, REQUEUE,
 * CMP_REQUEUE, WAKE_OP, and the PI lock operations. A PI lock word holds its owner's tid as the
 * guest knows it (the virtual one), since glibc writes and compares it in user space. An unreadable
 * futex word fails the call with EFAULT, as in the kernel.
 *
 * <p>A FUTEX_PRIVATE futex, or one in memory its process alone maps, is keyed by process and
 * address; any other by the shared memory behind it ({@link SharedFutexKeys}), so processes that
 * share a semaphore or a lock through shared memory (Python's multiprocessing, a fork that keeps a
 * MAP_SHARED page) wake each other as under the kernel.
 */
final class FutexHandler implements SyscallHandler {
    private static final int WAIT = 0, WAKE = 1, REQUEUE = 3, CMP_REQUEUE = 4, WAKE_OP = 5, LOCK_PI = 6,
            UNLOCK_PI = 7, TRYLOCK_PI = 8, WAIT_BITSET = 9, WAKE_BITSET = 10, LOCK_PI2 = 13;
    private static final int CMD_MASK = 0x7f, CLOCK_REALTIME_FLAG = 256;
    private static final int TID_MASK = 0x3fffffff, WAITERS = 0x80000000;

    private static final int PRIVATE_FLAG = 128;

    private final TimeBase time;
    private final SharedFutexKeys shared;

    FutexHandler(TimeBase time) {
        this(time, new SharedFutexKeys());
    }

    FutexHandler(TimeBase time, SharedFutexKeys shared) {
        this.time = time;
        this.shared = shared;
    }

    @Override
    public Set<Syscall> syscalls() {
        return EnumSet.of(Syscall.FUTEX);
    }

    @Override
    public Disposition onEntry(Guest call) {
        long uaddr = call.arg(0);
        int op = call.intArg(1);
        int val = call.intArg(2);
        boolean isPrivate = (op & PRIVATE_FLAG) != 0;
        long key = key(call, uaddr, isPrivate);
        return switch (op & CMD_MASK) {
            case WAIT -> wait(call, uaddr, key, val, Wait.Futex.BITSET_ALL, false, false);
            case WAIT_BITSET -> wait(call, uaddr, key, val, call.intArg(5), true, (op & CLOCK_REALTIME_FLAG) != 0);
            // futex_wake and futex_wake_op wake at least one: their count is checked after a wake.
            case WAKE -> call.emulate(wake(call, key, atLeastOne(val), Wait.Futex.BITSET_ALL));
            case WAKE_BITSET -> call.intArg(5) == 0 ? call.fail(Errno.EINVAL)
                    : call.emulate(wake(call, key, atLeastOne(val), call.intArg(5)));
            case REQUEUE -> call.emulate(requeue(call, key, val, call.intArg(3), call.arg(4), key(call, call.arg(4), isPrivate), false));
            case CMP_REQUEUE -> call.memory().readInt(uaddr) != call.intArg(5) ? call.fail(Errno.EAGAIN)
                    : call.emulate(requeue(call, key, val, call.intArg(3), call.arg(4), key(call, call.arg(4), isPrivate), true));
            case WAKE_OP -> wakeOp(call, key, val, call.intArg(3), call.arg(4), key(call, call.arg(4), isPrivate), call.intArg(5));
            case LOCK_PI -> lockPi(call, uaddr, key, true, true);
            case LOCK_PI2 -> lockPi(call, uaddr, key, true, (op & CLOCK_REALTIME_FLAG) != 0);
            case TRYLOCK_PI -> lockPi(call, uaddr, key, false, false);
            case UNLOCK_PI -> unlockPi(call, uaddr, key);
            default -> call.fail(Errno.ENOSYS); // FUTEX_*_REQUEUE_PI, FUTEX_FD: not modelled
        };
    }

    private static int atLeastOne(int n) {
        return Math.max(n, 1);
    }

    /** The futex's key: its shared memory's, unless it is private or its memory is its process's alone. */
    private long key(Guest call, long uaddr, boolean isPrivate) {
        long sharedKey = isPrivate ? 0 : shared.keyOf(call.process().pid(), uaddr);
        return sharedKey != 0 ? sharedKey : Wait.Futex.keyOf(call.process().vpid(), uaddr);
    }

    private Disposition wait(Guest call, long uaddr, long key, int expected, int bitset, boolean absolute, boolean realtime) {
        if (bitset == 0) {
            return call.fail(Errno.EINVAL);
        }
        if (call.memory().readInt(uaddr) != expected) {
            return call.fail(Errno.EAGAIN);
        }
        long deadline = deadline(call, call.arg(3), absolute, realtime);
        if (deadline < 0) {
            return call.fail(Errno.EINVAL);
        }
        return call.block(new Wait.Futex(key, uaddr, bitset, false, deadline), false);
    }

    /** The virtual time a timeout ends at; {@link Wait#NEVER} for none, -1 for an invalid timespec. */
    private long deadline(Guest call, long timespec, boolean absolute, boolean realtime) {
        if (timespec == 0) {
            return Wait.NEVER;
        }
        GuestMemory.Timespec t = call.memory().readTimespec(timespec);
        if (!t.valid()) {
            return -1;
        }
        return absolute ? Math.max(0, time.toElapsed(t.totalNanos(), realtime)) : time.after(t.totalNanos());
    }

    /** Wakes up to {@code n} plain waiters on {@code key} whose bitset matches; returns how many. */
    private static int wake(Guest call, long key, int n, int bitset) {
        ParkedThreads parked = call.parked();
        List<GuestThread> waiters = parked.futexWaiters(key, false, bitset, upTo(n));
        for (GuestThread t : waiters) {
            parked.complete(t, 0);
        }
        return waiters.size();
    }

    /** The most waiters a wake or requeue of {@code n} takes: a negative n, never reached by counting up, takes all. */
    private static int upTo(int n) {
        return n < 0 ? Integer.MAX_VALUE : n;
    }

    /**
     * Wakes up to {@code wakeCount} waiters on {@code key} and moves up to {@code requeueCount} of
     * the rest to the futex at {@code uaddr2}; returns the woken (plus, for CMP_REQUEUE, the moved).
     */
    private static int requeue(Guest call, long key, int wakeCount, int requeueCount, long uaddr2, long key2,
            boolean countMoved) {
        int woken = wake(call, key, wakeCount, Wait.Futex.BITSET_ALL);
        ParkedThreads parked = call.parked();
        List<GuestThread> moved = parked.futexWaiters(key, false, Wait.Futex.BITSET_ALL, upTo(requeueCount));
        for (GuestThread t : moved) {
            Wait.Futex f = (Wait.Futex) parked.waitOf(t);
            parked.rewait(t, new Wait.Futex(key2, uaddr2, f.bitset(), false, f.deadline()));
        }
        return countMoved ? woken + moved.size() : woken;
    }

    private static Disposition wakeOp(Guest call, long key, int n, int n2, long uaddr2, long key2, int encoded) {
        int op = (encoded >>> 28) & 0xf;
        int cmp = (encoded >>> 24) & 0xf;
        int oparg = (encoded << 8) >> 20; // 12 bits, sign-extended
        int cmparg = (encoded << 20) >> 20;
        if ((op & 8) != 0) {
            oparg = 1 << oparg;
        }
        if ((op & 7) > 4 || cmp > 5) {
            return call.fail(Errno.ENOSYS); // as the kernel, for an unknown operation or comparison
        }
        int old = call.memory().readInt(uaddr2);
        int updated = switch (op & 7) {
            case 0 -> oparg;
            case 1 -> old + oparg;
            case 2 -> old | oparg;
            case 3 -> old & ~oparg;
            default -> old ^ oparg;
        };
        call.memory().writeInt(uaddr2, updated);
        int woken = wake(call, key, atLeastOne(n), Wait.Futex.BITSET_ALL);
        boolean more = switch (cmp) {
            case 0 -> old == cmparg;
            case 1 -> old != cmparg;
            case 2 -> old < cmparg;
            case 3 -> old <= cmparg;
            case 4 -> old > cmparg;
            default -> old >= cmparg;
        };
        if (more) {
            woken += wake(call, key2, atLeastOne(n2), Wait.Futex.BITSET_ALL);
        }
        return call.emulate(woken);
    }

    /**
     * FUTEX_LOCK_PI (timeout on CLOCK_REALTIME), FUTEX_LOCK_PI2 (CLOCK_MONOTONIC unless the
     * realtime flag) and FUTEX_TRYLOCK_PI: take a free lock, refuse one the caller owns, else wait
     * (or, trylock, fail with EAGAIN), marking the word as having waiters.
     */
    private Disposition lockPi(Guest call, long uaddr, long key, boolean blocking, boolean realtime) {
        int value = call.memory().readInt(uaddr);
        int owner = value & TID_MASK;
        int self = call.thread().vtid();
        if (owner == 0) {
            call.memory().writeInt(uaddr, self | (value & WAITERS));
            return call.emulate(0);
        }
        if (owner == self) {
            return call.fail(Errno.EDEADLK);
        }
        if (!blocking) {
            return call.fail(Errno.EAGAIN);
        }
        long deadline = deadline(call, call.arg(3), true, realtime);
        if (deadline < 0) {
            return call.fail(Errno.EINVAL);
        }
        call.memory().writeInt(uaddr, value | WAITERS);
        return call.block(new Wait.Futex(key, uaddr, Wait.Futex.BITSET_ALL, true, deadline), false);
    }

    /** Hands the lock to the longest-waiting thread, as the kernel's PI unlock does; only the owner may. */
    private static Disposition unlockPi(Guest call, long uaddr, long key) {
        int value = call.memory().readInt(uaddr);
        if ((value & TID_MASK) != call.thread().vtid()) {
            return call.fail(Errno.EPERM);
        }
        // the next owner, and whether another waits after it
        List<GuestThread> waiters = call.parked().futexWaiters(key, true, Wait.Futex.BITSET_ALL, 2);
        if (waiters.isEmpty()) {
            call.memory().writeInt(uaddr, 0);
        } else {
            GuestThread next = waiters.get(0);
            call.memory().writeInt(uaddr, next.vtid() | (waiters.size() > 1 ? WAITERS : 0));
            call.parked().complete(next, 0);
        }
        return call.emulate(0);
    }
}
