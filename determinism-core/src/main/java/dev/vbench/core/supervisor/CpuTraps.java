package dev.vbench.core.supervisor;

import dev.vbench.core.guest.GuestRuntime;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.nativ.Signals;
import dev.vbench.core.nativ.Tracer;

/**
 * Makes the guest's rdtsc and cpuid fault, so that the supervisor answers them (TrapEmulator):
 * rdtsc through PR_SET_TSC, cpuid through CPUID faulting where the host has it.
 *
 * <p>Both settings are a thread's own: a new thread or process inherits its creator's, execve keeps
 * the TSC setting and turns CPUID faulting off. They are not free. While the guest carries them and
 * the supervisor does not, the kernel rewrites CR4 and an MSR at every switch between the two, and
 * on a VM each write exits to the hypervisor: measured here, 100k getppid stops took 3.7 s of
 * system time with both, 3.0 s without TSC trapping, 2.0 s without CPUID faulting and 1.1-1.2 s
 * with neither. So they are taken back where they protect nothing:
 * <ul>
 *   <li>TSC trapping on a host that ignores CR4.TSD (found by executing one rdtsc in the guest);
 *   <li>both, in a thread whose runtime answers the guest's rdtsc and cpuid itself
 *       ({@link GuestRuntime#answersCpuInstructions}: Valgrind, once its start-up is over).
 * </ul>
 * A new program image is armed again at its exec. A tracer that can carries what the thread armed or
 * released last carries ({@link Tracer#carry}), so that most switches between them rewrite nothing.
 */
final class CpuTraps {
    private static final int SYS_PRCTL = 157, SYS_ARCH_PRCTL = 158;
    private static final int PR_SET_TSC = 26, PR_TSC_ENABLE = 1, PR_TSC_SIGSEGV = 2;
    private static final int ARCH_SET_CPUID = 0x1012;
    /** rdtsc (0f 31) followed by nops, for the probe. */
    private static final long RDTSC_INSN = 0x9090_9090_9090_310fL;

    /** What the thread carries now. */
    private static final class Armed {
        boolean tsc;
        boolean cpuid;
    }

    private static final StateKey<Armed> ARMED = StateKey.of("cpu traps", Armed::new);

    private final Injector injector;
    private final RunStats stats;
    private final GuestRuntime runtime;

    CpuTraps(Injector injector, RunStats stats, GuestRuntime runtime) {
        this.injector = injector;
        this.stats = stats;
        this.runtime = runtime;
    }

    /** At exec, from a user-context stop: arms both, where the host has them. */
    void arm(GuestThread thread) {
        Armed armed = thread.state().get(ARMED);
        if (!armed.tsc && !Boolean.FALSE.equals(stats.rdtscTrapping)) {
            injector.require(thread, "prctl(PR_SET_TSC)", SYS_PRCTL, PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0);
            armed.tsc = true;
            if (stats.rdtscTrapping == null) {
                // Some hypervisors ignore CR4.TSD: PR_SET_TSC succeeds but rdtsc still runs. Found
                // out once per run; the result says so if it ran.
                stats.rdtscTrapping = injector.probe(thread, RDTSC_INSN) == Signals.SIGSEGV;
                if (!stats.rdtscTrapping) {
                    enableTsc(thread, armed);
                }
            }
        }
        armed.cpuid = false; // execve turned it off
        if (!Boolean.FALSE.equals(stats.cpuidFaulting)) {
            long r = injector.inject(thread, SYS_ARCH_PRCTL, ARCH_SET_CPUID, 0);
            stats.cpuidFaulting = r == 0; // ENODEV: the host has no CPUID faulting
            armed.cpuid = r == 0;
        }
        Tracer.current().carry(armed.tsc, armed.cpuid);
    }

    /** A new thread or process carries what its creator carried. */
    void onNewThread(GuestThread parent, GuestThread child) {
        Armed from = parent.state().get(ARMED);
        Armed to = child.state().get(ARMED);
        to.tsc = from.tsc;
        to.cpuid = from.cpuid;
    }

    /** At a seccomp stop: whether the thread carries a trap its runtime makes needless. */
    boolean releaseDue(GuestThread thread) {
        Armed armed = thread.state().get(ARMED);
        return (armed.tsc || armed.cpuid) && runtime.answersCpuInstructions(thread);
    }

    /**
     * From a seccomp stop: takes both back. The thread is left before the system call it entered,
     * which it enters again when resumed; nothing of the call has happened.
     */
    void release(GuestThread thread) {
        Armed armed = thread.state().get(ARMED);
        injector.backOutOfSyscall(thread);
        if (armed.cpuid) {
            injector.require(thread, "arch_prctl(ARCH_SET_CPUID, 1)", SYS_ARCH_PRCTL, ARCH_SET_CPUID, 1);
            armed.cpuid = false;
        }
        if (armed.tsc) {
            enableTsc(thread, armed);
        }
        Tracer.current().carry(armed.tsc, armed.cpuid);
    }

    private void enableTsc(GuestThread thread, Armed armed) {
        injector.require(thread, "prctl(PR_SET_TSC, PR_TSC_ENABLE)", SYS_PRCTL, PR_SET_TSC, PR_TSC_ENABLE, 0, 0, 0);
        armed.tsc = false;
    }
}
