package dev.vbench.core;

import dev.vbench.core.guest.GuestClock;
import dev.vbench.core.guest.GuestRuntime;
import dev.vbench.core.run.RunConfig;
import dev.vbench.core.run.RunOutcome;
import dev.vbench.core.supervisor.Supervisor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one guest under the supervisor and makes sure no guest process outlives the run: on a
 * timeout, on SIGINT or SIGTERM to vbench (shutdown hook) and on an internal failure the whole
 * tree is killed and reaped before this returns or the JVM exits. If vbench itself is SIGKILLed,
 * PTRACE_O_EXITKILL makes the kernel kill the tracees.
 */
public final class Determinizer {
    private static final long HOOK_WAIT_MILLIS = 5_000;

    /** The runs in progress in this JVM, which {@link #interruptRuns} stops. */
    private static final java.util.Set<Supervisor> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Set by {@link #interruptRuns}: a run that starts afterwards is stopped at once. */
    private static volatile boolean interrupted;

    private Determinizer() {}

    /**
     * @param timeout null for none
     * @throws SupervisorFailure if the supervisor failed; the guests are gone by then
     */
    public static RunOutcome run(RunConfig config, GuestClock clock, GuestRuntime runtime, Duration timeout)
            throws InterruptedException {
        return run(config, clock, runtime, timeout, java.util.List.of());
    }

    /**
     * As {@link #run(RunConfig, GuestClock, GuestRuntime, Duration)}, with handlers for calls no
     * standard handler claims (a caller's own protocol with the guest, such as region markers).
     */
    public static RunOutcome run(RunConfig config, GuestClock clock, GuestRuntime runtime, Duration timeout,
                                 java.util.List<dev.vbench.core.handlers.SyscallHandler> extraHandlers)
            throws InterruptedException {
        Supervisor supervisor = new Supervisor(config, clock, runtime, extraHandlers);
        CompletableFuture<RunOutcome> result = new CompletableFuture<>();
        // One platform thread is the tracer: every ptrace request must come from it.
        Thread tracer = new Thread(() -> {
            try {
                result.complete(supervisor.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "vbench-supervisor");
        Thread hook = new Thread(() -> {
            supervisor.killGuests(RunOutcome.Termination.INTERRUPTED);
            try {
                tracer.join(HOOK_WAIT_MILLIS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "vbench-kill-guests");
        Runtime.getRuntime().addShutdownHook(hook);
        LIVE.add(supervisor);
        ScheduledExecutorService timer = null;
        if (timeout != null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vbench-timeout");
                t.setDaemon(true);
                return t;
            });
            timer.schedule(() -> supervisor.killGuests(RunOutcome.Termination.TIMED_OUT),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        tracer.start();
        if (interrupted) { // after LIVE.add: an interrupt in between is seen here or reaches it there
            supervisor.killGuests(RunOutcome.Termination.INTERRUPTED);
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new SupervisorFailure(e.getCause());
        } finally {
            LIVE.remove(supervisor);
            if (timer != null) {
                timer.shutdownNow();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it owns the rest
            }
        }
    }

    /**
     * Stops every run in progress as Ctrl-C would (their outcome is INTERRUPTED, their guests are
     * killed), and every run started later, until {@link #allowRuns}. For a JVM that outlives its
     * runs (the run server), where the shutdown hook is not how a run is interrupted.
     */
    public static void interruptRuns() {
        interrupted = true;
        for (Supervisor s : LIVE) {
            s.killGuests(RunOutcome.Termination.INTERRUPTED);
        }
    }

    /** Whether {@link #interruptRuns} was called (and runs not allowed again since). */
    public static boolean runsInterrupted() {
        return interrupted;
    }

    /** Lets runs start again after {@link #interruptRuns}. */
    public static void allowRuns() {
        interrupted = false;
    }

    /** The supervisor failed; the guest tree has been killed and reaped. */
    public static final class SupervisorFailure extends RuntimeException {
        public SupervisorFailure(Throwable cause) {
            super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        }
    }
}
