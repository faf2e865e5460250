package dev.vbench.core.handlers;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.syscalls.Syscall;
import java.util.EnumSet;
import java.util.Set;

/**
 * The terminal: unless the run passes it through, no descriptor is a terminal to the guest, so a
 * program buffers and formats its output the same whether vbench runs in a terminal or in CI.
 */
final class TerminalHandler implements SyscallHandler {
    private static final int TCGETS = 0x5401, TIOCGPGRP = 0x540F, TIOCGWINSZ = 0x5413, TIOCGSID = 0x5429,
            TCGETS2 = 0x802C542A, TIOCGPTN = 0x80045430;

    private final boolean passTerminal;

    TerminalHandler(boolean passTerminal) {
        this.passTerminal = passTerminal;
    }

    @Override
    public Set<Syscall> syscalls() {
        return EnumSet.of(Syscall.IOCTL);
    }

    @Override
    public Disposition onEntry(Guest call) {
        if (passTerminal) {
            return Disposition.PASS;
        }
        return switch ((int) call.arg(1)) {
            case TCGETS, TCGETS2, TIOCGPGRP, TIOCGWINSZ, TIOCGSID, TIOCGPTN -> call.fail(Errno.ENOTTY);
            default -> Disposition.PASS;
        };
    }
}
