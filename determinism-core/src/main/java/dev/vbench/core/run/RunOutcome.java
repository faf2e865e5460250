package dev.vbench.core.run;

import dev.vbench.core.nativ.WaitStatus;
import dev.vbench.core.syscalls.SyscallClass;
import java.util.List;
import java.util.Map;

/**
 * What one determinized run did, as plain data.
 *
 * @param waitStatus        the root guest's raw wait status
 * @param syscallsByName    every system call the tree made, by name, sorted by name
 * @param emulatedSyscalls  how many of the system calls vbench answered itself (the kernel never saw them)
 * @param sequenceHash      a hash of the order of (thread, system call): equal runs have equal hashes
 * @param virtualNanos      virtual time elapsed in the guest
 * @param cpuidVirtualized  whether the host's CPUID faulting let the guest's cpuid be answered
 * @param rdtscVirtualized  whether the host traps rdtsc so the guest's TSC reads are answered
 * @param runtimeSyscalls   system calls made by the runtime the guest runs in (Valgrind), not counted above
 * @param termination       how the run ended
 * @param deadlock          when it ended in a deadlock, what each thread waited for (one line each); else empty
 * @param nondeterminism    why another run might differ (in the engine's terms), or null
 * @param notes             limitations met during the run, for the summary and the result
 * @param problems          limits the guest met that explain how it ended (Valgrind's thread limit...)
 * @param inputs            what the run read from the host's file system
 */
public record RunOutcome(
        int waitStatus,
        Map<String, Long> syscallsByName,
        long syscalls,
        long emulatedSyscalls,
        long sequenceHash,
        int processes,
        int threads,
        long virtualNanos,
        long wallNanos,
        boolean cpuidVirtualized,
        boolean rdtscVirtualized,
        long runtimeSyscalls,
        long traps,
        Termination termination,
        List<String> deadlock,
        SchedulerCounts scheduler,
        String nondeterminism,
        List<String> notes,
        List<String> problems,
        Inputs inputs) {

    /**
     * What the deterministic scheduler did: turns given, switches between threads, slices cut
     * short, and preemptions by the wall-clock watchdog (which make a run nondeterministic), of
     * them those of a thread spinning without system calls (the others were blocked in the kernel),
     * and the slices a thread gave up because the runtime saw it spin (a spin-wait hint).
     */
    public record SchedulerCounts(long turns, long contextSwitches, long preemptions, long watchdogPreemptions,
                                  long spinPreemptions, long spinYields) {}

    /**
     * The system calls by class ({@code syscalls_cheap}, {@code syscalls_file}, {@code syscalls_memory},
     * {@code syscalls_process}, {@code syscalls_blocking}; see {@link SyscallClass}), every class
     * present: what calibrated models price, since one price cannot fit every call.
     */
    public Map<String, Long> syscallsByClass() {
        return SyscallClass.count(syscallsByName);
    }

    /** Whether nothing happened that could make another run differ. */
    public boolean deterministic() {
        return nondeterminism == null;
    }

    public RunOutcome {
        syscallsByName = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(syscallsByName));
        deadlock = List.copyOf(deadlock);
        notes = List.copyOf(notes);
        problems = List.copyOf(problems);
    }

    /** How the run ended, beyond the guest's own exit. */
    public enum Termination {
        GUEST_EXITED,
        TIMED_OUT,
        INTERRUPTED,
        /** Every guest thread waited for something no guest thread could do; the tree was killed. */
        DEADLOCK
    }

    public boolean signaled() {
        return WaitStatus.signaled(waitStatus);
    }

    public int signal() {
        return WaitStatus.termSignal(waitStatus);
    }

    /** The guest's status as a shell reports it: exit code or 128 + signal. */
    public int shellStatus() {
        return WaitStatus.shellStatus(waitStatus);
    }
}
