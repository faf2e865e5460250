package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.PROCESS_VM_READV;
import static dev.vbench.core.syscalls.Syscall.PROCESS_VM_WRITEV;
import static dev.vbench.core.syscalls.Syscall.PTRACE;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.syscalls.Syscall;
import java.util.EnumSet;
import java.util.Set;

/**
 * Calls that reach into another process. ptrace fails with EPERM, with a note: every guest
 * process is traced by vbench already, and one tracer is all the kernel allows (natively a
 * PTRACE_TRACEME or an attach to a guest process fails the same way, but an attach to a process
 * outside the tree could succeed, and a guest must not reach out of its tree). process_vm_readv
 * and process_vm_writev take a virtual pid, translated like every other; a pid the guest never had
 * names no process (ESRCH).
 */
final class TracingHandler implements SyscallHandler {
    private static final String[] REQUESTS = {"PTRACE_TRACEME", "PTRACE_PEEKTEXT", "PTRACE_PEEKDATA",
        "PTRACE_PEEKUSER", "PTRACE_POKETEXT", "PTRACE_POKEDATA", "PTRACE_POKEUSER", "PTRACE_CONT", "PTRACE_KILL",
        "PTRACE_SINGLESTEP"};
    private static final int PTRACE_ATTACH = 16, PTRACE_SEIZE = 0x4206;

    private final GuestTree tree;
    private final RunReport report;

    TracingHandler(GuestTree tree, RunReport report) {
        this.tree = tree;
        this.report = report;
    }

    @Override
    public Set<Syscall> syscalls() {
        return EnumSet.of(PTRACE, PROCESS_VM_READV, PROCESS_VM_WRITEV);
    }

    @Override
    public Disposition onEntry(Guest call) {
        if (call.syscall() == PTRACE) {
            report.note("the guest called ptrace (" + request(call.intArg(0)) + "), which fails with EPERM under "
                    + "vbench: its processes are traced by vbench, and a process has one tracer");
            return call.fail(Errno.EPERM);
        }
        int real = tree.toRealInUse(call.intArg(0));
        if (real < 0) {
            return call.fail(Errno.ESRCH);
        }
        call.setArg(0, real);
        return Disposition.PASS;
    }

    private static String request(int r) {
        if (r >= 0 && r < REQUESTS.length) {
            return REQUESTS[r];
        }
        return switch (r) {
            case PTRACE_ATTACH -> "PTRACE_ATTACH";
            case PTRACE_SEIZE -> "PTRACE_SEIZE";
            default -> "request " + r;
        };
    }
}
