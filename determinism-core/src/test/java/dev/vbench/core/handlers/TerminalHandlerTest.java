package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.IOCTL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.nativ.Errno;
import org.junit.jupiter.api.Test;

/** No descriptor is a terminal to the guest unless the run passes the terminal through. */
class TerminalHandlerTest {
    /** TCGETS, TIOCGPGRP, TIOCGWINSZ, TIOCGSID, TCGETS2, TIOCGPTN: the requests that ask "is this a terminal?". */
    private static final long[] TERMINAL_QUERIES = {0x5401, 0x540F, 0x5413, 0x5429, 0x802C542AL, 0x80045430L};
    private static final long FIONREAD = 0x541B, FIONBIO = 0x5421, TCSETS = 0x5402;

    private final TestGuests world = new TestGuests();
    private final FakeGuest guest = new FakeGuest(world);
    private final GuestThread a = world.root();

    private Disposition ioctl(TerminalHandler h, int fd, long request) {
        return guest.call(a, IOCTL, fd, request, 0x1000).enter(h);
    }

    @Test
    void terminalQueriesFailWithEnottyOnEveryDescriptor() {
        TerminalHandler h = new TerminalHandler(false);
        for (long request : TERMINAL_QUERIES) {
            for (int fd : new int[] {0, 1, 2, 7}) {
                assertThat(ioctl(h, fd, request)).as("request %x on fd %d", request, fd).isEqualTo(Disposition.EMULATED);
                assertThat(guest.returned()).isEqualTo(-Errno.ENOTTY);
            }
        }
    }

    @Test
    void otherIoctlsGoToTheKernel() {
        TerminalHandler h = new TerminalHandler(false);
        for (long request : new long[] {FIONREAD, FIONBIO, TCSETS, 0}) {
            assertThat(ioctl(h, 1, request)).as("request %x", request).isEqualTo(Disposition.PASS);
        }
    }

    @Test
    void withTheTerminalPassedThroughEveryIoctlGoesToTheKernel() {
        TerminalHandler h = new TerminalHandler(true);
        for (long request : TERMINAL_QUERIES) {
            assertThat(ioctl(h, 1, request)).as("request %x", request).isEqualTo(Disposition.PASS);
        }
    }
}
