package dev.vbench.core.handlers;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * A run's workspace scan ({@link WorkspaceTimes}) on a daemon thread of its own, begun as soon as
 * the workspace is known so that it overlaps vbench's own start-up; {@link #times} waits for it.
 * The run starts when its scan does: a file changed later is one the run changed.
 */
public final class WorkspaceScan {
    /** A scan begun before its run was set up, until a run takes it. */
    private static final AtomicReference<WorkspaceScan> EARLY = new AtomicReference<>();

    /** How the tree is read: {@link WorkspaceTimes#scan}, or a stand-in in tests. */
    interface Scanner {
        WorkspaceTimes scan(Path root, long runStartNanos, Set<String> hidden, BooleanSupplier cancelled)
                throws Exception;
    }

    private final Path root;
    private final Set<String> hidden;
    private final long runStartNanos = now();
    private final FutureTask<WorkspaceTimes> task;
    private volatile boolean cancelled;
    /** Why the scan failed, once {@link #times} has found it failed; else null. */
    private Throwable failure;

    private WorkspaceScan(Path root, Set<String> hidden, Scanner scanner) {
        this.root = root;
        this.hidden = hidden;
        this.task = new FutureTask<>(() -> scanner.scan(root, runStartNanos, hidden, () -> cancelled));
    }

    /** Begins scanning the workspace at {@code root}, {@code hidden} paths left out. */
    static WorkspaceScan begin(Path root, Set<String> hidden) {
        return begin(root, hidden, (r, start, h, cancelled) ->
                WorkspaceTimes.scan(r, start, h, WorkspaceTimes.MAX_FILES, cancelled));
    }

    static WorkspaceScan begin(Path root, Set<String> hidden, Scanner scanner) {
        WorkspaceScan scan = new WorkspaceScan(root, Set.copyOf(hidden), scanner);
        Thread t = new Thread(scan.task, "vbench-workspace-scan");
        t.setDaemon(true); // never what keeps vbench alive
        t.start();
        return scan;
    }

    /**
     * Begins the scan of the next run's workspace before the run is set up (vbench run does, first
     * thing): that run takes it if its workspace is {@code root} with the same {@code hidden}
     * paths, and otherwise scans anew, so a wrong guess costs time, never a wrong result. Nothing
     * may change in the workspace before the guest starts, or the scan may see it or not: vbench
     * must not write there meanwhile.
     */
    public static void beginEarly(Path root, Collection<String> hidden) {
        WorkspaceScan replaced = EARLY.getAndSet(begin(root, Set.copyOf(hidden)));
        if (replaced != null) {
            replaced.cancel();
        }
    }

    /**
     * Stops an early scan no run took (the command line was refused, say): in a JVM that serves
     * one run after another, a later run must not take a scan of the workspace as it was before.
     */
    public static void discardEarly() {
        WorkspaceScan early = EARLY.getAndSet(null);
        if (early != null) {
            early.cancel();
        }
    }

    /** The early scan if it is of this workspace, else a new one; an early scan of another is stopped. */
    static WorkspaceScan forRun(Path root, Set<String> hidden) {
        WorkspaceScan early = EARLY.getAndSet(null);
        if (early != null && early.root.equals(root) && early.hidden.equals(hidden)) {
            return early;
        }
        if (early != null) {
            early.cancel();
        }
        return begin(root, hidden);
    }

    /** No workspace: the run starts now, and every file keeps its real times. */
    static WorkspaceScan none() {
        WorkspaceScan scan = new WorkspaceScan(null, Set.of(), (r, start, h, cancelled) -> WorkspaceTimes.none());
        scan.task.run();
        return scan;
    }

    Path root() {
        return root;
    }

    /** When the run started, in nanoseconds since 1970: files changed since were changed by the run. */
    long runStartNanos() {
        return runStartNanos;
    }

    /**
     * The scan's result, waited for (not interruptibly: it ends on its own, within a second). A
     * scan that failed leaves every file its real times, as a workspace that cannot be read does.
     */
    WorkspaceTimes times() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (!cancelled) {
                        failure = e.getCause();
                    }
                    return WorkspaceTimes.none();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Why the scan failed (after {@link #times}), or null if it did not. */
    Throwable failure() {
        return failure;
    }

    /** Stops the scan where it is: the run is over, or will not take place. */
    void cancel() {
        cancelled = true;
    }

    /** Whether the thread is done, whatever its end. */
    boolean done() {
        return task.isDone();
    }

    private static long now() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
