package dev.vbench.core.supervisor;

import dev.vbench.core.nativ.Native;

/**
 * The last resort against a guest thread that never stops (a spin-wait without system calls, or a
 * call blocked in the kernel that the supervisor does not model) while other threads wait: after
 * {@link #LIMIT_MILLIS} of wall time it sends the thread a SIGSTOP, which the supervisor turns
 * into a preemption. Wall time is not deterministic, so a run where this fires says so.
 *
 * <p>Runs on its own thread, which only reads volatile fields and sends a signal; every ptrace
 * request stays on the supervisor thread.
 */
final class Watchdog {
    static final long LIMIT_MILLIS = 200;
    private static final int SYS_TKILL = 200, SIGSTOP = 19;
    private static final long POLL_MILLIS = 20;

    private volatile int runningTid;
    private volatile long runningSince;
    private volatile boolean othersWaiting;
    private volatile int preemptedTid;
    private volatile boolean stopped;
    private Thread thread;

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

    /** The supervisor resumed {@code tid}; {@code othersWaiting} says whether anyone else could run. */
    void running(int tid, boolean othersWaiting) {
        this.othersWaiting = othersWaiting;
        this.runningSince = System.nanoTime();
        this.runningTid = tid;
    }

    /** The running thread stopped by itself. */
    void stopped() {
        runningTid = 0;
    }

    /** Whether a SIGSTOP of {@code tid} is the watchdog's; if so it is consumed. */
    boolean claim(int tid) {
        if (preemptedTid == tid && tid != 0) {
            preemptedTid = 0;
            return true;
        }
        return false;
    }

    private void watch() {
        while (!stopped) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            int tid = runningTid;
            if (tid != 0 && othersWaiting && preemptedTid == 0
                    && System.nanoTime() - runningSince > LIMIT_MILLIS * 1_000_000) {
                preemptedTid = tid;
                Native.libc().syscall(SYS_TKILL, tid, SIGSTOP, 0);
            }
        }
    }
}
