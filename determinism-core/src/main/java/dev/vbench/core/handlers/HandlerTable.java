package dev.vbench.core.handlers;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.StateKey;
import dev.vbench.core.syscalls.Syscall;
import java.util.List;
import java.util.Set;

/**
 * Which handler serves each system call. Built once per run. A call claimed by two standard
 * handlers is refused. A first-look handler (one added from outside the determinizer, such as the
 * region markers) may share a call with a standard handler: it sees the call first, and what it
 * passes goes on to the standard handler.
 */
public final class HandlerTable {
    private final SyscallHandler[] byNumber = new SyscallHandler[Syscall.TABLE_SIZE];

    public HandlerTable(List<SyscallHandler> handlers) {
        this(handlers, List.of());
    }

    public HandlerTable(List<SyscallHandler> handlers, List<SyscallHandler> firstLook) {
        for (SyscallHandler h : handlers) {
            claim(h);
        }
        for (SyscallHandler h : firstLook) {
            for (Syscall s : h.syscalls()) {
                SyscallHandler standard = byNumber[s.nr()];
                byNumber[s.nr()] = standard == null ? h : new FirstLook(h, standard);
            }
        }
        for (SyscallHandler h : firstLook) {
            claimedTwiceAmong(firstLook, h);
        }
    }

    private void claim(SyscallHandler h) {
        for (Syscall s : h.syscalls()) {
            SyscallHandler other = byNumber[s.nr()];
            if (other != null) {
                throw new IllegalStateException(s.kernelName() + " is claimed by both "
                        + other.getClass().getSimpleName() + " and " + h.getClass().getSimpleName());
            }
            byNumber[s.nr()] = h;
        }
    }

    private static void claimedTwiceAmong(List<SyscallHandler> handlers, SyscallHandler h) {
        for (SyscallHandler other : handlers) {
            if (other != h && other.syscalls().stream().anyMatch(h.syscalls()::contains)) {
                throw new IllegalStateException("a call is claimed by both first-look handlers "
                        + other.getClass().getSimpleName() + " and " + h.getClass().getSimpleName());
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

    /** {@code first} sees a call first; a call it passes goes on to {@code then}. */
    private record FirstLook(SyscallHandler first, SyscallHandler then) implements SyscallHandler {
        /** Which of the two asked to see the thread's current call at its exit. */
        private static final StateKey<SyscallHandler[]> AT_EXIT = StateKey.of("first-look exit", () -> new SyscallHandler[1]);

        @Override
        public Set<Syscall> syscalls() {
            return first.syscalls();
        }

        @Override
        public Disposition onEntry(Guest call) {
            Disposition d = first.onEntry(call);
            SyscallHandler decided = first;
            if (d == Disposition.PASS) {
                d = then.onEntry(call);
                decided = then;
            }
            call.thread().state().get(AT_EXIT)[0] = d == Disposition.AT_EXIT ? decided : null;
            return d;
        }

        @Override
        public void onExit(Guest call) {
            SyscallHandler[] at = call.thread().state().get(AT_EXIT);
            SyscallHandler h = at[0];
            at[0] = null;
            if (h != null) {
                h.onExit(call);
            }
        }

        @Override
        public void onExec(GuestProcess process) {
            first.onExec(process);
            then.onExec(process);
        }
    }
}
