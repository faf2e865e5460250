package dev.vbench.core.supervisor;

import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.guest.ParkedThreads;
import dev.vbench.core.guest.Readiness;
import dev.vbench.core.guest.SignalMasks;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.handlers.IntervalTimers;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.sched.ParkedIndex;
import dev.vbench.core.sched.Scheduler;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks at the parked threads at a scheduling point and ends the waits that are over: deadlines
 * passed in virtual time, descriptors that became ready, children that exited, signals that
 * arrived. It also fires the processes' interval timers, which run on virtual time. Only the
 * threads whose wait could have ended are looked at ({@link ParkedIndex#due}): a futex waiter with
 * no signal and a deadline still to come, or none, costs nothing here.
 */
final class WaitChecker {
    /** What the checker asks of the host about guest threads; the supervisor's reads /proc and pidfds. */
    interface Host {
        /**
         * Whether descriptor {@code fd} of {@code thread}'s process is ready for {@code events}; unless
         * the waiting call {@code polls} (poll, select, epoll_wait), NON_BLOCKING if it is non-blocking.
         */
        Readiness readiness(GuestThread thread, int fd, short events, boolean polls);

        /**
         * Tries the flock {@code operation} of the thread's descriptor {@code fd} without blocking:
         * 0 if the lock is taken now (for the guest's open file), -EWOULDBLOCK if it is held, or
         * another -errno (the kernel then answers the call).
         */
        int tryLock(GuestThread thread, int fd, int operation);

        /** The thread's signal masks, or null if they cannot be read (then the kernel decides). */
        SignalMasks signalMasks(GuestThread thread);

        /**
         * Sends an expired timer's signal: to {@code thread}, or to the process if null; a POSIX
         * timer's with SI_TIMER, its id and value, as the kernel does.
         */
        void sendTimerSignal(GuestProcess process, GuestThread thread, int timerId, IntervalTimers.Delivery delivery);
    }

    private final GuestTree tree;
    private final Scheduler scheduler;
    private final ParkedThreads parking;
    private final IntervalTimers timers;
    private final Host host;
    private final DescriptorChanges changes;
    private final List<GuestThread> scratch = new ArrayList<>();
    /** Per parked thread released for its descriptors: the wait, to check again when it is chosen. */
    private final java.util.Map<GuestThread, Wait.Descriptors> releasedFrom = new java.util.IdentityHashMap<>();
    /** Per parked thread released for a signal: the wait, to check again when it is chosen. */
    private final java.util.Map<GuestThread, Wait> releasedForSignal = new java.util.IdentityHashMap<>();

    WaitChecker(GuestTree tree, Scheduler scheduler, ParkedThreads parking, Host host, DescriptorChanges changes) {
        this.tree = tree;
        this.scheduler = scheduler;
        this.parking = parking;
        this.timers = IntervalTimers.of(tree);
        this.host = host;
        this.changes = changes;
    }

    /** Ends every wait that is over now. */
    void wakeReady() {
        long now = tree.clock().elapsedNanos();
        timers.fireExpired(now, (process, timerId, delivery) -> {
            GuestThread target = delivery.threadVtid() == 0 ? null : tree.byVirtual(delivery.threadVtid());
            if (target != null && target.process() != process) {
                target = null; // the thread is gone and its number taken: the process gets the signal
            }
            host.sendTimerSignal(process, target, timerId, delivery);
            if (target != null) {
                target.signalSent(delivery.signal());
            } else {
                process.signalSent(delivery.signal());
            }
            changes.mayHaveChanged(); // a signalfd becomes readable
        });
        changes.beforeCheck();
        watchSignalled();
        if (scheduler.parked().isEmpty()) {
            return;
        }
        long descriptorParks = scheduler.parked().descriptorParks();
        boolean withDescriptors = changes.worthLooking(descriptorParks);
        scheduler.parked().due(now, withDescriptors, scratch);
        if (withDescriptors) {
            changes.looked(descriptorParks); // below: each is released or found not ready
        }
        for (int i = 0; i < scratch.size(); i++) {
            GuestThread t = scratch.get(i);
            Wait w = scheduler.waitOf(t);
            if (t.incomingSignals() != 0 && interruptedBySignal(t, w, t.incomingSignals())) {
                t.clearIncomingSignals();
                parking.release(t); // the kernel runs the call, sees the signal, and delivers it
                releasedForSignal.put(t, w); // unless another thread takes it first: see stillReady
            } else if (now >= w.deadline()) {
                timeOut(t, w);
            } else if (w instanceof Wait.Descriptors d && readyNow(t, d)) {
                parking.release(t);
                releasedFrom.put(t, d); // readiness can be lost again before it runs: see stillReady
            } else if (w instanceof Wait.Child c && (t.process().hasExitedChild(c.realPidSpec())
                    || t.process().liveChildren() == 0)) {
                parking.release(t);
            } else if (w instanceof Wait.FileLock l) {
                int r = host.tryLock(t, l.fd(), l.operation());
                if (r == 0) {
                    parking.complete(t, 0); // taken for it: the call is answered
                } else if (r != -Errno.EWOULDBLOCK) {
                    parking.release(t); // the descriptor went bad: the kernel gives the error
                }
            }
        }
    }

    /** Parked threads a signal came for are looked at from now on, until they stop waiting. */
    private void watchSignalled() {
        List<GuestThread> signalled = tree.newlySignalled();
        for (int i = 0; i < signalled.size(); i++) {
            GuestThread t = signalled.get(i);
            if (t.incomingSignals() != 0) {
                scheduler.parked().watch(t);
            }
        }
        tree.clearNewlySignalled();
    }

    /**
     * Whether one of {@code signals}, sent to the thread or its process, ends its wait. Only one
     * still pending counts: a signal sent to a process goes to one of its threads, and another
     * thread may have taken it already (node's SIGCHLD, taken by the main thread, released a
     * worker's epoll_pwait that then blocked in the kernel until the watchdog came).
     */
    private boolean interruptedBySignal(GuestThread t, Wait w, long signals) {
        SignalMasks masks = host.signalMasks(t);
        if (masks == null) {
            return true; // the thread is gone or unreadable: let the kernel decide
        }
        long pending = signals & masks.pending();
        if (w instanceof Wait.Signal s && (pending & s.waitSet()) != 0) {
            return true; // rt_sigtimedwait takes it, blocked or not
        }
        return masks.interrupts(pending, w.maskDuringWait());
    }

    /** Ends a wait whose deadline passed, with what the kernel would give at that timeout. */
    private void timeOut(GuestThread t, Wait w) {
        if (w instanceof Wait.Descriptors) {
            parking.expire(t); // the kernel writes the empty fd sets and revents of a timeout
        } else if (w instanceof Wait.Futex) {
            parking.complete(t, -Errno.ETIMEDOUT);
        } else if (w instanceof Wait.Signal s) {
            parking.complete(t, s.waitSet() != 0 ? -Errno.EAGAIN : -Errno.EINTR);
        } else {
            parking.complete(t, 0); // sleeps complete
        }
    }

    /** Whether a descriptor of the wait is ready; not probed again if nothing could have changed since it was not. */
    private boolean readyNow(GuestThread thread, Wait.Descriptors d) {
        if (changes.knownNotReady(thread, d)) {
            return false;
        }
        if (anyReady(thread, d)) {
            return true;
        }
        changes.foundNotReady(thread, d);
        return false;
    }

    private boolean anyReady(GuestThread thread, Wait.Descriptors d) {
        for (int i = 0; i < d.fds().length; i++) {
            if (host.readiness(thread, d.fds()[i], d.events()[i], d.polls()) != Readiness.NOT_READY) {
                return true;
            }
        }
        return false;
    }

    /**
     * A thread released because its descriptors were ready may only run if they still are: another
     * thread that ran in between may have taken the data (Valgrind's lock pipe does exactly that).
     * If not, it is parked again on the same wait, with that answer kept: the next check need not
     * probe it again until something changes. Likewise a thread released for a signal sent to its
     * process: another of its threads may have taken the signal meanwhile.
     */
    boolean stillReady(GuestThread t) {
        Wait signalled = releasedForSignal.remove(t);
        if (signalled != null && !interruptedBySignal(t, signalled, -1L)) {
            scheduler.park(t, signalled); // a thread that ran in between took the signal
            return false;
        }
        Wait.Descriptors d = releasedFrom.remove(t);
        if (d == null || anyReady(t, d)) {
            return true;
        }
        changes.foundNotReady(t, d);
        scheduler.park(t, d);
        return false;
    }

    /** The thread is gone: nothing is kept for it. */
    void forget(GuestThread t) {
        releasedFrom.remove(t);
        releasedForSignal.remove(t);
    }

    /** The earliest virtual time at which a parked thread or a timer has something to do. */
    long earliestDeadline() {
        return Math.min(timers.earliestDeadline(), scheduler.parked().earliestDeadline());
    }

    /**
     * Whether a stop of the running thread could let another guest thread run: one is ready, or
     * one waits for a deadline (virtual time moves while the running thread works, and timers
     * fire) or for a descriptor (input may come from outside the tree). Every other wait ends only
     * through a system call or the exit of a guest thread, which stops anyway. Runs at every
     * dispatch, so it only asks the index, whatever the number of parked threads.
     */
    boolean othersCouldRun() {
        return scheduler.hasReady() || scheduler.parked().anyDeadline() || scheduler.parked().anyOutsideWait()
                || timers.anyArmed();
    }

    /**
     * How many system calls the running thread may make, each moving virtual time on by {@code
     * callCharge}, with no other thread able to run at any of their stops: none if one is ready,
     * waits for the outside or a timer is armed; else as many as keep virtual time short of the
     * earliest deadline of a parked thread (a wait ends at its deadline: {@link #wakeReady}).
     */
    long callsAlone(long callCharge) {
        if (scheduler.hasReady() || scheduler.parked().anyOutsideWait() || timers.anyArmed()) {
            return 0;
        }
        long deadline = scheduler.parked().earliestDeadline();
        if (deadline == Wait.NEVER || callCharge == 0) {
            return Long.MAX_VALUE;
        }
        long room = deadline - 1 - tree.clock().elapsedNanos();
        return room < 0 ? 0 : room / callCharge;
    }

    /** Whether a parked thread waits for what may come from outside the tree: input, a lock's release. */
    boolean anyOutsideWait() {
        return scheduler.parked().anyOutsideWait();
    }

    /** What every parked thread waits on, one line each, for the deadlock report. */
    List<String> report() {
        List<String> lines = new ArrayList<>();
        for (GuestThread t : scheduler.parked()) {
            lines.add("thread " + t.vtid() + " (process " + t.process().vpid() + ") waits for "
                    + scheduler.waitOf(t).describe());
        }
        return lines;
    }
}
