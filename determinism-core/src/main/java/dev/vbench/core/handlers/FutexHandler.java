package dev.vbench.core.handlers;

import dev.vbench.core.nativ.Errno;
import dev.vbench.core.sched.Wait;
import dev.vbench.core.supervisor.GuestThread;
import dev.vbench.core.supervisor.SyscallStop;
import java.util.List;

/**
 * futex, modelled in the supervisor: the kernel never sees a guest futex, so which waiter wakes
 * and when is decided here, in a fixed order (the order threads started waiting), with timeouts in
 * virtual time. Covers the forms glibc and the JVM use: WAIT, WAKE, their _BITSET forms, REQUEUE,
 * CMP_REQUEUE, WAKE_OP, and the PI lock operations (the word holds the owner's real tid, as the
 * kernel's does, since glibc writes and compares it in user space).
 *
 * <p>Futexes are keyed by process and address, so a futex shared between processes through
 * shared memory is not modelled.
 */
final class FutexHandler implements SyscallHandler {
    static final int FUTEX = 202;
    private static final int WAIT = 0, WAKE = 1, REQUEUE = 3, CMP_REQUEUE = 4, WAKE_OP = 5, LOCK_PI = 6,
            UNLOCK_PI = 7, TRYLOCK_PI = 8, WAIT_BITSET = 9, WAKE_BITSET = 10, LOCK_PI2 = 13;
    private static final int CMD_MASK = 0x7f, CLOCK_REALTIME_FLAG = 256;
    private static final int BITSET_ALL = -1;
    private static final int TID_MASK = 0x3fffffff, WAITERS = 0x80000000;
    private static final int EDEADLK = 35;

    private final TimeBase time;

    FutexHandler(TimeBase time) {
        this.time = time;
    }

    @Override
    public int[] syscalls() {
        return new int[] {FUTEX};
    }

    @Override
    public Disposition onEntry(SyscallStop call) {
        long uaddr = call.arg(0);
        int op = call.intArg(1);
        int val = call.intArg(2);
        long key = key(call, uaddr);
        return switch (op & CMD_MASK) {
            case WAIT -> wait(call, uaddr, val, BITSET_ALL, false, false);
            case WAIT_BITSET -> wait(call, uaddr, val, call.intArg(5), true, (op & CLOCK_REALTIME_FLAG) != 0);
            case WAKE -> call.emulate(wake(call, key, val, BITSET_ALL));
            case WAKE_BITSET -> call.intArg(5) == 0 ? call.fail(Errno.EINVAL) : call.emulate(wake(call, key, val, call.intArg(5)));
            case REQUEUE -> requeue(call, key, val, (int) call.arg(3), call.arg(4));
            case CMP_REQUEUE -> read(call, uaddr) != call.intArg(5) ? call.fail(Errno.EAGAIN)
                    : requeue(call, key, val, (int) call.arg(3), call.arg(4));
            case WAKE_OP -> wakeOp(call, key, val, (int) call.arg(3), call.arg(4), call.intArg(5));
            case LOCK_PI, LOCK_PI2 -> lockPi(call, uaddr, key, true);
            case TRYLOCK_PI -> lockPi(call, uaddr, key, false);
            case UNLOCK_PI -> unlockPi(call, uaddr, key);
            default -> call.fail(Errno.ENOSYS); // FUTEX_*_REQUEUE_PI, FUTEX_FD: not modelled
        };
    }

    private static long key(SyscallStop call, long uaddr) {
        return Wait.Futex.keyOf(call.process().vpid(), uaddr);
    }

    private Disposition wait(SyscallStop call, long uaddr, int expected, int bitset, boolean absolute, boolean realtime) {
        if (bitset == 0) {
            return call.fail(Errno.EINVAL);
        }
        if (read(call, uaddr) != expected) {
            return call.fail(Errno.EAGAIN);
        }
        long deadline = deadline(call, call.arg(3), absolute, realtime);
        return call.block(new Wait.Futex(key(call, uaddr), uaddr, bitset, false, deadline), false);
    }

    private long deadline(SyscallStop call, long timespec, boolean absolute, boolean realtime) {
        if (timespec == 0) {
            return Wait.NEVER;
        }
        long sec = call.memory().readLong(call.tid(), timespec);
        long nsec = call.memory().readLong(call.tid(), timespec + 8);
        long value = sec * 1_000_000_000L + nsec;
        return absolute ? time.toElapsed(value, realtime) : time.elapsed() + value;
    }

    /** Wakes up to {@code n} plain waiters on {@code key} whose bitset matches; returns how many. */
    private static int wake(SyscallStop call, long key, int n, int bitset) {
        int woken = 0;
        for (GuestThread t : call.parking().parkedOn(w -> w instanceof Wait.Futex f && f.key() == key && !f.pi()
                && (f.bitset() & bitset) != 0)) {
            if (woken == n) {
                break;
            }
            call.parking().complete(t, 0);
            woken++;
        }
        return woken;
    }

    private static Disposition requeue(SyscallStop call, long key, int wakeCount, int requeueCount, long uaddr2) {
        int woken = wake(call, key, wakeCount, BITSET_ALL);
        long key2 = key(call, uaddr2);
        int moved = 0;
        for (GuestThread t : call.parking().parkedOn(w -> w instanceof Wait.Futex f && f.key() == key && !f.pi())) {
            if (moved == requeueCount) {
                break;
            }
            Wait.Futex f = (Wait.Futex) t.waitingOn;
            t.waitingOn = new Wait.Futex(key2, uaddr2, f.bitset(), false, f.deadline());
            moved++;
        }
        return call.emulate(call.nr() == FUTEX && (call.intArg(1) & CMD_MASK) == CMP_REQUEUE ? woken + moved : woken);
    }

    private static Disposition wakeOp(SyscallStop call, long key, int n, int n2, long uaddr2, int encoded) {
        int op = (encoded >>> 28) & 0xf;
        int cmp = (encoded >>> 24) & 0xf;
        int oparg = (encoded << 8) >> 20; // 12 bits, sign-extended
        int cmparg = (encoded << 20) >> 20;
        if ((op & 8) != 0) {
            oparg = 1 << oparg;
        }
        int old = read(call, uaddr2);
        int updated = switch (op & 7) {
            case 0 -> oparg;
            case 1 -> old + oparg;
            case 2 -> old | oparg;
            case 3 -> old & ~oparg;
            case 4 -> old ^ oparg;
            default -> old;
        };
        call.memory().writeInt(call.tid(), uaddr2, updated);
        int woken = wake(call, key, n, BITSET_ALL);
        boolean more = switch (cmp) {
            case 0 -> old == cmparg;
            case 1 -> old != cmparg;
            case 2 -> old < cmparg;
            case 3 -> old <= cmparg;
            case 4 -> old > cmparg;
            case 5 -> old >= cmparg;
            default -> false;
        };
        if (more) {
            woken += wake(call, key(call, uaddr2), n2, BITSET_ALL);
        }
        return call.emulate(woken);
    }

    private Disposition lockPi(SyscallStop call, long uaddr, long key, boolean blocking) {
        int value = read(call, uaddr);
        int owner = value & TID_MASK;
        int self = call.tid();
        if (owner == 0) {
            call.memory().writeInt(call.tid(), uaddr, self | (value & WAITERS));
            return call.emulate(0);
        }
        if (owner == self) {
            return call.fail(EDEADLK);
        }
        if (!blocking) {
            return call.fail(Errno.EAGAIN);
        }
        call.memory().writeInt(call.tid(), uaddr, value | WAITERS);
        long deadline = deadline(call, call.arg(3), true, (call.intArg(1) & CMD_MASK) == LOCK_PI
                || (call.intArg(1) & CLOCK_REALTIME_FLAG) != 0);
        return call.block(new Wait.Futex(key, uaddr, BITSET_ALL, true, deadline), false);
    }

    /** Hands the lock to the longest-waiting thread, as the kernel's PI unlock does. */
    private static Disposition unlockPi(SyscallStop call, long uaddr, long key) {
        int value = read(call, uaddr);
        if ((value & TID_MASK) != call.tid()) {
            return call.fail(Errno.EPERM);
        }
        List<GuestThread> waiters = call.parking().parkedOn(w -> w instanceof Wait.Futex f && f.key() == key && f.pi());
        if (waiters.isEmpty()) {
            call.memory().writeInt(call.tid(), uaddr, 0);
        } else {
            GuestThread next = waiters.get(0);
            call.memory().writeInt(call.tid(), uaddr, next.tid() | (waiters.size() > 1 ? WAITERS : 0));
            call.parking().complete(next, 0);
        }
        return call.emulate(0);
    }

    private static int read(SyscallStop call, long uaddr) {
        if (call.memory().read(call.tid(), uaddr, 4) != 4) {
            return Integer.MIN_VALUE; // unreadable: no waiter can match; callers see EAGAIN/EFAULT
        }
        return call.memory().scratch(4).getInt(0);
    }
}
