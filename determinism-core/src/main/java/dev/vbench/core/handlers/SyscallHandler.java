package dev.vbench.core.handlers;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.syscalls.Syscall;
import java.util.Set;

/**
 * One family of system calls (time, random, identity, files, processes...). A handler does not
 * know how the stop was obtained: it reads and changes the call through the {@link Guest} handle
 * and says at entry what happens to the call.
 */
public interface SyscallHandler {
    /** The calls this family handles; no other handler may claim them. */
    Set<Syscall> syscalls();

    /** Called at the call's entry, before the kernel sees it. */
    Disposition onEntry(Guest call);

    /** Called at the call's exit when {@link #onEntry} returned {@link Disposition#AT_EXIT}. */
    default void onExit(Guest call) {}

    /** {@code process} started a new program image: state kept for its old image is stale. */
    default void onExec(GuestProcess process) {}

    /** The run is over, however it ended (or it will not start): let go of what runs beside it. */
    default void onRunEnd() {}
}
