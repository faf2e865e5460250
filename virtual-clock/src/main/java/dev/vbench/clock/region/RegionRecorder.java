package dev.vbench.clock.region;

import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.StateKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The regions of one run, by name: what the guest did between its markers (vbench.h, or the Java
 * helper), summed over threads and processes, plus the instructions its process images ran before
 * main (start-up). Two sources feed it: the supervisor's {@link RegionMarkers} (a marker system
 * call; counts read at that stop) and vbcount's own region table (client requests, exact in the
 * tool), harvested when a process image ends.
 *
 * <p>Within a thread regions nest; only the outermost open region of a name counts, so recursion
 * is not counted twice. A region still open when its thread exits is closed there and noted.
 */
public final class RegionRecorder {
    /** What one region name accumulated: outermost entries and counts by name. */
    public record Totals(long entries, Map<String, Long> counts) {
        public Totals {
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        }
    }

    /** A region open in a thread: its name and the thread's counts at its begin. */
    private record Open(String name, long[] atBegin) {}

    private static final StateKey<Deque<Open>> OPEN = StateKey.of("open regions", ArrayDeque::new);
    /** Region deltas harvested from a process's vbcount block, not yet added to the run's. */
    private static final StateKey<Pending> PENDING = StateKey.of("harvested regions", Pending::new);

    /** What a process image's vbcount table added since the last harvest. */
    public static final class Pending {
        final Map<String, long[]> byName = new LinkedHashMap<>();
        long startupInstructions;
        long imagesWithMain;
        long dropped;
        long unbalanced;

        /** Adds {@code values}: the entry count, then the counts in the recorder's order. */
        public void add(String name, long[] values) {
            long[] t = byName.computeIfAbsent(name, n -> new long[values.length]);
            for (int i = 0; i < values.length && i < t.length; i++) {
                t[i] += values[i];
            }
        }

        public void startup(long instructions) {
            startupInstructions += instructions;
        }

        public void imagesWithMain(long images) {
            imagesWithMain += images;
        }

        public void problems(long droppedBegins, long unbalancedMarkers) {
            dropped += droppedBegins;
            unbalanced += unbalancedMarkers;
        }
    }

    private final List<String> names;
    private final Map<String, long[]> totals = new TreeMap<>();
    private long startupInstructions;
    private long imagesWithMain;
    private final List<String> notes = new ArrayList<>();
    private long dropped;
    private long unbalanced;

    /**
     * @param names the counts in the order every long[] here holds them (the clock's count names,
     *     with the guest's system calls last); the first entry per region is its entry count
     */
    public RegionRecorder(List<String> names) {
        this.names = List.copyOf(names);
    }

    public List<String> countNames() {
        return names;
    }

    /** The thread opens region {@code name}; {@code now} are its counts at this moment. */
    public void begin(GuestThread thread, String name, long[] now) {
        thread.state().get(OPEN).push(new Open(name, now.clone()));
    }

    /**
     * The thread closes its innermost open region; {@code now} are its counts at this moment and
     * {@code markerSyscalls} the system calls the marker itself added (not the region's).
     */
    public void end(GuestThread thread, long[] now, long markerSyscalls) {
        Deque<Open> open = thread.state().get(OPEN);
        if (open.isEmpty()) {
            unbalanced++;
            return;
        }
        close(open, now, markerSyscalls);
    }

    private void close(Deque<Open> open, long[] now, long markerSyscalls) {
        Open o = open.pop();
        for (Open outer : open) {
            if (outer.name().equals(o.name())) {
                return; // an inner region of the same name: the outermost counts it
            }
        }
        long[] delta = new long[names.size()];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = now[i] - o.atBegin()[i];
        }
        delta[delta.length - 1] = Math.max(0, delta[delta.length - 1] - markerSyscalls);
        add(o.name(), 1, delta);
    }

    /** The thread exits: its open regions end here. */
    public void threadExited(GuestThread thread, long[] now) {
        Deque<Open> open = thread.state().get(OPEN);
        while (!open.isEmpty()) {
            unbalanced++;
            close(open, now, 0);
        }
    }

    private void add(String name, long entries, long[] counts) {
        long[] t = totals.computeIfAbsent(name, n -> new long[names.size() + 1]);
        t[0] += entries;
        for (int i = 0; i < counts.length; i++) {
            t[i + 1] += counts[i];
        }
    }

    /** vbcount's table of {@code process}, as harvested: added to the run at the next {@link #drain}. */
    public static Pending pending(GuestProcess process) {
        return process.state().get(PENDING);
    }

    /** Adds what was harvested from the process's vbcount table to the run's regions. */
    public void drain(GuestProcess process) {
        Pending p = pending(process);
        p.byName.forEach((name, v) -> {
            long[] counts = new long[names.size()];
            System.arraycopy(v, 1, counts, 0, Math.min(counts.length, v.length - 1));
            add(name, v[0], counts);
        });
        p.byName.clear();
        startupInstructions += p.startupInstructions;
        imagesWithMain += p.imagesWithMain;
        dropped += p.dropped;
        unbalanced += p.unbalanced;
        p.startupInstructions = 0;
        p.imagesWithMain = 0;
        p.dropped = 0;
        p.unbalanced = 0;
    }

    /** Every region's totals, by name (sorted). */
    public Map<String, Totals> regions() {
        Map<String, Totals> out = new TreeMap<>();
        totals.forEach((name, t) -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                counts.put(names.get(i), t[i + 1]);
            }
            out.put(name, new Totals(t[0], counts));
        });
        return out;
    }

    /** Instructions the run's process images executed before their main; null if no image reached main. */
    public Long startupInstructions() {
        return imagesWithMain == 0 ? null : startupInstructions;
    }

    /** What the result should say about the regions (markers that did not match, names beyond the table). */
    public List<String> notes() {
        List<String> out = new ArrayList<>(notes);
        if (unbalanced > 0) {
            out.add(unbalanced + " region marker" + (unbalanced == 1 ? "" : "s") + " did not match: an end without"
                    + " a begin, or a region still open when its thread or process ended (closed there)");
        }
        if (dropped > 0) {
            out.add(dropped + " region begin" + (dropped == 1 ? "" : "s") + " went uncounted: more than "
                    + 64 + " region names in one process, or regions nested more than 32 deep");
        }
        return out;
    }
}
