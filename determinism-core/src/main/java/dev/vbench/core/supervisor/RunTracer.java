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
 * <p>Where the guest runs: on the last CPU the supervisor thread may use, which {@link #begin} pins
 * that thread to, so that the guest inherits it at posix_spawn. Only one guest thread runs at a
 * time and every stop is a hand-off between it and its tracer: on one CPU that hand-off is cheaper
 * (about 12% less wall time per intercepted call measured on this project's VMs). The CPU set the
 * guest sees is virtual anyway.
 *
 * <p>Which tracer, from the system property {@code vbench.tracer}: {@code auto} (the default) takes a
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

    /**
     * Chooses the run's tracer, makes it the calling thread's, and pins the thread to the guest's
     * CPU (best effort: a failure only costs speed) for the spawn that follows.
     */
    static RunTracer begin(GuestRuntime runtime) {
        CpuAffinity cpus = CpuAffinity.ofThisThread();
        Tracer tracer = choose(cpus, runtime);
        if (cpus != null && cpus.last() >= 0) {
            CpuAffinity.pinThisThreadTo(cpus.last());
        }
        return new RunTracer(cpus, tracer);
    }

    /**
     * After the guest was spawned from this thread (it inherited the guest's CPU): a remote tracer
     * keeps that CPU for itself and the guest, and this thread takes the others; a direct one shares it.
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
                return new DirectTracer();
            case "remote":
                return RemoteTracer.start(guestCpu);
            case "auto":
                if (!runtime.keepsCpuTraps() || RemoteTracer.unavailableReason() != null || cpus == null
                        || cpus.count() < 2) {
                    return new DirectTracer();
                }
                try {
                    return RemoteTracer.start(guestCpu);
                } catch (IllegalStateException e) {
                    return new DirectTracer(); // no thread to be had: trace from this one
                }
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + " must be auto, remote or direct, not '" + asked + "'");
        }
    }
}
