package dev.vbench.core.supervisor;

import dev.vbench.core.guest.GuestRuntime;
import dev.vbench.core.nativ.CpuAffinity;
import dev.vbench.core.nativ.DirectTracer;
import dev.vbench.core.nativ.RemoteTracer;
import dev.vbench.core.nativ.Tracer;

/**
 * Which {@link Tracer} a run uses, from the system property {@code vbench.tracer}: {@code auto}
 * (the default) takes a {@link RemoteTracer} on the guest's CPU when the guest keeps its CPU traps
 * ({@link GuestRuntime#keepsCpuTraps}), this vbench has the tracer's library and the supervisor
 * thread has another CPU to run on, else traces from the supervisor thread;
 * {@code remote} and {@code direct} insist. Either gives the same results; only the time per stop differs.
 */
final class TracerChoice {
    static final String PROPERTY = "vbench.tracer";

    private TracerChoice() {}

    /** @param cpus the supervisor thread's CPUs, or null if unknown */
    static Tracer forRun(CpuAffinity cpus, GuestRuntime runtime) {
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
