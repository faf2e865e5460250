package dev.vbench.clock.perf;

import dev.vbench.clock.CounterBackend;
import dev.vbench.core.nativ.LibC;
import dev.vbench.core.nativ.Native;
import dev.vbench.core.nativ.NativeException;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.util.IntMap;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Pointer;

/**
 * The hardware PMU (or any perf event) through perf_event_open: one counter per event and guest
 * thread, opened by the supervisor when the thread appears (it is stopped then) and read with
 * read(2) at each of the thread's stops. Counts are per thread, so nothing needs attributing.
 *
 * <p>Only the software and tracepoint events can be exercised on machines without a PMU; they go
 * through exactly the same code.
 */
public final class PerfCounter implements CounterBackend {
    private static final int SYS_PERF_EVENT_OPEN = 298;
    private static final int ATTR_SIZE = 128;
    private static final long FLAG_EXCLUDE_KERNEL = 1 << 5, FLAG_EXCLUDE_HV = 1 << 6;
    private static final int PERF_FLAG_FD_CLOEXEC = 8;
    private static final LibC C = Native.libc();
    /** Each event is one counter per thread, read at each of its stops: a few are plenty. */
    public static final int MAX_EVENTS = 8;

    private final List<PerfEvent> events;
    private final IntMap<int[]> fdsByTid = new IntMap<>();
    private final Pointer attr = Native.allocate(ATTR_SIZE);
    private final Pointer value = Native.allocate(8);

    public PerfCounter(List<PerfEvent> events) {
        if (events.isEmpty() || events.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("perf takes 1 to " + MAX_EVENTS + " events, not " + events.size());
        }
        if (events.stream().map(PerfEvent::countName).distinct().count() != events.size()) {
            throw new IllegalArgumentException("an event is given twice");
        }
        this.events = List.copyOf(events);
    }

    /** Whether this machine can count hardware instructions (a PMU is there and usable). */
    public static boolean hardwareAvailable() {
        PerfCounter probe = new PerfCounter(List.of(new PerfEvent("instructions", PerfEvent.TYPE_HARDWARE, 1, true, "")));
        int fd = probe.open(probe.events.get(0), 0);
        if (fd < 0) {
            return false;
        }
        C.close(fd);
        return true;
    }

    /** Opens the events on the calling process itself, to check they work here; throws with the reason if not. */
    public void checkOpenable() {
        for (PerfEvent e : events) {
            int fd = open(e, 0);
            if (fd < 0) {
                throw new NativeException("perf_event_open(" + e.name() + ")", -fd);
            }
            C.close(fd);
        }
    }

    @Override
    public String name() {
        return "perf";
    }

    @Override
    public List<String> countNames() {
        List<String> names = new ArrayList<>(events.size());
        for (PerfEvent e : events) {
            names.add(e.countName());
        }
        return names;
    }

    @Override
    public boolean perProcess() {
        return false;
    }

    @Override
    public void onNewThread(GuestThread parent, GuestThread child) {
        openFor(child.tid());
    }

    /** The root guest's counters start at its exec: the launcher's work before it is not the guest's. */
    @Override
    public void onExec(GuestThread thread) {
        if (fdsByTid.get(thread.tid()) == null) {
            openFor(thread.tid());
        }
    }

    @Override
    public boolean read(GuestThread thread, long[] out) {
        int[] fds = fdsByTid.get(thread.tid());
        if (fds == null) {
            return false;
        }
        for (int i = 0; i < fds.length; i++) {
            if (C.read(fds[i], value, 8) != 8) {
                throw new NativeException("read of perf counter " + events.get(i).name(), Native.errno());
            }
            out[i] = value.getLong(0);
        }
        return true;
    }

    @Override
    public void onThreadExit(GuestThread thread) {
        int[] fds = fdsByTid.remove(thread.tid());
        if (fds != null) {
            for (int fd : fds) {
                C.close(fd);
            }
        }
    }

    private void openFor(int tid) {
        int[] fds = new int[events.size()];
        for (int i = 0; i < fds.length; i++) {
            fds[i] = open(events.get(i), tid);
            if (fds[i] < 0) {
                throw new NativeException("perf_event_open(" + events.get(i).name() + ", tid " + tid + ")", -fds[i]);
            }
        }
        fdsByTid.put(tid, fds);
    }

    /** perf_event_open for one thread (0 = the caller); returns the fd or -errno. */
    private int open(PerfEvent e, int tid) {
        for (int i = 0; i < ATTR_SIZE; i += 8) {
            attr.putLong(i, 0);
        }
        attr.putInt(0, e.type());
        attr.putInt(4, ATTR_SIZE);
        attr.putLong(8, e.config());
        attr.putLong(40, e.userOnly() ? FLAG_EXCLUDE_KERNEL | FLAG_EXCLUDE_HV : 0);
        long fd = C.syscall(SYS_PERF_EVENT_OPEN, attr.address(), tid, -1, -1, PERF_FLAG_FD_CLOEXEC);
        return fd < 0 ? -Native.errno() : (int) fd;
    }
}
