package dev.vbench.core.handlers;

import dev.vbench.core.nativ.Errno;
import dev.vbench.core.sched.Wait;
import dev.vbench.core.supervisor.GuestClock;
import dev.vbench.core.supervisor.GuestProcess;
import dev.vbench.core.supervisor.GuestThread;
import dev.vbench.core.supervisor.GuestTree;
import dev.vbench.core.supervisor.SyscallStop;

/**
 * Time: every clock the guest can read answers from virtual time. CLOCK_REALTIME starts at the
 * run's epoch, the monotonic clocks at a fixed uptime, and the CPU-time clocks count the virtual
 * time charged to the thread or process. A sleep parks the thread until virtual time reaches its
 * end (when every thread waits, time jumps there), and ITIMER_REAL (alarm, setitimer) runs on
 * virtual time too.
 */
final class TimeHandler implements SyscallHandler {
    static final int GETTIMEOFDAY = 96, GETRUSAGE = 98, TIMES = 100, TIME = 201, CLOCK_GETTIME = 228,
            CLOCK_GETRES = 229, NANOSLEEP = 35, CLOCK_NANOSLEEP = 230, GETITIMER = 36, ALARM = 37, SETITIMER = 38;
    private static final int ITIMER_REAL = 0;
    private static final long NANOS = 1_000_000_000L;
    private static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2,
            CLOCK_THREAD_CPUTIME_ID = 3, CLOCK_TAI = 11;
    private static final int TIMER_ABSTIME = 1;
    private static final int RUSAGE_SELF = 0, RUSAGE_THREAD = 1;
    private static final int RUSAGE_SIZE = 144;
    /** Clock ticks per second of times() and /proc (USER_HZ). */
    private static final long USER_HZ = 100;

    private final GuestTree tree;
    private final GuestClock clock;
    private final TimeBase time;
    private final byte[] zeros = new byte[RUSAGE_SIZE];

    TimeHandler(GuestTree tree, TimeBase time) {
        this.tree = tree;
        this.clock = tree.clock();
        this.time = time;
    }

    @Override
    public int[] syscalls() {
        return new int[] {GETTIMEOFDAY, GETRUSAGE, TIMES, TIME, CLOCK_GETTIME, CLOCK_GETRES, NANOSLEEP, CLOCK_NANOSLEEP,
            GETITIMER, ALARM, SETITIMER};
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
            case ALARM -> alarm(call);
            case SETITIMER -> call.intArg(0) == ITIMER_REAL ? setitimer(call) : Disposition.PASS;
            case GETITIMER -> call.intArg(0) == ITIMER_REAL ? getitimer(call) : Disposition.PASS;
            default -> Disposition.PASS;
        };
    }

    /** The value of a clock now, or -1 for a clock id the guest cannot read. */
    private long read(SyscallStop call, int clockId) {
        return switch (clockId) {
            case CLOCK_REALTIME, 5 /* REALTIME_COARSE */, 8 /* REALTIME_ALARM */, CLOCK_TAI -> time.realtime();
            case CLOCK_MONOTONIC, 4 /* MONOTONIC_RAW */, 6 /* MONOTONIC_COARSE */, 7 /* BOOTTIME */,
                    9 /* BOOTTIME_ALARM */ -> time.monotonic();
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
        long now = time.realtime();
        if (call.arg(0) != 0) {
            call.memory().writeLongs(call.tid(), call.arg(0), now / NANOS, (now % NANOS) / 1000);
        }
        if (call.arg(1) != 0) {
            call.memory().writeLong(call.tid(), call.arg(1), 0); // struct timezone: UTC, no DST
        }
        return call.emulate(0);
    }

    private Disposition time(SyscallStop call) {
        long seconds = time.realtime() / NANOS;
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
        return call.emulate(time.monotonic() / ticksPerNano);
    }

    /** A sleep parks the thread until virtual time reaches its end; it takes no wall time. */
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
        return call.block(new Wait.Sleep(time.elapsed() + duration), false);
    }

    private Disposition alarm(SyscallStop call) {
        long previous = arm(call.process(), call.arg(0) * NANOS, 0);
        return call.emulate(previous <= 0 ? 0 : (previous + NANOS - 1) / NANOS);
    }

    /** struct itimerval: it_interval then it_value, each a struct timeval. */
    private Disposition setitimer(SyscallStop call) {
        GuestProcess p = call.process();
        long remaining = p.alarmDeadline == Wait.NEVER ? 0 : p.alarmDeadline - time.elapsed();
        long oldInterval = p.alarmInterval;
        if (call.arg(1) != 0) {
            long[] v = readTimevals(call, call.arg(1));
            arm(p, v[2] * NANOS + v[3] * 1000, v[0] * NANOS + v[1] * 1000);
        }
        if (call.arg(2) != 0) {
            writeItimerval(call, call.arg(2), oldInterval, remaining);
        }
        return call.emulate(0);
    }

    private Disposition getitimer(SyscallStop call) {
        GuestProcess p = call.process();
        long remaining = p.alarmDeadline == Wait.NEVER ? 0 : p.alarmDeadline - time.elapsed();
        writeItimerval(call, call.arg(1), p.alarmInterval, remaining);
        return call.emulate(0);
    }

    /** Arms (or with 0 disarms) the process's ITIMER_REAL; returns the nanoseconds that were left. */
    private long arm(GuestProcess p, long valueNanos, long intervalNanos) {
        long left = p.alarmDeadline == Wait.NEVER ? 0 : p.alarmDeadline - time.elapsed();
        boolean wasArmed = p.alarmDeadline != Wait.NEVER;
        p.alarmDeadline = valueNanos == 0 ? Wait.NEVER : time.elapsed() + valueNanos;
        p.alarmInterval = valueNanos == 0 ? 0 : intervalNanos;
        tree.armedTimers += (p.alarmDeadline != Wait.NEVER ? 1 : 0) - (wasArmed ? 1 : 0);
        return left;
    }

    private static long[] readTimevals(SyscallStop call, long addr) {
        long[] v = new long[4];
        for (int i = 0; i < 4; i++) {
            v[i] = call.memory().readLong(call.tid(), addr + 8L * i);
        }
        return v;
    }

    private static void writeItimerval(SyscallStop call, long addr, long intervalNanos, long valueNanos) {
        call.memory().writeLongs(call.tid(), addr, intervalNanos / NANOS, (intervalNanos % NANOS) / 1000);
        call.memory().writeLongs(call.tid(), addr + 16, valueNanos / NANOS, (valueNanos % NANOS) / 1000);
    }
}
