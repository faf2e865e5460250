package dev.vbench.core.handlers;

import dev.vbench.core.supervisor.SyscallStop;

/**
 * One family of system calls (time, random, identity, files, processes...). A handler does not
 * know how the stop was obtained: it reads and changes the call through {@link SyscallStop} and
 * says at entry whether the kernel runs it.
 */
public interface SyscallHandler {
    /** The x86-64 system call numbers this family handles. */
    int[] syscalls();

    /** Called at the call's entry, before the kernel sees it. */
    Disposition onEntry(SyscallStop call);

    /** Called at the call's exit when {@link #onEntry} returned {@link Disposition#AT_EXIT}. */
    default void onExit(SyscallStop call) {}
}
