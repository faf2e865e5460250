package dev.vbench.core.supervisor;

import dev.vbench.core.handlers.IntervalTimers;
import dev.vbench.core.nativ.LibC;
import dev.vbench.core.nativ.Native;
import jnr.ffi.Pointer;

/**
 * Sends a POSIX timer's signal as the kernel would: a siginfo with SI_TIMER, the timer's id, an
 * overrun count of 0 and the timer's sigev_value, queued with rt_sigqueueinfo to the process or
 * rt_tgsigqueueinfo to one thread (SIGEV_THREAD_ID, which glibc's SIGEV_THREAD timers use).
 */
final class TimerSignals {
    private static final int SYS_RT_SIGQUEUEINFO = 129, SYS_RT_TGSIGQUEUEINFO = 297;
    private static final int SI_TIMER = -2, SIGINFO_SIZE = 128;
    /** struct siginfo: si_signo, si_errno, si_code, then (at 16) the timer's si_tid, si_overrun, si_value. */
    private static final int SIGNO = 0, CODE = 8, TIMER_ID = 16, OVERRUN = 20, VALUE = 24;
    private static final LibC C = Native.libc();

    private final Pointer info = Native.allocate(SIGINFO_SIZE);

    /** To the process {@code pid}, or its thread {@code tid} if not 0. */
    void send(int pid, int tid, int timerId, IntervalTimers.Delivery delivery) {
        for (int i = 0; i < SIGINFO_SIZE; i += 8) {
            info.putLong(i, 0);
        }
        info.putInt(SIGNO, delivery.signal());
        info.putInt(CODE, SI_TIMER);
        info.putInt(TIMER_ID, timerId);
        info.putInt(OVERRUN, 0);
        info.putLong(VALUE, delivery.value());
        if (tid != 0) {
            C.syscall(SYS_RT_TGSIGQUEUEINFO, pid, tid, delivery.signal(), info.address(), 0);
        } else {
            C.syscall(SYS_RT_SIGQUEUEINFO, pid, delivery.signal(), info.address());
        }
    }
}
