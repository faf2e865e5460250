package dev.vbench.core.supervisor;

import dev.vbench.core.syscalls.Syscall;
import java.util.ArrayList;
import java.util.List;

/** What the supervisor counts and notices over one run, for its outcome. */
final class RunStats implements dev.vbench.core.handlers.RunReport {
    /** The guest's system calls by number (the last slot collects numbers out of range). */
    final long[] syscallCounts = new long[Syscall.TABLE_SIZE];
    /** A hash of the order of (thread, system call): equal runs have equal hashes. */
    long syscallSequenceHash = 1;
    long emulatedSyscalls;
    /** System calls of the runtime the guest runs in (Valgrind), not of the guest. */
    long runtimeSyscalls;
    long traps;
    int processesCreated;
    int threadsCreated;
    long watchdogPreemptions;
    /** Of the watchdog's preemptions, those of a thread spinning without system calls. */
    long spinPreemptions;
    /** null until the first exec tried it; then whether the host has CPUID faulting. */
    Boolean cpuidFaulting;
    /** null until the first exec probed it; then whether rdtsc faults as PR_SET_TSC asks. */
    Boolean rdtscTrapping;
    /** Why this run may not repeat exactly, or null if nothing nondeterministic happened. */
    String nondeterminism;
    final List<String> notes = new ArrayList<>();
    /** Limits the guest met that ended it or changed what it did: said at once, not only in the result. */
    final List<String> problems = new ArrayList<>();

    /** Counts one guest system call of thread {@code vtid}. */
    void countSyscall(int vtid, int nr) {
        syscallCounts[nr >= 0 && nr < Syscall.TABLE_SIZE ? nr : Syscall.TABLE_SIZE - 1]++;
        syscallSequenceHash = (syscallSequenceHash ^ ((long) vtid << 20 | nr)) * 0x100000001B3L;
    }

    /** Records that the run may not repeat exactly, and why (the first reason is kept). */
    void nondeterministic(String reason) {
        if (nondeterminism == null) {
            nondeterminism = reason;
        }
    }

    /** Records a limit the guest met that explains how it ended, once. */
    @Override
    public void problem(String text) {
        if (!problems.contains(text)) {
            problems.add(text);
        }
    }

    /** Records something the result should say (a limitation met during the run), once. */
    @Override
    public void note(String text) {
        if (!notes.contains(text)) {
            notes.add(text);
        }
    }
}
