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
    int execs;
    /** Virtual nanoseconds of this process's threads that have exited. */
    public long exitedThreadsNanos;
    /** A slot the counter backend may use for its own per-process data. */
    public Object counterState;
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

    public int execs() {
        return execs;
    }
}
