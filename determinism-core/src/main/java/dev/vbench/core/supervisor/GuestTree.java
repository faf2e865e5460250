package dev.vbench.core.supervisor;

import dev.vbench.core.RunConfig;
import dev.vbench.core.util.IntMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of the whole guest tree: every thread and process, the mapping between real and
 * virtual ids, and the counts the result reports.
 *
 * <p>Virtual ids are handed out in creation order, which the deterministic execution of the guest
 * makes the same on every run. A record is kept after its thread exits so that ids reported later
 * (wait4, SIGCHLD) still translate.
 */
public final class GuestTree {
    /** The pid the root guest sees for itself. */
    public static final int ROOT_VPID = 1000;
    /** What the guest sees as the parent, process group and session of the root guest. */
    public static final int OUTSIDE_VPID = 1;

    private final RunConfig config;
    private final GuestClock clock;
    private final IntMap<GuestThread> live = new IntMap<>(64);
    private final IntMap<GuestThread> byReal = new IntMap<>(64);
    private final IntMap<GuestThread> byVirtual = new IntMap<>(64);
    private final Set<Integer> liveTids = ConcurrentHashMap.newKeySet();
    private int nextVid = ROOT_VPID;
    private GuestThread root;

    final long[] syscallCounts = new long[SyscallNames.TABLE_SIZE];
    long syscallSequenceHash = 1;
    long trapsTotal;
    /** Processes with an armed ITIMER_REAL (so the scheduler looks at timers only when some exist). */
    public int armedTimers;
    /** Threads registered whose first stop has not arrived yet. */
    int awaitingFirstStop;
    long emulatedSyscalls;
    /** System calls of the runtime the guest runs in (Valgrind), not of the guest. */
    long runtimeSyscalls;
    int processesCreated;
    int threadsCreated;
    /** null until the first exec tried it; then whether the host has CPUID faulting. */
    Boolean cpuidFaulting;
    /** null until the first exec probed it; then whether rdtsc faults as PR_SET_TSC asks. */
    Boolean rdtscTrapping;
    final List<String> notes = new ArrayList<>();
    /** Why this run may not repeat exactly, or null if nothing nondeterministic happened. */
    String nondeterminism;
    long watchdogPreemptions;

    GuestTree(RunConfig config, GuestClock clock) {
        this.config = config;
        this.clock = clock;
    }

    public RunConfig config() {
        return config;
    }

    public GuestClock clock() {
        return clock;
    }

    GuestThread createRoot(int pid) {
        GuestProcess process = new GuestProcess(pid, nextVid, null, false);
        root = register(pid, process);
        processesCreated++;
        return root;
    }

    /** Registers a new thread (same process) or the first thread of a new process. */
    GuestThread createChild(GuestThread parent, int tid, boolean sameProcess) {
        GuestProcess process = sameProcess
                ? parent.process()
                : new GuestProcess(tid, nextVid, parent.process(), parent.process().sandboxed);
        if (!sameProcess) {
            processesCreated++;
            parent.process().liveChildren++;
        }
        return register(tid, process);
    }

    private GuestThread register(int tid, GuestProcess process) {
        GuestThread thread = new GuestThread(tid, nextVid++, process, config.seed());
        process.threads.add(thread);
        live.put(tid, thread);
        byReal.put(tid, thread);
        byVirtual.put(thread.vtid(), thread);
        liveTids.add(tid);
        awaitingFirstStop++;
        threadsCreated++;
        return thread;
    }

    void unregister(GuestThread thread) {
        live.remove(thread.tid());
        liveTids.remove(thread.tid());
        GuestProcess process = thread.process();
        process.threads.remove(thread);
        process.exitedThreadsNanos += clock.threadNanos(thread);
        clock.onThreadExit(thread);
    }

    /** A non-leader thread called execve: it takes over the leader's tid. */
    void retid(GuestThread thread, int newTid) {
        live.remove(thread.tid());
        liveTids.remove(thread.tid());
        thread.retid(newTid);
        live.put(newTid, thread);
        byReal.put(newTid, thread);
        liveTids.add(newTid);
    }

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

    public GuestThread byVirtual(int virtualId) {
        return byVirtual.get(virtualId);
    }

    private final List<AutoCloseable> resources = new ArrayList<>();

    /** Registers something to release when the run ends (e.g. a directory of generated files). */
    public void onClose(AutoCloseable resource) {
        resources.add(resource);
    }

    void closeResources() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // releasing is best effort; the run's result does not depend on it
            }
        }
    }

    /** Records that the run may not repeat exactly, and why (the first reason is kept). */
    void nondeterminism(String reason) {
        if (nondeterminism == null) {
            nondeterminism = reason;
        }
    }

    /** Records something the result should say (a limitation met during the run). */
    public void note(String text) {
        if (!notes.contains(text)) {
            notes.add(text);
        }
    }
}
