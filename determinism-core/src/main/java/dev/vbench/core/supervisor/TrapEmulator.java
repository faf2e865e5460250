package dev.vbench.core.supervisor;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.nativ.Ptrace;
import dev.vbench.core.nativ.Registers;
import jnr.ffi.Pointer;

/**
 * Answers the instructions that fault on purpose: rdtsc and rdtscp (PR_SET_TSC) and cpuid (CPUID
 * faulting). The fault arrives as a SIGSEGV with si_code SI_KERNEL at the instruction itself.
 */
final class TrapEmulator {
    private static final int SI_KERNEL = 0x80;

    private final Registers regs;
    private final GuestTree tree;
    private final RunStats stats;
    private final Pointer siginfo;
    private final int[] cpuid = new int[4];

    TrapEmulator(Registers regs, GuestTree tree, RunStats stats, Pointer siginfoBuffer) {
        this.regs = regs;
        this.tree = tree;
        this.stats = stats;
        this.siginfo = siginfoBuffer;
    }

    /** Emulates the faulting instruction if it is one of ours; false leaves the SIGSEGV to the guest. */
    boolean tryEmulate(GuestThread thread) {
        int tid = thread.tid();
        Ptrace.getSigInfo(tid, siginfo);
        if (siginfo.getInt(8) != SI_KERNEL) {
            return false;
        }
        regs.load(tid);
        long rip = regs.rip();
        long text = Ptrace.peekData(tid, rip);
        int length;
        if ((text & 0xffff) == 0x310f) { // rdtsc
            setTsc();
            length = 2;
        } else if ((text & 0xffffff) == 0xf9010f) { // rdtscp
            setTsc();
            regs.setRcx(0); // IA32_TSC_AUX: the guest runs on CPU 0
            length = 3;
        } else if ((text & 0xffff) == 0xa20f) { // cpuid
            CpuidTable.answer((int) regs.rax(), (int) regs.rcx(), tree.config().cpus(), cpuid);
            regs.setRax(cpuid[0] & 0xffffffffL);
            regs.setRbx(cpuid[1] & 0xffffffffL);
            regs.setRcx(cpuid[2] & 0xffffffffL);
            regs.setRdx(cpuid[3] & 0xffffffffL);
            length = 2;
        } else {
            return false;
        }
        stats.traps++;
        tree.clock().onTrap(thread);
        regs.setRip(rip + length);
        regs.store(tid);
        return true;
    }

    private void setTsc() {
        long tsc = tree.clock().tsc();
        regs.setRax(tsc & 0xffffffffL);
        regs.setRdx(tsc >>> 32);
    }
}
