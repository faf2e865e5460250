package dev.vbench.core.guest;

import dev.vbench.core.run.RunConfig;
import dev.vbench.core.util.IntMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process table of the guest tree: every thread and process, and the mapping between real and
 * virtual ids. Also the run's configuration, its clock and the run-wide {@link #state()}.
 *
 * <p>Virtual ids are handed out in creation order, which the deterministic execution of the guest
 * makes the same on every run. A record is kept after its thread exits so that ids reported later
 * (wait4, SIGCHLD) still translate.
 */
public final class GuestTree {
    /**
     * The pid the root guest sees for itself. -Dvbench.virtualPidBase=N moves every virtual id
     * (a developer aid: with a base above the host's pid_max, a real id that reached the guest, or
     * a virtual one that reached the kernel untranslated, fails loudly instead of naming another
     * process by coincidence).
     */
    public static final int ROOT_VPID = Integer.getInteger("vbench.virtualPidBase", 1000);
    /** What the guest sees as the parent, process group and session of the root guest. */
    public static final int OUTSIDE_VPID = 1;

    private final RunConfig config;
    private final GuestClock clock;
    private final State state = new State();
    private final IntMap<GuestThread> live = new IntMap<>(64);
    private final IntMap<GuestThread> byReal = new IntMap<>(64);
    private final IntMap<GuestThread> byVirtual = new IntMap<>(64);
    private final Set<Integer> liveTids = ConcurrentHashMap.newKeySet();
    private int nextVid = ROOT_VPID;
    private GuestThread root;
    /** Threads sent a signal when they had none pending, since the waits were last looked at. */
    private final List<GuestThread> newlySignalled = new ArrayList<>();
    private final List<GuestThread> newlySignalledView = Collections.unmodifiableList(newlySignalled);

    public GuestTree(RunConfig config, GuestClock clock) {
        this.config = config;
        this.clock = clock;
    }

    public RunConfig config() {
        return config;
    }

    public GuestClock clock() {
        return clock;
    }

    /** The state components keep for the whole run, each under its own key. */
    public State state() {
        return state;
    }

    /** Registers the root guest, whose launcher has real pid {@code pid}. */
    public GuestThread createRoot(int pid) {
        root = register(pid, new GuestProcess(pid, nextVid, null, clock.elapsedNanos()));
        return root;
    }

    /** Registers a new thread of {@code parent}'s process, or the first thread of a new child process. */
    public GuestThread createChild(GuestThread parent, int tid, boolean sameProcess) {
        GuestProcess process;
        if (sameProcess) {
            process = parent.process();
        } else {
            process = new GuestProcess(tid, nextVid, parent.process(), clock.elapsedNanos());
            parent.process().childStarted();
        }
        return register(tid, process);
    }

    /** Processes with at least one live thread. */
    private int liveProcesses;

    /** How many threads and processes the guest has created, the root included (its forks "since boot"). */
    public int tasksCreated() {
        return nextVid - ROOT_VPID;
    }

    /** The virtual id given last: the pid namespace's latest pid (ns_last_pid). */
    public int lastVirtualId() {
        return nextVid - 1;
    }

    /** How many guest processes have a live thread now. */
    public int liveProcessCount() {
        return liveProcesses;
    }

    private GuestThread register(int tid, GuestProcess process) {
        if (process.threads().isEmpty()) {
            liveProcesses++;
        }
        GuestThread thread = new GuestThread(tid, nextVid++, process, this, config.seed());
        process.addThread(thread);
        live.put(tid, thread);
        byReal.put(tid, thread);
        byVirtual.put(thread.vtid(), thread);
        liveTids.add(tid);
        return thread;
    }

    /** The thread has exited: it leaves its process; its ids still translate. */
    public void unregister(GuestThread thread) {
        live.remove(thread.tid());
        liveTids.remove(thread.tid());
        thread.process().removeThread(thread);
        if (thread.process().threads().isEmpty()) {
            liveProcesses--;
        }
    }

    /** A non-leader thread called execve: it takes over the leader's tid. */
    public void retid(GuestThread thread, int newTid) {
        live.remove(thread.tid());
        liveTids.remove(thread.tid());
        thread.retid(newTid);
        live.put(newTid, thread);
        byReal.put(newTid, thread);
        liveTids.add(newTid);
    }

    /** The live thread with real tid {@code tid}, or null. */
    public GuestThread thread(int tid) {
        return live.get(tid);
    }

    public GuestThread root() {
        return root;
    }

    public List<GuestThread> liveThreads() {
        return live.values();
    }

    public int liveThreadCount() {
        return live.size();
    }

    /** Real tids alive now; safe to read from any thread (for killing the tree). */
    public Set<Integer> liveTidsSnapshot() {
        return Set.copyOf(liveTids);
    }

    /** The id the guest sees for a real pid or tid, or -1 if it is not a guest's. */
    public int toVirtual(int realId) {
        GuestThread t = byReal.get(realId);
        return t == null ? -1 : t.vtid();
    }

    /** The real pid or tid behind a virtual one, or -1 if the guest never had it. */
    public int toReal(int virtualId) {
        GuestThread t = byVirtual.get(virtualId);
        return t == null ? -1 : t.tid();
    }

    /**
     * The real id behind a virtual one that still names something: a live thread, or a process
     * not reaped yet (a zombie can still be signalled and waited for); -1 otherwise, since the
     * kernel may have given the real id to another process by now.
     */
    public int toRealInUse(int virtualId) {
        GuestThread t = byVirtual.get(virtualId);
        if (t == null) {
            return -1;
        }
        if (live.get(t.tid()) == t) {
            return t.tid();
        }
        boolean leader = t.vtid() == t.process().vpid();
        return leader && !t.process().reaped() ? t.tid() : -1;
    }

    /** The parent collected the exit of process {@code realPid}. */
    public void reaped(int realPid) {
        GuestThread t = byReal.get(realPid);
        if (t != null) {
            t.process().markReaped();
        }
    }

    /** The thread (alive or not) the guest knows as {@code virtualId}, or null. */
    public GuestThread byVirtual(int virtualId) {
        return byVirtual.get(virtualId);
    }

    void signalled(GuestThread thread) {
        newlySignalled.add(thread);
    }

    /**
     * The threads sent a signal while they had none pending, in the order it happened, since the
     * last {@link #clearNewlySignalled()}: the parked ones among them may have to wake, and the
     * supervisor need not look at other parked threads for signals.
     */
    public List<GuestThread> newlySignalled() {
        return newlySignalledView;
    }

    public void clearNewlySignalled() {
        newlySignalled.clear();
    }
}
