package dev.vbench.core.handlers;

import dev.vbench.core.nativ.Errno;
import dev.vbench.core.supervisor.GuestClock;
import dev.vbench.core.supervisor.GuestThread;
import dev.vbench.core.supervisor.GuestTree;
import dev.vbench.core.supervisor.SyscallStop;

/**
 * Time: every clock the guest can read answers from virtual time. CLOCK_REALTIME starts at the
 * run's epoch, the monotonic clocks at a fixed uptime, and the CPU-time clocks count the virtual
 * time charged to the thread or process. Sleeps return at once and move virtual time on.
 */
final class TimeHandler implements SyscallHandler {
    static final int GETTIMEOFDAY = 96, GETRUSAGE = 98, TIMES = 100, TIME = 201, CLOCK_GETTIME = 228,
            CLOCK_GETRES = 229, NANOSLEEP = 35, CLOCK_NANOSLEEP = 230;
    /** The guest's machine has been up this long when it starts. */
    static final long BOOT_UPTIME_NANOS = 60_000_000_000L;
    private static final long NANOS = 1_000_000_000L;
    private static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2,
            CLOCK_THREAD_CPUTIME_ID = 3, CLOCK_TAI = 11;
    private static final int TIMER_ABSTIME = 1;
    private static final int RUSAGE_SELF = 0, RUSAGE_THREAD = 1;
    private static final int RUSAGE_SIZE = 144;
    /** Clock ticks per second of times() and /proc (USER_HZ). */
    private static final long USER_HZ = 100;

    private final GuestClock clock;
    private final long epochNanos;
    private final byte[] zeros = new byte[RUSAGE_SIZE];

    TimeHandler(GuestTree tree) {
        this.clock = tree.clock();
        this.epochNanos = tree.config().epochNanos();
    }

    @Override
    public int[] syscalls() {
        return new int[] {GETTIMEOFDAY, GETRUSAGE, TIMES, TIME, CLOCK_GETTIME, CLOCK_GETRES, NANOSLEEP, CLOCK_NANOSLEEP};
    }

    @Override
    public Disposition onEntry(SyscallStop call) {
        return switch (call.nr()) {
            case CLOCK_GETTIME -> clockGettime(call);
            case CLOCK_GETRES -> clockGetres(call);
            case GETTIMEOFDAY -> gettimeofday(call);
            case TIME -> time(call);
            case GETRUSAGE -> getrusage(call);
            case TIMES -> times(call);
            case NANOSLEEP -> sleep(call, CLOCK_MONOTONIC, 0, call.arg(0));
            case CLOCK_NANOSLEEP -> sleep(call, call.intArg(0), call.intArg(1), call.arg(2));
            default -> Disposition.PASS;
        };
    }

    /** The value of a clock now, or -1 for a clock id the guest cannot read. */
    private long read(SyscallStop call, int clockId) {
        long elapsed = clock.elapsedNanos();
        return switch (clockId) {
            case CLOCK_REALTIME, 5 /* REALTIME_COARSE */, 8 /* REALTIME_ALARM */, CLOCK_TAI -> epochNanos + elapsed;
            case CLOCK_MONOTONIC, 4 /* MONOTONIC_RAW */, 6 /* MONOTONIC_COARSE */, 7 /* BOOTTIME */,
                    9 /* BOOTTIME_ALARM */ -> BOOT_UPTIME_NANOS + elapsed;
            case CLOCK_PROCESS_CPUTIME_ID -> processNanos(call.thread());
            case CLOCK_THREAD_CPUTIME_ID -> clock.threadNanos(call.thread());
            default -> clockId < 0 ? cpuClockOf(call, clockId) : -1;
        };
    }

    /** A dynamic CPU clock (clock_getcpuclockid / pthread_getcpuclockid): pid in the high bits. */
    private long cpuClockOf(SyscallStop call, int clockId) {
        int pid = ~(clockId >> 3);
        boolean perThread = (clockId & 4) != 0;
        GuestThread target = pid == 0 ? call.thread() : call.tree().byVirtual(pid);
        if (target == null) {
            return -1;
        }
        return perThread ? clock.threadNanos(target) : processNanos(target);
    }

    private long processNanos(GuestThread thread) {
        long total = thread.process().exitedThreadsNanos;
        for (GuestThread t : thread.process().threads()) {
            total += clock.threadNanos(t);
        }
        return total;
    }

    private Disposition clockGettime(SyscallStop call) {
        long now = read(call, call.intArg(0));
        if (now < 0) {
            return call.fail(Errno.EINVAL);
        }
        if (call.arg(1) == 0) {
            return call.fail(Errno.EFAULT);
        }
        call.memory().writeLongs(call.tid(), call.arg(1), now / NANOS, now % NANOS);
        return call.emulate(0);
    }

    private Disposition clockGetres(SyscallStop call) {
        if (read(call, call.intArg(0)) < 0) {
            return call.fail(Errno.EINVAL);
        }
        if (call.arg(1) != 0) {
            call.memory().writeLongs(call.tid(), call.arg(1), 0, 1);
        }
        return call.emulate(0);
    }

    private Disposition gettimeofday(SyscallStop call) {
        long now = epochNanos + clock.elapsedNanos();
        if (call.arg(0) != 0) {
            call.memory().writeLongs(call.tid(), call.arg(0), now / NANOS, (now % NANOS) / 1000);
        }
        if (call.arg(1) != 0) {
            call.memory().writeLong(call.tid(), call.arg(1), 0); // struct timezone: UTC, no DST
        }
        return call.emulate(0);
    }

    private Disposition time(SyscallStop call) {
        long seconds = (epochNanos + clock.elapsedNanos()) / NANOS;
        if (call.arg(0) != 0) {
            call.memory().writeLong(call.tid(), call.arg(0), seconds);
        }
        return call.emulate(seconds);
    }

    /** Only CPU time is meaningful in virtual time; the other fields (faults, rss...) read zero. */
    private Disposition getrusage(SyscallStop call) {
        int who = call.intArg(0);
        long cpu = switch (who) {
            case RUSAGE_SELF -> processNanos(call.thread());
            case RUSAGE_THREAD -> clock.threadNanos(call.thread());
            default -> 0; // RUSAGE_CHILDREN
        };
        long addr = call.arg(1);
        call.writeBytes(addr, zeros, 0, RUSAGE_SIZE);
        call.memory().writeLongs(call.tid(), addr, cpu / NANOS, (cpu % NANOS) / 1000);
        return call.emulate(0);
    }

    private Disposition times(SyscallStop call) {
        long ticksPerNano = NANOS / USER_HZ;
        if (call.arg(0) != 0) {
            call.writeBytes(call.arg(0), zeros, 0, 32);
            call.memory().writeLong(call.tid(), call.arg(0), processNanos(call.thread()) / ticksPerNano);
        }
        return call.emulate((BOOT_UPTIME_NANOS + clock.elapsedNanos()) / ticksPerNano);
    }

    /** Sleeps take no wall time: the sleeper's virtual time moves on by the duration. */
    private Disposition sleep(SyscallStop call, int clockId, int flags, long requestAddr) {
        long now = read(call, clockId);
        if (now < 0 || requestAddr == 0) {
            return call.fail(now < 0 ? Errno.EINVAL : Errno.EFAULT);
        }
        long sec = call.memory().readLong(call.tid(), requestAddr);
        long nsec = call.memory().readLong(call.tid(), requestAddr + 8);
        if (sec < 0 || nsec < 0 || nsec >= NANOS) {
            return call.fail(Errno.EINVAL);
        }
        long requested = sec * NANOS + nsec;
        long duration = (flags & TIMER_ABSTIME) != 0 ? Math.max(0, requested - now) : requested;
        clock.onSleep(call.thread(), duration);
        return call.emulate(0);
    }
}
