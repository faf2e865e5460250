package dev.vbench.core.handlers;

import dev.vbench.core.nativ.Errno;
import dev.vbench.core.supervisor.SyscallStop;

/**
 * The terminal: unless the run passes it through, no descriptor is a terminal to the guest, so a
 * program buffers and formats its output the same whether vbench runs in a terminal or in CI.
 */
final class TerminalHandler implements SyscallHandler {
    static final int IOCTL = 16;
    private static final int TCGETS = 0x5401, TIOCGPGRP = 0x540F, TIOCGWINSZ = 0x5413, TIOCGSID = 0x5429,
            TCGETS2 = 0x802C542A, TIOCGPTN = 0x80045430;

    private final boolean passTerminal;

    TerminalHandler(boolean passTerminal) {
        this.passTerminal = passTerminal;
    }

    @Override
    public int[] syscalls() {
        return new int[] {IOCTL};
    }

    @Override
    public Disposition onEntry(SyscallStop call) {
        if (passTerminal) {
            return Disposition.PASS;
        }
        return switch ((int) call.arg(1)) {
            case TCGETS, TCGETS2, TIOCGPGRP, TIOCGWINSZ, TIOCGSID, TIOCGPTN -> call.fail(Errno.ENOTTY);
            default -> Disposition.PASS;
        };
    }
}
