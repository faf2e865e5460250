package dev.vbench.core.handlers;

import dev.vbench.core.syscalls.Syscall;
import java.util.List;

/** Which handler serves each system call. Built once per run; a call claimed twice is refused. */
public final class HandlerTable {
    private final SyscallHandler[] byNumber = new SyscallHandler[Syscall.TABLE_SIZE];

    public HandlerTable(List<SyscallHandler> handlers) {
        for (SyscallHandler h : handlers) {
            for (Syscall s : h.syscalls()) {
                SyscallHandler other = byNumber[s.nr()];
                if (other != null) {
                    throw new IllegalStateException(s.kernelName() + " is claimed by both "
                            + other.getClass().getSimpleName() + " and " + h.getClass().getSimpleName());
                }
                byNumber[s.nr()] = h;
            }
        }
    }

    /** The handler of call {@code nr}, or null if the call passes to the kernel untouched. */
    public SyscallHandler handlerOf(long nr) {
        return nr >= 0 && nr < byNumber.length ? byNumber[(int) nr] : null;
    }

    /** Whether some handler serves call {@code nr}. */
    public boolean handles(int nr) {
        return handlerOf(nr) != null;
    }
}
