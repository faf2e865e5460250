package dev.vbench.core.supervisor;

import dev.vbench.core.nativ.AnswerBlock;
import dev.vbench.core.nativ.Native;
import dev.vbench.core.nativ.Signals;

/**
 * The last resort against a guest thread that never stops while other threads wait: a spin-wait
 * without system calls (after {@link #LIMIT_MILLIS} of its own CPU time, from
 * /proc/TID/schedstat, so a busy machine does not trigger it) or a call blocked in the kernel that
 * the supervisor does not model (after {@link #BLOCKED_LIMIT_MILLIS} of wall time in which the
 * thread used almost no CPU: one that computes, however slowly on a loaded machine, is not
 * blocked, and Valgrind preempts it at its next time slice). It sends the
 * thread a SIGSTOP, which the supervisor turns into a preemption. Neither limit is
 * deterministic, so a run where this fires says so.
 *
 * <p>Runs on its own thread, which only reads volatile fields and sends a signal; every ptrace
 * request stays on the supervisor thread.
 */
final class Watchdog {
    static final long LIMIT_MILLIS = 200;
    static final long BLOCKED_LIMIT_MILLIS = 5_000;
    /** A thread that used less CPU than this in {@link #BLOCKED_LIMIT_MILLIS} is blocked, not computing. */
    static final long BLOCKED_CPU_MILLIS = 50;
    private static final int SYS_TKILL = 200;
    private static final long POLL_MILLIS = 20;

    /** Whether a thread's CPU time is watched (see {@link GuestRuntime#preemptsAtTimeSlices()}). */
    private final boolean watchCpu;
    private volatile int runningTid;
    private volatile long runningSince;
    private volatile AnswerBlock quickCalls;
    private volatile boolean othersWaiting;
    private volatile int preemptedTid;
    /** Whether the last preemption was of a thread spinning (true) or blocked in an unmodelled call. */
    private volatile boolean preemptedSpinning;
    private volatile boolean stopped;
    private Thread thread;

    /** @param watchCpu whether to preempt a thread after {@link #LIMIT_MILLIS} of CPU time */
    Watchdog(boolean watchCpu) {
        this.watchCpu = watchCpu;
    }

    void start() {
        thread = new Thread(this::watch, "vbench-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * The supervisor resumed {@code tid}; {@code othersWaiting} says whether anyone else could run,
     * {@code quickCalls} what the tracer answers meanwhile (or null): each quick call is a stop too.
     */
    void running(int tid, boolean othersWaiting, AnswerBlock quickCalls) {
        this.othersWaiting = othersWaiting;
        this.quickCalls = quickCalls;
        this.runningSince = System.nanoTime();
        this.runningTid = tid;
    }

    /** The running thread stopped by itself. */
    void stopped() {
        runningTid = 0;
    }

    /** Whether a SIGSTOP of {@code tid} is the watchdog's; if so it is consumed. */
    /** Why the last claimed preemption happened: a spin without system calls, or a blocked call. */
    boolean lastWasSpinning() {
        return preemptedSpinning;
    }

    boolean claim(int tid) {
        if (preemptedTid == tid && tid != 0) {
            preemptedTid = 0;
            return true;
        }
        return false;
    }

    private void watch() {
        int watched = 0;
        long since = 0;
        int quickStops = 0;
        long cpuAtStart = 0;
        while (!stopped) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            int tid = runningTid;
            if (tid == 0 || !othersWaiting || preemptedTid != 0) {
                watched = 0;
                continue;
            }
            AnswerBlock quick = quickCalls;
            int stops = quick == null ? 0 : quick.answered();
            if (tid != watched || runningSince != since || stops != quickStops) {
                watched = tid;
                since = runningSince;
                quickStops = stops;
                cpuAtStart = cpuNanos(tid);
                continue;
            }
            long cpu = cpuNanos(tid) - cpuAtStart;
            boolean spinning = watchCpu && cpu > LIMIT_MILLIS * 1_000_000;
            boolean stuck = System.nanoTime() - since > BLOCKED_LIMIT_MILLIS * 1_000_000
                    && cpu < BLOCKED_CPU_MILLIS * 1_000_000;
            if (spinning || stuck) {
                preemptedSpinning = spinning;
                preemptedTid = tid;
                Native.libc().syscall(SYS_TKILL, tid, Signals.SIGSTOP, 0);
            }
        }
    }

    /** CPU time the thread has run, in ns (first field of /proc/TID/schedstat); 0 if unreadable. */
    private static long cpuNanos(int tid) {
        try {
            String s = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + tid + "/schedstat"));
            return Long.parseLong(s.substring(0, s.indexOf(' ')));
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }
}
