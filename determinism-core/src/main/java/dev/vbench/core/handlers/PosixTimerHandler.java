package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.TIMER_CREATE;
import static dev.vbench.core.syscalls.Syscall.TIMER_DELETE;
import static dev.vbench.core.syscalls.Syscall.TIMER_GETOVERRUN;
import static dev.vbench.core.syscalls.Syscall.TIMER_GETTIME;
import static dev.vbench.core.syscalls.Syscall.TIMER_SETTIME;

import dev.vbench.core.guest.Bytes;
import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestMemory;
import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.syscalls.Syscall;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * POSIX timers (timer_create and the rest) on the real-time and monotonic clocks run on virtual
 * time, like ITIMER_REAL ({@link IntervalTimers}). In the kernel they ran on wall time: `timeout 0.2
 * sleep 5` never timed out (the sleep takes no wall time), and a run longer in wall time than its
 * timer was signalled at whatever point the wall clock chose. Timers on CPU-time clocks are left
 * to the kernel, whose timer ids could then meet vbench's (both count from 0).
 */
final class PosixTimerHandler implements SyscallHandler {
    /** The clocks timer_create takes that run on virtual time (it refuses the coarse and raw ones). */
    private static final Set<Integer> VIRTUAL_TIMER_CLOCKS = Set.of(TimeBase.CLOCK_REALTIME, TimeBase.CLOCK_MONOTONIC,
            TimeBase.CLOCK_BOOTTIME, TimeBase.CLOCK_REALTIME_ALARM, TimeBase.CLOCK_BOOTTIME_ALARM, TimeBase.CLOCK_TAI);
    private static final int SIGEV_SIGNAL = 0, SIGEV_NONE = 1, SIGEV_THREAD_ID = 4;
    private static final int TIMER_ABSTIME = 1;
    private static final int SIGALRM = 14, NSIG = 64;
    /** struct sigevent: sigev_value, sigev_signo, sigev_notify, then the thread id of SIGEV_THREAD_ID. */
    private static final int SIGEV_SIZE = 20;
    /** The clock each of a process's timers runs on, to read an absolute expiry against. */
    private static final StateKey<Map<Integer, Integer>> CLOCKS = StateKey.of("posix timer clocks", HashMap::new);

    private final GuestTree tree;
    private final TimeBase time;
    private final IntervalTimers timers;

    PosixTimerHandler(GuestTree tree, TimeBase time) {
        this.tree = tree;
        this.time = time;
        this.timers = IntervalTimers.of(tree);
    }

    @Override
    public Set<Syscall> syscalls() {
        return EnumSet.of(TIMER_CREATE, TIMER_SETTIME, TIMER_GETTIME, TIMER_GETOVERRUN, TIMER_DELETE);
    }

    @Override
    public void onExec(GuestProcess process) {
        timers.deletePosixTimers(process);
        process.state().get(CLOCKS).clear();
    }

    @Override
    public Disposition onEntry(Guest call) {
        if (call.syscall() == TIMER_CREATE) {
            return create(call);
        }
        int id = call.intArg(0);
        if (!timers.exists(call.process(), id)) {
            return Disposition.PASS; // a CPU-time timer of the kernel's, or none: the kernel answers
        }
        return switch (call.syscall()) {
            case TIMER_SETTIME -> settime(call, id);
            case TIMER_GETTIME -> {
                writeItimerspec(call, call.arg(1), id);
                yield call.emulate(0);
            }
            case TIMER_GETOVERRUN -> call.emulate(0); // a timer's signal is queued anew at every expiry
            case TIMER_DELETE -> {
                timers.delete(call.process(), id);
                call.process().state().get(CLOCKS).remove(id);
                yield call.emulate(0);
            }
            default -> Disposition.PASS;
        };
    }

    /** timer_create(clockid, sevp, timerid); a NULL sevp is SIGEV_SIGNAL with SIGALRM and the id as value. */
    private Disposition create(Guest call) {
        int clock = call.intArg(0);
        if (!VIRTUAL_TIMER_CLOCKS.contains(clock)) {
            return Disposition.PASS;
        }
        GuestMemory memory = call.memory();
        long sevp = call.arg(1);
        int notify = SIGEV_SIGNAL, signal = SIGALRM, threadVtid = 0;
        Long value = null; // NULL sevp: the timer's own id
        if (sevp != 0) {
            byte[] sev = new byte[SIGEV_SIZE];
            memory.readFully(sevp, sev, 0, SIGEV_SIZE);
            value = Bytes.getLong(sev, 0);
            signal = Bytes.getInt(sev, 8);
            notify = Bytes.getInt(sev, 12);
            threadVtid = Bytes.getInt(sev, 16);
        }
        if (notify != SIGEV_NONE && (signal < 1 || signal > NSIG)) {
            return call.fail(Errno.EINVAL);
        }
        if (notify == SIGEV_THREAD_ID) {
            GuestThread target = tree.byVirtual(threadVtid);
            if (target == null || target.process() != call.process()) {
                return call.fail(Errno.EINVAL);
            }
        } else if (notify == SIGEV_SIGNAL || notify == SIGEV_NONE) {
            threadVtid = 0;
        } else {
            return call.fail(Errno.EINVAL);
        }
        int sent = notify == SIGEV_NONE ? 0 : signal;
        int target = threadVtid;
        Long given = value;
        int id = timers.create(call.process(), own -> new IntervalTimers.Delivery(sent, target,
                given != null ? given : own, true));
        memory.writeInt(call.arg(2), id);
        call.process().state().get(CLOCKS).put(id, clock);
        return call.emulate(0);
    }

    /** timer_settime(id, flags, new, old): struct itimerspec is it_interval, then it_value. */
    private Disposition settime(Guest call, int id) {
        GuestProcess process = call.process();
        GuestMemory.Timespec interval = call.memory().readTimespec(call.arg(2));
        GuestMemory.Timespec value = call.memory().readTimespec(call.arg(2) + 16);
        if (!interval.valid() || !value.valid()) {
            return call.fail(Errno.EINVAL);
        }
        if (call.arg(3) != 0) {
            writeItimerspec(call, call.arg(3), id);
        }
        long now = time.elapsed();
        long nanos = value.totalNanos();
        if (nanos != 0 && (call.intArg(1) & TIMER_ABSTIME) != 0) {
            long clockNow = time.now(process.state().get(CLOCKS).getOrDefault(id, TimeBase.CLOCK_MONOTONIC));
            nanos = Math.max(1, nanos - clockNow); // a time already past expires at once
        }
        timers.set(process, id, now, nanos, interval.totalNanos());
        return call.emulate(0);
    }

    private void writeItimerspec(Guest call, long addr, int id) {
        GuestProcess process = call.process();
        call.memory().writeTimespec(addr, timers.interval(process, id));
        call.memory().writeTimespec(addr + 16, timers.remaining(process, id, time.elapsed()));
    }
}
