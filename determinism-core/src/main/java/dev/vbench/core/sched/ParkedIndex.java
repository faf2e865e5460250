package dev.vbench.core.sched;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.util.LongMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * The parked threads and what each waits for, in the order they parked, with the subsets the
 * supervisor looks up at every stop kept so that finding them costs what they hold and not what
 * all parked threads do: the waiters on each futex, the threads that must be looked at at every
 * scheduling point ({@link Wait#needsPolling()}, or a signal came for them) and the descriptor
 * waits, each in park order, and the waits with a deadline, earliest first. Parking, waking and
 * requeueing allocate nothing once a futex has been waited on.
 */
public final class ParkedIndex implements Iterable<GuestThread> {
    /** A thread's wait and its place in each line and in the heap. */
    private static final class Entry {
        Wait wait;
        final Line.Node parked;
        final Line.Node watched;
        final Line.Node onFutex;
        final Line.Node onDescriptors;
        final DeadlineHeap.Node timed;

        Entry(GuestThread thread) {
            parked = new Line.Node(thread);
            watched = new Line.Node(thread);
            onFutex = new Line.Node(thread);
            onDescriptors = new Line.Node(thread);
            timed = new DeadlineHeap.Node(thread);
        }
    }

    private static final StateKey<Entry> ENTRY = StateKey.of("parked entry", () -> null); // made by entry()
    private static final Comparator<GuestThread> IN_PARK_ORDER = Comparator.comparingLong(t -> entryOf(t).parked.order);

    private final Line all = new Line();
    private final Line watched = new Line();
    private final LongMap<Line> futexes = new LongMap<>();
    /** Lines of futexes nobody waits on any more, to be used again: a lock's waiters come and go. */
    private final ArrayDeque<Line> spareLines = new ArrayDeque<>();
    private final DeadlineHeap timed = new DeadlineHeap();
    private final List<DeadlineHeap.Node> timedOut = new ArrayList<>();
    private final Line descriptors = new Line();
    /** Descriptor waits parked so far, requeued ones included. */
    private long descriptorParks;
    /** Parked flock waits: like descriptors, a lock may be released from outside the tree. */
    private int lockWaits;
    private long nextOrder;
    private int size;

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** What {@code thread} waits for, or null if it is not parked. */
    public Wait waitOf(GuestThread thread) {
        Entry e = thread.state().peek(ENTRY);
        return e == null ? null : e.wait;
    }

    /** The parked threads in the order they parked: a copy. */
    public List<GuestThread> list() {
        return threadsOf(all, new ArrayList<>(size));
    }

    @Override
    public Iterator<GuestThread> iterator() {
        return list().iterator();
    }

    /**
     * The first {@code limit} threads parked on futex {@code key}, PI or plain as {@code pi} says,
     * whose wait's bitset shares a bit with {@code bitset}, in the order they parked. A copy, so the
     * caller may end their waits as it goes; none matching allocates nothing.
     */
    public List<GuestThread> futexWaiters(long key, boolean pi, int bitset, int limit) {
        Line line = futexes.get(key);
        if (line == null || limit <= 0) {
            return List.of();
        }
        List<GuestThread> out = null;
        for (Line.Node n = line.first(); n != null && (out == null || out.size() < limit); n = n.next()) {
            Wait.Futex f = (Wait.Futex) waitOf(n.thread);
            if (f.pi() == pi && (f.bitset() & bitset) != 0) {
                if (out == null) {
                    out = new ArrayList<>();
                }
                out.add(n.thread);
            }
        }
        return out == null ? List.of() : out;
    }

    /**
     * Fills {@code out} with the parked threads whose wait may end at a scheduling point at virtual
     * time {@code now}, in the order they parked: those that need polling, those a signal came for,
     * those whose deadline is at or before {@code now}, and the descriptor waits if
     * {@code withDescriptors} (when their readiness may have changed). No other parked thread's wait
     * can end there: each waits for another thread's system call or a later time.
     */
    public void due(long now, boolean withDescriptors, List<GuestThread> out) {
        out.clear();
        threadsOf(watched, out);
        int watchedOnly = out.size();
        if (withDescriptors) {
            for (Line.Node n = descriptors.first(); n != null; n = n.next()) {
                if (!entryOf(n.thread).watched.inLine()) { // a watched one is in out already
                    out.add(n.thread);
                }
            }
        }
        timedOut.clear();
        timed.due(now, timedOut);
        for (int i = 0; i < timedOut.size(); i++) {
            Entry e = entryOf(timedOut.get(i).thread);
            if (!e.watched.inLine() && !(withDescriptors && e.onDescriptors.inLine())) { // not in out already
                out.add(e.parked.thread);
            }
        }
        if (out.size() > watchedOnly) {
            // Sorted, not merged: the timed-out come from the heap in no order, so merging the two
            // lines would still leave those to sort. Fewer than 32 allocate nothing (TimSort merges
            // longer runs as they are), and descriptor waits cost a probe each anyway.
            out.sort(IN_PARK_ORDER);
        }
    }

    /** The earliest deadline of a parked thread's wait, or {@link Wait#NEVER}. */
    public long earliestDeadline() {
        return timed.isEmpty() ? Wait.NEVER : timed.earliest();
    }

    /** Whether a parked thread waits with a deadline. */
    public boolean anyDeadline() {
        return !timed.isEmpty();
    }

    /** Whether a parked thread waits for something a process outside the tree may bring: input, a lock's release. */
    public boolean anyOutsideWait() {
        return !descriptors.isEmpty() || lockWaits > 0;
    }

    /** How many descriptor waits were parked so far: a new one must be looked at even if nothing changed. */
    public long descriptorParks() {
        return descriptorParks;
    }

    /** A signal came for the parked {@code thread}: it is looked at until it stops waiting. */
    public void watch(GuestThread thread) {
        Entry e = thread.state().peek(ENTRY);
        if (e != null && e.wait != null && !e.watched.inLine()) {
            watched.join(e.watched);
        }
    }

    /** The thread waits for {@code wait} from now; one parked already keeps its place in line. */
    void park(GuestThread thread, Wait wait) {
        Entry e = entry(thread);
        if (e.wait == null) {
            long order = nextOrder++;
            e.parked.order = order;
            e.watched.order = order;
            e.onFutex.order = order;
            e.onDescriptors.order = order;
            all.join(e.parked);
            size++;
        } else {
            unindex(e);
        }
        e.wait = wait;
        if (wait instanceof Wait.Futex f) {
            futexLine(f.key()).join(e.onFutex);
        }
        if (wait.needsPolling() || thread.incomingSignals() != 0) {
            watched.join(e.watched);
        }
        if (wait.deadline() != Wait.NEVER) {
            e.timed.deadline = wait.deadline();
            timed.add(e.timed);
        }
        if (wait instanceof Wait.Descriptors) {
            descriptors.join(e.onDescriptors);
            descriptorParks++;
        }
        if (wait instanceof Wait.FileLock) {
            lockWaits++;
        }
    }

    /** The thread no longer waits (it was woken, or it is gone). */
    void remove(GuestThread thread) {
        Entry e = thread.state().peek(ENTRY);
        if (e == null || e.wait == null) {
            return;
        }
        unindex(e);
        all.leave(e.parked);
        e.wait = null;
        size--;
    }

    private void unindex(Entry e) {
        watched.leave(e.watched);
        timed.remove(e.timed);
        descriptors.leave(e.onDescriptors);
        if (e.wait instanceof Wait.FileLock) {
            lockWaits--;
        }
        if (e.wait instanceof Wait.Futex f) {
            Line line = futexes.get(f.key());
            line.leave(e.onFutex);
            if (line.isEmpty()) {
                futexes.remove(f.key());
                spareLines.push(line);
            }
        }
    }

    private Line futexLine(long key) {
        Line line = futexes.get(key);
        if (line == null) {
            line = spareLines.isEmpty() ? new Line() : spareLines.pop();
            futexes.put(key, line);
        }
        return line;
    }

    private static List<GuestThread> threadsOf(Line line, List<GuestThread> out) {
        for (Line.Node n = line.first(); n != null; n = n.next()) {
            out.add(n.thread);
        }
        return out;
    }

    private static Entry entryOf(GuestThread thread) {
        return thread.state().peek(ENTRY);
    }

    private static Entry entry(GuestThread thread) {
        Entry e = thread.state().peek(ENTRY);
        if (e == null) {
            e = new Entry(thread);
            thread.state().put(ENTRY, e);
        }
        return e;
    }
}
