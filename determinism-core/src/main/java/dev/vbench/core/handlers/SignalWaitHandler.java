package dev.vbench.core.handlers;

import dev.vbench.core.nativ.Errno;
import dev.vbench.core.sched.Wait;
import dev.vbench.core.supervisor.SignalMasks;
import dev.vbench.core.supervisor.SyscallStop;

/**
 * Calls that wait for a signal (pause, rt_sigsuspend, rt_sigtimedwait) park the thread until the
 * guest sends it one; sched_yield ends the caller's scheduling slice.
 */
final class SignalWaitHandler implements SyscallHandler {
    static final int SCHED_YIELD = 24, PAUSE = 34, RT_SIGTIMEDWAIT = 128, RT_SIGSUSPEND = 130;

    private final TimeBase time;

    SignalWaitHandler(TimeBase time) {
        this.time = time;
    }

    @Override
    public int[] syscalls() {
        return new int[] {SCHED_YIELD, PAUSE, RT_SIGTIMEDWAIT, RT_SIGSUSPEND};
    }

    @Override
    public Disposition onEntry(SyscallStop call) {
        return switch (call.nr()) {
            case SCHED_YIELD -> {
                call.yieldCpu();
                yield call.emulate(0);
            }
            case PAUSE -> call.block(new Wait.Signal(-1, 0, Wait.NEVER), false);
            case RT_SIGSUSPEND -> call.arg(0) == 0 ? call.fail(Errno.EFAULT)
                    : call.block(new Wait.Signal(call.memory().readLong(call.tid(), call.arg(0)), 0, Wait.NEVER), false);
            case RT_SIGTIMEDWAIT -> sigtimedwait(call);
            default -> Disposition.PASS;
        };
    }

    private Disposition sigtimedwait(SyscallStop call) {
        long timeout = call.arg(2);
        long nanos = Wait.NEVER;
        if (timeout != 0) {
            nanos = call.memory().readLong(call.tid(), timeout) * 1_000_000_000L
                    + call.memory().readLong(call.tid(), timeout + 8);
            if (nanos == 0) {
                return Disposition.PASS; // a poll for pending signals (Valgrind does one per time slice)
            }
        }
        long set = call.memory().readLong(call.tid(), call.arg(0));
        if ((pending(call.tid()) & set) != 0) {
            return Disposition.PASS; // already pending: the kernel returns it at once
        }
        long deadline = nanos == Wait.NEVER ? Wait.NEVER : time.elapsed() + nanos;
        return call.block(new Wait.Signal(-1, set, deadline), false);
    }

    /** Signals pending for the thread or its process. */
    private static long pending(int tid) {
        SignalMasks m = SignalMasks.of(tid);
        return m == null ? 0 : m.pending();
    }
}
