package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.ACCESS;
import static dev.vbench.core.syscalls.Syscall.CHDIR;
import static dev.vbench.core.syscalls.Syscall.FACCESSAT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.FakeMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.nativ.Errno;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Paths naming /proc/VPID reach the kernel with the real pid; a pid the guest never had is ENOENT. */
class ProcPathHandlerTest {
    private FakeGuest guest;
    private ProcPathHandler paths;
    private GuestThread a;
    private FakeMemory memory;

    @BeforeEach
    void setUp() {
        TestGuests world = new TestGuests();
        a = world.root();
        guest = new FakeGuest(world);
        paths = new ProcPathHandler(new ProcPaths(world.tree()));
        memory = guest.memoryOf(a.process());
    }

    @Test
    void aVirtualPidIsMadeTheRealOneInEveryPathArgument() {
        assertThat(guest.call(a, ACCESS, memory.allocateString("/proc/1000/status"), 4).enter(paths))
                .isEqualTo(Disposition.PASS);
        assertThat(memory.readPath(guest.arg(0))).isEqualTo("/proc/" + a.tid() + "/status");
        assertThat(guest.call(a, FACCESSAT, -100, memory.allocateString("/proc/1000"), 0).enter(paths))
                .isEqualTo(Disposition.PASS);
        assertThat(memory.readPath(guest.arg(1))).isEqualTo("/proc/" + a.tid());
    }

    @Test
    void aPidTheGuestNeverHadIsEnoentAndOtherPathsPass() {
        assertThat(guest.call(a, CHDIR, memory.allocateString("/proc/4242")).enter(paths)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.ENOENT);
        long tmp = memory.allocateString("/tmp");
        assertThat(guest.call(a, CHDIR, tmp).enter(paths)).isEqualTo(Disposition.PASS);
        assertThat(guest.arg(0)).isEqualTo(tmp);
    }
}
