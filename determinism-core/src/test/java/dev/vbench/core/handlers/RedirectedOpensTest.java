package dev.vbench.core.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.FakeMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.nativ.MemFile;
import dev.vbench.core.syscalls.Syscall;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** An open turned into an open of vbench's file, whose descriptor vbench closes once the open returns. */
class RedirectedOpensTest {
    private final TestGuests world = new TestGuests();
    private final FakeGuest guest = new FakeGuest(world);
    private final GuestThread a = world.root();
    private final GuestThread b = world.threadIn(a.process());
    private final FakeMemory memory = guest.memoryOf(a.process());
    private final RedirectedOpens opens = new RedirectedOpens();

    /** Makes {@code thread}'s open of {@code path} open a new file instead: that file's path. */
    private String redirect(GuestThread thread, String path) {
        guest.call(thread, Syscall.OPENAT, -100, memory.allocateString(path), 0, 0);
        MemFile file = new MemFile("test");
        assertThat(opens.redirect(guest, 1, file)).isEqualTo(Disposition.AT_EXIT);
        assertThat(memory.readPath(guest.arg(1))).as("the path the kernel opens").isEqualTo(file.path());
        return file.path();
    }

    @Test
    void eachThreadsFileIsClosedWhenItsOwnOpenReturns() {
        String ofA = redirect(a, "/proc/cpuinfo");
        String ofB = redirect(b, "/proc/meminfo");
        guest.call(a, Syscall.OPENAT, -100, 0, 0, 0);
        opens.returned(guest);
        assertThat(Files.exists(Path.of(ofA))).as("a's open returned").isFalse();
        assertThat(Files.exists(Path.of(ofB))).as("b's open has not").isTrue();
        opens.returned(guest);
        assertThat(Files.exists(Path.of(ofB))).as("a's second exit is not b's").isTrue();
        opens.closeAll();
    }

    @Test
    void aFileWhoseOpenNeverReturnsIsClosedAtTheRunsEnd() {
        String ofB = redirect(b, "/dev/urandom");
        opens.closeAll();
        assertThat(Files.exists(Path.of(ofB))).isFalse();
        opens.closeAll(); // a second end closes nothing twice
    }
}
