package dev.vbench.core.supervisor;

import dev.vbench.core.guest.GuestRuntime;
import dev.vbench.core.nativ.CpuAffinity;
import dev.vbench.core.nativ.DirectTracer;
import dev.vbench.core.nativ.RemoteTracer;
import dev.vbench.core.nativ.Tracer;
import dev.vbench.core.nativ.Tracers;

/**
 * The {@link Tracer} of one run, on the supervisor thread, from the run's start to its end.
 *
 * <p>Which one, from the system property {@code vbench.tracer}: {@code auto} (the default) takes a
 * {@link RemoteTracer} on the guest's CPU when the guest keeps its CPU traps
 * ({@link GuestRuntime#keepsCpuTraps}), this vbench has the tracer's library and the supervisor
 * thread has another CPU to run on, else traces from the supervisor thread; {@code remote} and
 * {@code direct} insist. Either gives the same results; only the time per stop differs.
 */
final class RunTracer implements AutoCloseable {
    static final String PROPERTY = "vbench.tracer";

    /** The supervisor thread's CPUs at the start, or null if unknown. */
    private final CpuAffinity cpus;
    private final Tracer tracer;
    private final Tracers.Installed installed;

    private RunTracer(CpuAffinity cpus, Tracer tracer) {
        this.cpus = cpus;
        this.tracer = tracer;
        this.installed = Tracer.use(tracer);
    }

    /** Chooses the run's tracer and makes it the calling thread's. */
    static RunTracer begin(GuestRuntime runtime) {
        CpuAffinity cpus = CpuAffinity.ofThisThread();
        return new RunTracer(cpus, choose(cpus, runtime));
    }

    /**
     * After the guest was spawned from this thread (it inherited this thread's CPU, the last): a
     * remote tracer keeps that CPU for itself and the guest, and this thread takes the others.
     */
    void guestSpawned() {
        if (tracer instanceof RemoteTracer) {
            cpus.pinThisThreadToAllBut(cpus.last());
        }
    }

    /** At the run's end, every tracee reaped: ends a remote tracer and gives the thread its CPUs back. */
    @Override
    public void close() {
        installed.close();
        if (tracer instanceof RemoteTracer remote) {
            remote.close(); // a tracee still alive would be killed with its thread (PTRACE_O_EXITKILL)
        }
        if (cpus != null) {
            cpus.pinThisThread(); // a next run on this thread chooses from all of them again
        }
    }

    /** @param cpus the supervisor thread's CPUs, or null if unknown */
    static Tracer choose(CpuAffinity cpus, GuestRuntime runtime) {
        String asked = System.getProperty(PROPERTY, "auto");
        int guestCpu = cpus == null ? -1 : cpus.last();
        switch (asked) {
            case "direct":
                return DirectTracer.INSTANCE;
            case "remote":
                return RemoteTracer.start(guestCpu);
            case "auto":
                if (!runtime.keepsCpuTraps() || RemoteTracer.unavailableReason() != null || cpus == null
                        || cpus.count() < 2) {
                    return DirectTracer.INSTANCE;
                }
                try {
                    return RemoteTracer.start(guestCpu);
                } catch (IllegalStateException e) {
                    return DirectTracer.INSTANCE; // no thread to be had: trace from this one
                }
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + " must be auto, remote or direct, not '" + asked + "'");
        }
    }
}
