package dev.vbench.core.handlers;

import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.guest.Wait;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ObjIntConsumer;

/**
 * ITIMER_REAL of every guest process (alarm, setitimer), on virtual time: armed by the time
 * handler, fired by the supervisor at scheduling points, in the order of the processes' virtual
 * ids when several expire together. One instance per run, kept in the run's state.
 */
public final class IntervalTimers {
    private static final StateKey<IntervalTimers> RUN = StateKey.of("interval timers", IntervalTimers::new);
    static final int SIGALRM = 14;

    /** Next expiry in virtual ns since the start (or {@link Wait#NEVER}) and the reload interval. */
    private record Timer(long deadline, long interval) {}

    private final Map<Integer, Timer> armed = new TreeMap<>();
    private final Map<Integer, GuestProcess> processes = new TreeMap<>();

    /** The run's timers. */
    public static IntervalTimers of(GuestTree tree) {
        return tree.state().get(RUN);
    }

    /**
     * Arms (or, with a zero value, disarms) the process's timer at {@code now}; returns the
     * nanoseconds that were left of the previous one (0 if it was not armed).
     */
    long arm(GuestProcess process, long now, long valueNanos, long intervalNanos) {
        long left = remaining(process, now);
        if (valueNanos == 0) {
            armed.remove(process.vpid());
            processes.remove(process.vpid());
        } else {
            armed.put(process.vpid(), new Timer(now + valueNanos, intervalNanos));
            processes.put(process.vpid(), process);
        }
        return left;
    }

    /** Nanoseconds until the process's timer expires; 0 if it is not armed. */
    long remaining(GuestProcess process, long now) {
        Timer t = armed.get(process.vpid());
        return t == null ? 0 : Math.max(0, t.deadline - now);
    }

    /** The reload interval of the process's timer; 0 if it is not armed or does not repeat. */
    long interval(GuestProcess process) {
        Timer t = armed.get(process.vpid());
        return t == null ? 0 : t.interval;
    }

    /** Whether any live process has an armed timer. */
    public boolean anyArmed() {
        return !armed.isEmpty();
    }

    /** The earliest expiry of an armed timer, or {@link Wait#NEVER}. */
    public long earliestDeadline() {
        long earliest = Wait.NEVER;
        for (Timer t : armed.values()) {
            earliest = Math.min(earliest, t.deadline);
        }
        return earliest;
    }

    /** Sends SIGALRM (through {@code send}) to every process whose timer expired by {@code now}; reloads repeating ones. */
    public void fireExpired(long now, ObjIntConsumer<GuestProcess> send) {
        if (armed.isEmpty()) {
            return;
        }
        for (Map.Entry<Integer, Timer> e : new java.util.ArrayList<>(armed.entrySet())) { // in vpid order
            Timer t = e.getValue();
            if (t.deadline > now) {
                continue;
            }
            GuestProcess p = processes.get(e.getKey());
            if (t.interval > 0) {
                armed.put(e.getKey(), new Timer(t.deadline + t.interval, t.interval));
            } else {
                armed.remove(e.getKey());
                processes.remove(e.getKey());
            }
            send.accept(p, SIGALRM);
        }
    }

    /** A process that exited takes its timer with it. */
    public void forget(GuestProcess process) {
        armed.remove(process.vpid());
        processes.remove(process.vpid());
    }
}
