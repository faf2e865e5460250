package dev.vbench.core.supervisor;

import dev.vbench.core.nativ.Errno;
import dev.vbench.core.nativ.Native;
import dev.vbench.core.sched.Scheduler;
import dev.vbench.core.sched.Wait;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks at every parked thread at a scheduling point and ends the waits that are over: deadlines
 * passed in virtual time, descriptors that became ready, children that exited, signals that
 * arrived. It also fires the processes' interval timers, which run on virtual time.
 */
final class WaitChecker {
    private static final int SIGALRM = 14;

    private final GuestTree tree;
    private final Scheduler scheduler;
    private final Parking parking;
    private final DescriptorProbe probe = new DescriptorProbe();
    private final List<GuestThread> scratch = new ArrayList<>();

    WaitChecker(GuestTree tree, Scheduler scheduler, Parking parking) {
        this.tree = tree;
        this.scheduler = scheduler;
        this.parking = parking;
    }

    DescriptorProbe probe() {
        return probe;
    }

    /** Ends every wait that is over now. */
    void wakeReady() {
        long now = tree.clock().elapsedNanos();
        fireTimers(now);
        if (scheduler.parked().isEmpty()) {
            return;
        }
        scratch.clear();
        scratch.addAll(scheduler.parked());
        for (GuestThread t : scratch) {
            Wait w = t.waitingOn;
            if (t.incomingSignals != 0 && interruptedBySignal(t, w)) {
                t.incomingSignals = 0;
                parking.release(t); // the kernel runs the call, sees the signal, and delivers it
            } else if (now >= w.deadline()) {
                parking.complete(t, timeoutResult(w));
            } else if (w instanceof Wait.Descriptors d && anyReady(t.process(), d)) {
                parking.release(t);
                t.releasedFrom = d; // readiness can be lost again before it runs: see stillReady
            } else if (w instanceof Wait.Child c && (t.process().hasExitedChild(c.realPidSpec())
                    || t.process().liveChildren == 0)) {
                parking.release(t);
            }
        }
    }

    private static boolean interruptedBySignal(GuestThread t, Wait w) {
        long incoming = t.incomingSignals;
        if (w instanceof Wait.Signal s && (incoming & s.waitSet()) != 0) {
            return true;
        }
        long mask = w instanceof Wait.Signal s ? s.suspendMask() : -1;
        return SignalDispositions.interrupts(t.tid(), incoming, mask);
    }

    private static long timeoutResult(Wait w) {
        if (w instanceof Wait.Futex) {
            return -Errno.ETIMEDOUT;
        }
        if (w instanceof Wait.Signal s) {
            return s.waitSet() != 0 ? -Errno.EAGAIN : -Errno.EINTR;
        }
        return 0; // sleeps complete, poll/select/epoll report nothing ready
    }

    private boolean anyReady(GuestProcess process, Wait.Descriptors d) {
        for (int i = 0; i < d.fds().length; i++) {
            if (probe.probe(process, d.fds()[i], d.events()[i]) != DescriptorProbe.State.NOT_READY) {
                return true;
            }
        }
        return false;
    }

    /**
     * A thread released because its descriptors were ready may only run if they still are: another
     * thread that ran in between may have taken the data (Valgrind's lock pipe does exactly that).
     */
    boolean stillReady(GuestThread t) {
        Wait.Descriptors d = t.releasedFrom;
        t.releasedFrom = null;
        if (d == null || anyReady(t.process(), d)) {
            return true;
        }
        scheduler.park(t, d);
        return false;
    }

    /** The earliest virtual time at which a parked thread or a timer has something to do. */
    long earliestDeadline() {
        long earliest = earliestAlarm();
        for (GuestThread t : scheduler.parked()) {
            earliest = Math.min(earliest, t.waitingOn.deadline());
        }
        return earliest;
    }

    /** The earliest armed ITIMER_REAL of a live process; without a scan when none was ever armed. */
    private long earliestAlarm() {
        long earliest = Wait.NEVER;
        if (tree.armedTimers > 0) {
            for (GuestThread t : tree.liveThreads()) {
                earliest = Math.min(earliest, t.process().alarmDeadline);
            }
        }
        return earliest;
    }

    /**
     * Whether a stop of the running thread could let another guest thread run: one is ready, or
     * one waits for a deadline (virtual time moves while the running thread works, and timers
     * fire) or for a descriptor (input may come from outside the tree). Every other wait ends only
     * through a system call or the exit of a guest thread, which stops anyway. Runs at every
     * dispatch: one pass over the parked threads, no allocation unless a timer is armed.
     */
    boolean othersCouldRun() {
        if (scheduler.hasReady()) {
            return true;
        }
        for (GuestThread t : scheduler.parked()) {
            if (t.waitingOn.deadline() != Wait.NEVER || t.waitingOn instanceof Wait.Descriptors) {
                return true;
            }
        }
        return earliestAlarm() != Wait.NEVER;
    }

    boolean anyDescriptorWait() {
        for (GuestThread t : scheduler.parked()) {
            if (t.waitingOn instanceof Wait.Descriptors) {
                return true;
            }
        }
        return false;
    }

    /** SIGALRM for every process whose ITIMER_REAL expired in virtual time. */
    private void fireTimers(long now) {
        if (tree.armedTimers == 0) {
            return;
        }
        for (GuestThread t : tree.liveThreads()) {
            GuestProcess p = t.process();
            if (p.alarmDeadline <= now && p.threads().get(0) == t) {
                p.alarmDeadline = p.alarmInterval > 0 ? p.alarmDeadline + p.alarmInterval : Wait.NEVER;
                if (p.alarmDeadline == Wait.NEVER) {
                    tree.armedTimers--;
                }
                Native.libc().kill(p.pid(), SIGALRM);
                p.signalSent(SIGALRM);
            }
        }
    }

    /** What every parked thread waits on, for the deadlock report. */
    String report() {
        StringBuilder s = new StringBuilder();
        for (GuestThread t : scheduler.parked()) {
            s.append("  thread ").append(t.vtid()).append(" (process ").append(t.process().vpid())
                    .append(") waits for ").append(t.waitingOn.describe()).append('\n');
        }
        return s.toString();
    }
}
