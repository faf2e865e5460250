package dev.vbench.core.supervisor;

import dev.vbench.core.util.IntMap;
import java.util.ArrayList;
import java.util.List;

/** Per-process state: identity, threads, and the per-process views the handlers keep. */
public final class GuestProcess {
    private int pid;
    private final int vpid;
    private final GuestProcess parent;
    final List<GuestThread> threads = new ArrayList<>(1);
    /** The seccomp filter and rdtsc trapping are in place (inherited by fork). */
    boolean sandboxed;
    /** Virtual nanoseconds of this process's threads that have exited. */
    public long exitedThreadsNanos;
    /** Slots the counter backend and the guest runtime may use for their own per-process data. */
    public Object counterState;
    public Object runtimeState;
    /** Child processes alive now, and real pids of children that exited and were not waited for yet. */
    public int liveChildren;
    public final List<Integer> exitedChildren = new ArrayList<>();
    /** A pidfd for this process, for reading its descriptors' readiness (-1 until opened). */
    int pidfd = -1;
    /** ITIMER_REAL (alarm, setitimer): next expiry in virtual ns since the start, and the interval. */
    public long alarmDeadline = dev.vbench.core.sched.Wait.NEVER;
    public long alarmInterval;
    /** Handler state keyed by file descriptor, e.g. a directory being listed; reset at exec. */
    public final IntMap<Object> descriptorState = new IntMap<>();

    GuestProcess(int pid, int vpid, GuestProcess parent, boolean sandboxed) {
        this.pid = pid;
        this.vpid = vpid;
        this.parent = parent;
        this.sandboxed = sandboxed;
    }

    public int pid() {
        return pid;
    }

    void repid(int newPid) {
        this.pid = newPid;
    }

    /** The process id the guest sees: the same on every run. */
    public int vpid() {
        return vpid;
    }

    /** The parent process in the guest tree, or null for the root guest. */
    public GuestProcess parent() {
        return parent;
    }

    public List<GuestThread> threads() {
        return threads;
    }

    /** Notes that {@code signal} was sent to the process: any of its threads may take it. */
    public void signalSent(int signal) {
        for (GuestThread t : threads) {
            t.signalSent(signal);
        }
    }

    /** Whether a child matching {@code realPidSpec} (a pid, or -1/0/-pgid for any) has exited unwaited. */
    public boolean hasExitedChild(int realPidSpec) {
        return realPidSpec > 0 ? exitedChildren.contains(realPidSpec) : !exitedChildren.isEmpty();
    }
}
