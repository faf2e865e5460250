package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.ALARM;
import static dev.vbench.core.syscalls.Syscall.CLOCK_GETRES;
import static dev.vbench.core.syscalls.Syscall.CLOCK_GETTIME;
import static dev.vbench.core.syscalls.Syscall.CLOCK_NANOSLEEP;
import static dev.vbench.core.syscalls.Syscall.GETITIMER;
import static dev.vbench.core.syscalls.Syscall.GETRUSAGE;
import static dev.vbench.core.syscalls.Syscall.GETTIMEOFDAY;
import static dev.vbench.core.syscalls.Syscall.NANOSLEEP;
import static dev.vbench.core.syscalls.Syscall.SETITIMER;
import static dev.vbench.core.syscalls.Syscall.TIME;
import static dev.vbench.core.syscalls.Syscall.TIMES;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestClock;
import dev.vbench.core.guest.GuestMemory;
import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.syscalls.Syscall;
import java.util.EnumSet;
import java.util.Set;

/**
 * Time: every clock the guest can read answers from virtual time. CLOCK_REALTIME starts at the
 * run's epoch, the monotonic clocks at a fixed uptime, and the CPU-time clocks count the virtual
 * time charged to the thread or process. A sleep parks the thread until virtual time reaches its
 * end (when every thread waits, time jumps there), and ITIMER_REAL (alarm, setitimer) runs on
 * virtual time too ({@link IntervalTimers}).
 */
final class TimeHandler implements SyscallHandler, ClockReader {
    private static final int ITIMER_REAL = 0;
    private static final long NANOS = GuestMemory.NANOS;
    private static final int CLOCK_MONOTONIC = TimeBase.CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID = 2,
            CLOCK_THREAD_CPUTIME_ID = 3;
    private static final int TIMER_ABSTIME = 1;
    /** The kernel's internal result of a sleep a signal interrupted (include/linux/errno.h). */
    private static final int ERESTART_RESTARTBLOCK = 516;
    private static final int RUSAGE_SELF = 0, RUSAGE_THREAD = 1;
    private static final int RUSAGE_SIZE = 144, TMS_SIZE = 32;
    /** Clock ticks per second of times() and /proc (USER_HZ). */
    private static final long USER_HZ = 100;

    /** Where the thread's current sleep ends, in elapsed virtual time. */
    private static final StateKey<long[]> SLEEP_END = StateKey.of("sleep end", () -> new long[1]);

    private final GuestTree tree;
    private final GuestClock clock;
    private final TimeBase time;
    private final IntervalTimers timers;
    private final byte[] zeros = new byte[RUSAGE_SIZE];

    TimeHandler(GuestTree tree, TimeBase time) {
        this.tree = tree;
        this.clock = tree.clock();
        this.time = time;
        this.timers = IntervalTimers.of(tree);
    }

    @Override
    public Set<Syscall> syscalls() {
        return EnumSet.of(GETTIMEOFDAY, GETRUSAGE, TIMES, TIME, CLOCK_GETTIME, CLOCK_GETRES, NANOSLEEP, CLOCK_NANOSLEEP,
                GETITIMER, ALARM, SETITIMER);
    }

    @Override
    public Disposition onEntry(Guest call) {
        return switch (call.syscall()) {
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

    @Override
    public long clockNanos(GuestThread reader, int clockId) {
        long virtual = time.now(clockId);
        if (virtual >= 0) {
            return virtual;
        }
        return switch (clockId) {
            case CLOCK_PROCESS_CPUTIME_ID -> clock.processNanos(reader.process());
            case CLOCK_THREAD_CPUTIME_ID -> clock.threadNanos(reader);
            default -> clockId < 0 ? cpuClockOf(reader, clockId) : -1;
        };
    }

    /** A dynamic CPU clock (clock_getcpuclockid / pthread_getcpuclockid): pid in the high bits. */
    private long cpuClockOf(GuestThread reader, int clockId) {
        int pid = ~(clockId >> 3);
        boolean perThread = (clockId & 4) != 0;
        GuestThread target = pid == 0 ? reader : tree.byVirtual(pid);
        if (target == null) {
            return -1;
        }
        return perThread ? clock.threadNanos(target) : clock.processNanos(target.process());
    }

    private Disposition clockGettime(Guest call) {
        long now = clockNanos(call.thread(), call.intArg(0));
        if (now < 0) {
            return call.fail(Errno.EINVAL);
        }
        call.memory().writeTimespec(call.arg(1), now);
        return call.emulate(0);
    }

    private Disposition clockGetres(Guest call) {
        if (clockNanos(call.thread(), call.intArg(0)) < 0) {
            return call.fail(Errno.EINVAL);
        }
        if (call.arg(1) != 0) {
            call.memory().writeTimespec(call.arg(1), 1);
        }
        return call.emulate(0);
    }

    private Disposition gettimeofday(Guest call) {
        if (call.arg(0) != 0) {
            call.memory().writeTimeval(call.arg(0), time.realtime());
        }
        if (call.arg(1) != 0) {
            call.memory().writeLong(call.arg(1), 0); // struct timezone: UTC, no DST
        }
        return call.emulate(0);
    }

    private Disposition time(Guest call) {
        long seconds = time.realtime() / NANOS;
        if (call.arg(0) != 0) {
            call.memory().writeLong(call.arg(0), seconds);
        }
        return call.emulate(seconds);
    }

    /** Only CPU time is meaningful in virtual time; the other fields (faults, rss...) read zero. */
    private Disposition getrusage(Guest call) {
        long cpu = switch (call.intArg(0)) {
            case RUSAGE_SELF -> clock.processNanos(call.process());
            case RUSAGE_THREAD -> clock.threadNanos(call.thread());
            default -> 0; // RUSAGE_CHILDREN
        };
        long addr = call.arg(1);
        call.memory().write(addr, zeros, 0, RUSAGE_SIZE);
        call.memory().writeTimeval(addr, cpu);
        return call.emulate(0);
    }

    private Disposition times(Guest call) {
        long nanosPerTick = NANOS / USER_HZ;
        if (call.arg(0) != 0) {
            call.memory().write(call.arg(0), zeros, 0, TMS_SIZE);
            call.memory().writeLong(call.arg(0), clock.processNanos(call.process()) / nanosPerTick);
        }
        return call.emulate(time.monotonic() / nanosPerTick);
    }

    /** A sleep parks the thread until virtual time reaches its end; it takes no wall time. */
    private Disposition sleep(Guest call, int clockId, int flags, long requestAddr) {
        long now = clockNanos(call.thread(), clockId);
        if (now < 0) {
            return call.fail(Errno.EINVAL);
        }
        GuestMemory.Timespec request = call.memory().readTimespec(requestAddr);
        if (!request.valid()) {
            return call.fail(Errno.EINVAL);
        }
        long requested = request.totalNanos();
        boolean absolute = (flags & TIMER_ABSTIME) != 0;
        long duration = absolute ? Math.max(0, requested - now) : requested;
        long deadline = time.after(duration);
        call.thread().state().get(SLEEP_END)[0] = deadline;
        // A signal releases the sleep to the kernel, which then reports its own, real, time left.
        return call.block(new Wait.Sleep(deadline), !absolute);
    }

    /**
     * A relative sleep a signal ended: the time left it reports is virtual, like the time it slept.
     * At the exit stop the kernel's result is still ERESTART_RESTARTBLOCK when a handler is to run
     * (it becomes EINTR as the signal is delivered), so that counts as interrupted too.
     */
    @Override
    public void onExit(Guest call) {
        long rem = call.syscall() == NANOSLEEP ? call.arg(1) : call.arg(3);
        long result = call.result();
        if ((result == -Errno.EINTR || result == -ERESTART_RESTARTBLOCK) && rem != 0) {
            call.memory().writeTimespec(rem, Math.max(0, call.thread().state().get(SLEEP_END)[0] - time.elapsed()));
        }
    }

    /**
     * The seconds left of the previous alarm, as the kernel's alarm_setitimer gives them: rounded
     * to the nearest second, and never 0 while one was pending.
     */
    private Disposition alarm(Guest call) {
        long previous = timers.arm(call.process(), time.elapsed(), call.arg(0) * NANOS, 0);
        long seconds = previous / NANOS;
        long nanos = previous % NANOS;
        if ((seconds == 0 && nanos > 0) || nanos >= NANOS / 2) {
            seconds++;
        }
        return call.emulate(seconds);
    }

    /** struct itimerval: it_interval then it_value, each a struct timeval. */
    private Disposition setitimer(Guest call) {
        GuestProcess p = call.process();
        long now = time.elapsed();
        long oldInterval = timers.interval(p);
        long oldValue = timers.remaining(p, now);
        if (call.arg(1) != 0) {
            GuestMemory.Timespec interval = call.memory().readTimeval(call.arg(1));
            GuestMemory.Timespec value = call.memory().readTimeval(call.arg(1) + 16);
            if (!interval.valid() || !value.valid()) {
                return call.fail(Errno.EINVAL);
            }
            timers.arm(p, now, value.totalNanos(), interval.totalNanos());
        }
        if (call.arg(2) != 0) {
            writeItimerval(call, call.arg(2), oldInterval, oldValue);
        }
        return call.emulate(0);
    }

    private Disposition getitimer(Guest call) {
        GuestProcess p = call.process();
        writeItimerval(call, call.arg(1), timers.interval(p), timers.remaining(p, time.elapsed()));
        return call.emulate(0);
    }

    private static void writeItimerval(Guest call, long addr, long intervalNanos, long valueNanos) {
        call.memory().writeTimeval(addr, intervalNanos);
        call.memory().writeTimeval(addr + 16, valueNanos);
    }
}
