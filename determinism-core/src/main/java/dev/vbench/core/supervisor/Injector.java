package dev.vbench.core.supervisor;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.nativ.Ptrace;
import dev.vbench.core.nativ.Registers;
import dev.vbench.core.nativ.Signals;
import dev.vbench.core.nativ.WaitStatus;

/**
 * Makes a tracee run a system call of the supervisor's choosing, for the settings a process must
 * make itself (rdtsc trapping, its seccomp filter, CPUID faulting).
 *
 * <p>Precondition: the tracee is at a syscall-exit stop, i.e. in user context. The word at rip is
 * replaced by a {@code syscall} instruction for the duration, and registers and text are restored
 * afterwards, so the tracee continues exactly where it was.
 */
final class Injector {
    private static final int SYSCALL_STOP = Signals.SIGTRAP | 0x80;
    private static final long SYSCALL_INSN = 0x050f;
    static final int SYSCALL_INSN_LENGTH = 2;

    private final Registers regs;
    private final Registers saved = new Registers();
    private final StopWaiter waiter;

    Injector(Registers regs, StopWaiter waiter) {
        this.regs = regs;
        this.waiter = waiter;
    }

    /** Runs {@code nr(args)} in the tracee; returns its raw result (negative errno on failure). */
    long inject(GuestThread thread, int nr, long... args) {
        int tid = thread.tid();
        regs.load(tid);
        saved.copyFrom(regs);
        long rip = regs.rip();
        long text = Ptrace.peekData(tid, rip);
        Ptrace.pokeData(tid, rip, (text & ~0xffffL) | SYSCALL_INSN);
        try {
            regs.setRax(nr);
            for (int i = 0; i < args.length; i++) {
                regs.setArg(i, args[i]);
            }
            regs.store(tid);
            runOneSyscall(thread);
            regs.load(tid);
            return regs.rax();
        } finally {
            Ptrace.pokeData(tid, rip, text);
            regs.copyFrom(saved);
            regs.store(tid);
        }
    }

    /**
     * Steps the tracee through one system call: its entry stop, a seccomp stop if the filter traps
     * it, and its exit stop.
     */
    private void runOneSyscall(GuestThread thread) {
        stepThroughSyscallStops(thread, 2);
    }

    /**
     * Resumes with PTRACE_SYSCALL until {@code count} syscall stops have passed; seccomp and other
     * event stops are stepped over, and a signal that arrives meanwhile is kept for the next resume.
     */
    private void stepThroughSyscallStops(GuestThread thread, int count) {
        int seen = 0;
        while (seen < count) {
            Ptrace.resume(Ptrace.SYSCALL, thread.tid(), 0);
            waiter.waitStop(thread.tid());
            int status = waiter.status();
            int sig = WaitStatus.stopSignal(status);
            if (sig == SYSCALL_STOP) {
                seen++;
            } else if (WaitStatus.event(status) == 0 && sig != Signals.SIGTRAP) {
                TraceeState.of(thread).deferredSignal = sig;
            }
        }
    }

    /** Runs {@code nr(args)} in the tracee, which must succeed: {@code what} names it if it does not. */
    void require(GuestThread thread, String what, int nr, long... args) {
        long result = inject(thread, nr, args);
        if (result != 0) {
            throw new IllegalStateException("could not set up the guest: " + what + " failed with "
                    + Errno.name((int) -result));
        }
    }

    /**
     * From a seccomp stop: skips the system call the tracee entered and leaves it in user context,
     * at that call's syscall-exit stop, with rip back on its {@code syscall} instruction and rax
     * holding the call's number again: resumed, it enters the same call anew. Meanwhile
     * {@link #inject} may run calls of the supervisor's own.
     */
    void backOutOfSyscall(GuestThread thread) {
        int tid = thread.tid();
        regs.load(tid);
        saved.copyFrom(regs);
        regs.setSyscallNumber(-1); // the kernel skips a call numbered -1 and goes to its exit
        regs.store(tid);
        stepThroughSyscallStops(thread, 1);
        regs.copyFrom(saved);
        regs.setRax(saved.syscallNumber());
        regs.setRip(saved.rip() - SYSCALL_INSN_LENGTH);
        regs.store(tid);
    }

    /**
     * Executes {@code instruction} (at most 8 bytes) once in the tracee by single-stepping it, and
     * returns the signal the step stopped with: SIGTRAP if it ran, another if it faulted.
     * Registers and text are restored either way; nothing is delivered to the tracee.
     */
    int probe(GuestThread thread, long instruction) {
        int tid = thread.tid();
        regs.load(tid);
        saved.copyFrom(regs);
        long rip = regs.rip();
        long text = Ptrace.peekData(tid, rip);
        Ptrace.pokeData(tid, rip, instruction);
        try {
            Ptrace.resume(Ptrace.SINGLESTEP, tid, 0);
            waiter.waitStop(tid);
            return WaitStatus.stopSignal(waiter.status());
        } finally {
            Ptrace.pokeData(tid, rip, text);
            regs.copyFrom(saved);
            regs.store(tid);
        }
    }

    /** From an exec event stop, runs on to the exit stop of that execve: the first user-context stop. */
    void stepToExecExit(GuestThread thread) {
        stepThroughSyscallStops(thread, 1);
    }
}
