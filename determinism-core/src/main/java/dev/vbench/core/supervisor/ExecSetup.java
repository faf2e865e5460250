package dev.vbench.core.supervisor;

import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.nativ.Native;
import dev.vbench.core.nativ.Registers;
import dev.vbench.core.nativ.RemoteMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every new program image needs before its first instruction: the auxiliary vector made
 * deterministic, and, once per process tree, the settings a process can only make for itself.
 *
 * <ul>
 *   <li>AT_SYSINFO_EHDR becomes AT_IGNORE, so libc finds no vDSO and reads clocks through system
 *       calls the supervisor answers (platform notes, pitfall 11).
 *   <li>The 16 AT_RANDOM bytes (stack protector and pointer guard seeds) come from the run's seed.
 *   <li>The seccomp filter routes system calls here (inherited by children and across exec).
 *   <li>rdtsc and cpuid fault where the host can make them ({@link CpuTraps}).
 * </ul>
 */
final class ExecSetup {
    private static final int SYS_PRCTL = 157, SYS_SECCOMP = 317;
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final int SECCOMP_SET_MODE_FILTER = 1;
    private static final long AT_NULL = 0, AT_IGNORE = 1, AT_RANDOM = 25, AT_SYSINFO_EHDR = 33;
    private static final int RED_ZONE = 128;
    private static final int SET_UID = 04000, SET_GID = 02000, GROUP_EXEC = 010;

    /** The process's seccomp filter is in place (a forked child inherits it). */
    private static final StateKey<boolean[]> SANDBOXED = StateKey.of("sandboxed", () -> new boolean[1]);

    private final Registers regs;
    private final RemoteMemory memory;
    private final Injector injector;
    private final CpuTraps cpuTraps;
    private final RunStats stats;
    private final byte[] filter;

    /**
     * @param trapped the system calls the filter stops on, or null for every one
     * @param privateSite the runtime's private system call site, let through; 0 for none
     */
    ExecSetup(Registers regs, RemoteMemory memory, Injector injector, CpuTraps cpuTraps, RunStats stats,
              java.util.BitSet trapped, long privateSite) {
        this.filter = SeccompFilter.program(trapped, privateSite);
        this.regs = regs;
        this.memory = memory;
        this.injector = injector;
        this.cpuTraps = cpuTraps;
        this.stats = stats;
    }

    /** A forked child shares its parent's filter. */
    void onFork(GuestProcess parent, GuestProcess child) {
        child.state().get(SANDBOXED)[0] = parent.state().get(SANDBOXED)[0];
    }

    /** Called at the PTRACE_EVENT_EXEC stop; leaves the thread at the execve exit stop. */
    void apply(GuestThread thread) {
        injector.stepToExecExit(thread);
        regs.load(thread.tid());
        rewriteAuxv(thread, regs.rsp());
        boolean[] sandboxed = thread.process().state().get(SANDBOXED);
        if (!sandboxed[0]) {
            injector.require(thread, "prctl(PR_SET_NO_NEW_PRIVS)", SYS_PRCTL, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
            injector.require(thread, "seccomp(SECCOMP_SET_MODE_FILTER)", SYS_SECCOMP, SECCOMP_SET_MODE_FILTER, 0,
                    writeFilter(thread));
            sandboxed[0] = true;
        }
        cpuTraps.arm(thread);
        noteSetIdProgram(thread);
    }

    /**
     * A set-user-ID or set-group-ID program keeps the caller's ids under vbench: no_new_privs (which
     * the seccomp filter needs) makes the kernel ignore those bits, so the program may behave as it
     * would for the caller, not as installed. Said in the result rather than left to surprise, when
     * the ids differ (root running a root-owned set-user-ID program loses nothing). Under Valgrind
     * the image is Valgrind's own, which never honours the bits either.
     */
    private void noteSetIdProgram(GuestThread thread) {
        Path exe = Path.of("/proc", Integer.toString(thread.tid()), "exe");
        Map<String, Object> unix;
        try {
            unix = Files.readAttributes(exe, "unix:mode,uid,gid");
        } catch (IOException | UnsupportedOperationException e) {
            return; // gone already, or not a file system that says: nothing to note
        }
        int mode = (Integer) unix.get("mode");
        boolean setUid = (mode & SET_UID) != 0 && (Integer) unix.get("uid") != Native.libc().geteuid();
        boolean setGid = (mode & SET_GID) != 0 && (mode & GROUP_EXEC) != 0 // without g+x it means locking
                && (Integer) unix.get("gid") != Native.libc().getegid();
        if (setUid || setGid) {
            String program;
            try {
                program = Files.readSymbolicLink(exe).toString();
            } catch (IOException e) {
                program = "a program";
            }
            stats.note(program + " is set-" + (setUid ? "user" : "group") + "-ID: under vbench it runs with the "
                    + "caller's ids (no_new_privs), not its owner's, so it may behave otherwise than natively");
        }
    }

    /** Writes struct sock_fprog and the program below the red zone; returns the sock_fprog address. */
    private long writeFilter(GuestThread thread) {
        long base = (regs.rsp() - RED_ZONE - 16 - filter.length) & ~15L;
        long program = base + 16;
        memory.writeBytes(thread.tid(), program, filter, 0, filter.length);
        jnr.ffi.Pointer p = memory.scratch(16);
        p.putLong(0, filter.length / 8); // unsigned short len, then padding
        p.putLong(8, program);
        memory.write(thread.tid(), base, 16);
        return base;
    }

    /** Walks argc, argv, envp to the auxiliary vector at the new stack's top and rewrites it. */
    private void rewriteAuxv(GuestThread thread, long sp) {
        int tid = thread.tid();
        long argc = memory.readLong(tid, sp);
        long at = sp + 8 + (argc + 1) * 8;
        while (memory.readLong(tid, at) != 0) {
            at += 8;
        }
        at += 8;
        for (long type; (type = memory.readLong(tid, at)) != AT_NULL; at += 16) {
            if (type == AT_SYSINFO_EHDR) {
                memory.writeLong(tid, at, AT_IGNORE);
            } else if (type == AT_RANDOM) {
                byte[] bytes = new byte[16];
                thread.random().nextBytes(bytes, 0, bytes.length);
                memory.writeBytes(tid, memory.readLong(tid, at + 8), bytes, 0, bytes.length);
            }
        }
    }
}
