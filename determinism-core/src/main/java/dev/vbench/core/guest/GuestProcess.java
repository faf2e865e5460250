package dev.vbench.core.guest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One guest process: its ids, parent and threads, and its children as wait4 sees them. What a
 * component keeps per process lives in {@link #state()} under its own key.
 */
public final class GuestProcess {
    private final int pid;
    private final int vpid;
    private final GuestProcess parent;
    private final List<GuestThread> threads = new ArrayList<>(1);
    private final List<GuestThread> threadsView = Collections.unmodifiableList(threads);
    private final State state = new State();
    private int liveChildren;
    /** Its parent collected its exit status: its pid names no process any more. */
    private boolean reaped;
    /** Elapsed virtual time when it was created. */
    private final long startNanos;
    /** Real pids of children that exited and were not waited for yet, in exit order. */
    private final List<Integer> exitedChildren = new ArrayList<>();

    GuestProcess(int pid, int vpid, GuestProcess parent, long startNanos) {
        this.pid = pid;
        this.vpid = vpid;
        this.parent = parent;
        this.startNanos = startNanos;
    }

    /** The elapsed virtual time at which the process was created. */
    public long startNanos() {
        return startNanos;
    }

    /** The kernel's id of this process (its first thread's tid). */
    public int pid() {
        return pid;
    }

    /** The process id the guest sees: the same on every run. */
    public int vpid() {
        return vpid;
    }

    /** The parent process in the guest tree, or null for the root guest. */
    public GuestProcess parent() {
        return parent;
    }

    /** The live threads, the leader first. */
    public List<GuestThread> threads() {
        return threadsView;
    }

    void addThread(GuestThread thread) {
        threads.add(thread);
    }

    void removeThread(GuestThread thread) {
        threads.remove(thread);
    }

    /** The state components keep for this process, each under its own key. */
    public State state() {
        return state;
    }

    /** Notes that {@code signal} was sent to the process: any of its threads may take it. */
    public void signalSent(int signal) {
        for (GuestThread t : threads) {
            t.signalSent(signal);
        }
    }

    /** Child processes alive now. */
    public int liveChildren() {
        return liveChildren;
    }

    void childStarted() {
        liveChildren++;
    }

    /** A child exited: it is no longer alive and can be waited for. */
    public void childExited(int realPid) {
        liveChildren--;
        exitedChildren.add(realPid);
    }

    /** A wait4/waitid collected the exited child {@code realPid}. */
    public void childReaped(int realPid) {
        exitedChildren.remove(Integer.valueOf(realPid));
    }

    void markReaped() {
        reaped = true;
    }

    /** Whether its parent collected its exit status (a reaped pid may name a host process since). */
    public boolean reaped() {
        return reaped;
    }

    /** Whether it has exited: none of its threads is alive. */
    public boolean exited() {
        return threads.isEmpty();
    }

    /** Whether a child matching {@code realPidSpec} (a pid, or -1/0/-pgid for any) has exited unwaited. */
    public boolean hasExitedChild(int realPidSpec) {
        return realPidSpec > 0 ? exitedChildren.contains(realPidSpec) : !exitedChildren.isEmpty();
    }

    @Override
    public String toString() {
        return "process " + vpid + " (real " + pid + ")";
    }
}
