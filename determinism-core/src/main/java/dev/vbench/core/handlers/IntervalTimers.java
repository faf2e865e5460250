package dev.vbench.core.handlers;

import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.guest.Wait;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The timers of every guest process, on virtual time: ITIMER_REAL (alarm, setitimer) and the POSIX
 * timers of timer_create on the real-time and monotonic clocks. Armed by the time handlers, fired
 * by the supervisor at scheduling points, in the order of the processes' virtual ids and then the
 * timers' ids when several expire together. One instance per run, kept in the run's state.
 */
public final class IntervalTimers {
    private static final StateKey<IntervalTimers> RUN = StateKey.of("interval timers", IntervalTimers::new);
    static final int SIGALRM = 14;
    /** The id ITIMER_REAL goes by among a process's timers; POSIX timers are numbered from 0, as by the kernel. */
    static final int ITIMER_REAL_ID = -1;

    /**
     * How an expiry is told: {@code signal} (0: not at all, SIGEV_NONE) to the process, or to its
     * thread {@code threadVtid} (SIGEV_THREAD_ID; 0 for the process); a POSIX timer's signal carries
     * SI_TIMER, its id and {@code value} (sigev_value).
     */
    public record Delivery(int signal, int threadVtid, long value, boolean posix) {
        static final Delivery ALARM = new Delivery(SIGALRM, 0, 0, false);
    }

    /** Where expired timers are told to: the supervisor sends the signal. */
    @FunctionalInterface
    public interface Expiry {
        void fire(GuestProcess process, int timerId, Delivery delivery);
    }

    private record Key(int vpid, int id) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return vpid != o.vpid ? Integer.compare(vpid, o.vpid) : Integer.compare(id, o.id);
        }
    }

    /** Next expiry in virtual ns since the start ({@link Wait#NEVER} while disarmed) and the reload interval. */
    private record Timer(GuestProcess process, long deadline, long interval, Delivery delivery) {
        Timer at(long deadline, long interval) {
            return new Timer(process, deadline, interval, delivery);
        }
    }

    private final TreeMap<Key, Timer> timers = new TreeMap<>();
    private final Map<Integer, Integer> nextPosixId = new HashMap<>();
    private int armedCount;

    /** The run's timers. */
    public static IntervalTimers of(GuestTree tree) {
        return tree.state().get(RUN);
    }

    // --- ITIMER_REAL ---

    /**
     * Arms (or, with a zero value, disarms) the process's ITIMER_REAL at {@code now}; returns the
     * nanoseconds that were left of the previous one (0 if it was not armed).
     */
    long arm(GuestProcess process, long now, long valueNanos, long intervalNanos) {
        long left = remaining(process, now);
        Key key = new Key(process.vpid(), ITIMER_REAL_ID);
        put(key, valueNanos == 0 ? null : new Timer(process, now + valueNanos, intervalNanos, Delivery.ALARM));
        return left;
    }

    /** Nanoseconds until the process's ITIMER_REAL expires; 0 if it is not armed. */
    long remaining(GuestProcess process, long now) {
        return remaining(process, ITIMER_REAL_ID, now);
    }

    /** The reload interval of the process's ITIMER_REAL; 0 if it is not armed or does not repeat. */
    long interval(GuestProcess process) {
        return interval(process, ITIMER_REAL_ID);
    }

    // --- POSIX timers ---

    /**
     * A new, disarmed POSIX timer of the process, told as {@code delivery} gives for its id; returns
     * the id, the lowest the process has not had yet.
     */
    int create(GuestProcess process, java.util.function.IntFunction<Delivery> delivery) {
        int id = nextPosixId.merge(process.vpid(), 1, Integer::sum) - 1;
        timers.put(new Key(process.vpid(), id), new Timer(process, Wait.NEVER, 0, delivery.apply(id)));
        return id;
    }

    boolean exists(GuestProcess process, int id) {
        return id >= 0 && timers.containsKey(new Key(process.vpid(), id));
    }

    /** Arms the timer to expire {@code valueNanos} after {@code now} (a zero value disarms it). */
    void set(GuestProcess process, int id, long now, long valueNanos, long intervalNanos) {
        Key key = new Key(process.vpid(), id);
        Timer t = timers.get(key);
        put(key, valueNanos == 0 ? t.at(Wait.NEVER, 0) : t.at(now + valueNanos, intervalNanos));
    }

    /** Nanoseconds until the timer expires; 0 if it is not armed. */
    long remaining(GuestProcess process, int id, long now) {
        Timer t = timers.get(new Key(process.vpid(), id));
        return t == null || t.deadline == Wait.NEVER ? 0 : Math.max(0, t.deadline - now);
    }

    /** The timer's reload interval; 0 if it is not armed or does not repeat. */
    long interval(GuestProcess process, int id) {
        Timer t = timers.get(new Key(process.vpid(), id));
        return t == null || t.deadline == Wait.NEVER ? 0 : t.interval;
    }

    void delete(GuestProcess process, int id) {
        put(new Key(process.vpid(), id), null);
    }

    /** A new program image keeps its ITIMER_REAL but none of its POSIX timers (execve). */
    void deletePosixTimers(GuestProcess process) {
        for (Key key : keysOf(process)) {
            if (key.id != ITIMER_REAL_ID) {
                put(key, null);
            }
        }
    }

    // --- firing ---

    /** Whether any live process has an armed timer. */
    public boolean anyArmed() {
        return armedCount > 0;
    }

    /** The earliest expiry of an armed timer, or {@link Wait#NEVER}. */
    public long earliestDeadline() {
        long earliest = Wait.NEVER;
        if (armedCount > 0) {
            for (Timer t : timers.values()) {
                earliest = Math.min(earliest, t.deadline);
            }
        }
        return earliest;
    }

    /**
     * Tells every timer that expired by {@code now} to {@code expiry}; reloads repeating ones, and
     * disarms the others (an ITIMER_REAL is gone then, a POSIX timer stays until deleted).
     */
    public void fireExpired(long now, Expiry expiry) {
        if (earliestDeadline() > now) {
            return; // runs at every scheduling point: no copy while a timer is still to come
        }
        for (Map.Entry<Key, Timer> e : new ArrayList<>(timers.entrySet())) { // in vpid, then id order
            Timer t = e.getValue();
            if (t.deadline > now) {
                continue;
            }
            Key key = e.getKey();
            if (t.interval > 0) {
                put(key, t.at(t.deadline + t.interval, t.interval));
            } else {
                put(key, key.id == ITIMER_REAL_ID ? null : t.at(Wait.NEVER, 0));
            }
            if (t.delivery.signal() != 0) {
                expiry.fire(t.process, key.id, t.delivery);
            }
        }
    }

    /** A process that exited takes its timers with it. */
    public void forget(GuestProcess process) {
        for (Key key : keysOf(process)) {
            put(key, null);
        }
        nextPosixId.remove(process.vpid());
    }

    private List<Key> keysOf(GuestProcess process) {
        return new ArrayList<>(timers.subMap(new Key(process.vpid(), Integer.MIN_VALUE), true,
                new Key(process.vpid(), Integer.MAX_VALUE), true).keySet());
    }

    /** Sets (or, with null, removes) a timer, keeping the count of armed ones. */
    private void put(Key key, Timer timer) {
        Timer old = timer == null ? timers.remove(key) : timers.put(key, timer);
        if (old != null && old.deadline != Wait.NEVER) {
            armedCount--;
        }
        if (timer != null && timer.deadline != Wait.NEVER) {
            armedCount++;
        }
    }
}
