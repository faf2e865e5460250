package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.FLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.guest.Wait;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** flock taken for the guest without blocking, or a park until it can be. */
class FileLockHandlerTest {
    private static final int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;

    private TestGuests world;
    private FakeGuest guest;
    private FileLockHandler handler;
    private GuestThread a;

    @BeforeEach
    void setUp() {
        world = new TestGuests();
        guest = new FakeGuest(world);
        handler = new FileLockHandler(world.tree());
        a = world.root();
    }

    private Disposition flock(int fd, int operation) {
        return guest.call(a, FLOCK, fd, operation).enter(handler);
    }

    @Test
    void aFreeLockIsTakenForTheGuestAndAHeldOneParksItsThread() {
        world.childProcess(a);
        assertThat(flock(3, LOCK_EX)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isZero();
        guest.heldLocks.add(a.process().vpid() + ":4");
        assertThat(flock(4, LOCK_SH)).isEqualTo(Disposition.BLOCK);
        assertThat(guest.blockedOn()).isEqualTo(new Wait.FileLock(4, LOCK_SH));
    }

    @Test
    void unlockingNonBlockingTriesAndALoneThreadGoToTheKernel() {
        guest.heldLocks.add(a.process().vpid() + ":4");
        assertThat(flock(4, LOCK_EX)).as("alone: nobody here could unlock it").isEqualTo(Disposition.PASS);
        world.childProcess(a);
        assertThat(flock(4, LOCK_EX | LOCK_NB)).isEqualTo(Disposition.PASS);
        assertThat(flock(4, LOCK_UN)).isEqualTo(Disposition.PASS);
        assertThat(flock(4, 99)).as("an invalid operation: EINVAL from the kernel").isEqualTo(Disposition.PASS);
    }
}
