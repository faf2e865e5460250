package dev.vbench.clock.valgrind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.FakeMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.syscalls.Syscall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which calls are Valgrind's start-up temporary files, and what they become. */
class ValgrindTempFilesTest {
    private static final String NAME = "/tmp/valgrind_proc_1000_cmdline_867a0ea6";
    /** VG_(mkstemp)'s open: O_CREAT|O_RDWR|O_EXCL|O_TRUNC, mode 0600. */
    private static final int MKSTEMP_FLAGS = 01302, MODE = 0600;

    private final FakeGuest guest = new FakeGuest(new TestGuests());
    private final GuestThread thread = guest.world().root();
    private final FakeMemory memory = guest.memoryOf(thread.process());
    private boolean startingUp = true;
    private final ValgrindTempFiles files = new ValgrindTempFiles(t -> startingUp);

    @AfterEach
    void end() {
        files.onRunEnd();
    }

    /** Sets up {@code syscall(path, rest...)} of {@link #thread}, with the path in its memory. */
    private FakeGuest call(Syscall syscall, String path, long... rest) {
        long[] args = new long[1 + rest.length];
        args[0] = memory.allocateString(path);
        System.arraycopy(rest, 0, args, 1, rest.length);
        return guest.call(thread, syscall, args);
    }

    @Test
    void theStartUpOpenGetsAnUnnamedFileAndItsUnlinkIsAnsweredWithoutTheFileSystem() throws Exception {
        assertThat(call(Syscall.OPEN, NAME, MKSTEMP_FLAGS, MODE).enter(files)).isEqualTo(Disposition.AT_EXIT);
        String given = memory.readPath(guest.arg(0));
        assertThat(given).as("a path to vbench's own memfd").startsWith("/proc/").contains("/fd/");
        assertThat(Files.readSymbolicLink(Path.of(given)).toString()).startsWith("/memfd:valgrind_proc_1000_cmdline_867a0ea6");
        assertThat(Files.getPosixFilePermissions(Path.of(given))).as("the mode Valgrind asked for")
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(guest.arg(1)).as("no O_CREAT or O_EXCL: the file exists").isEqualTo(02 | 01000);
        guest.exit(files, 3);
        assertThat(Files.exists(Path.of(given))).as("vbench's descriptor is closed once Valgrind has its own").isFalse();

        assertThat(call(Syscall.UNLINK, "/tmp/valgrind_proc_1000_auxv_867a0ea6").enter(files)).as("not the name given")
                .isEqualTo(Disposition.PASS);
        assertThat(call(Syscall.UNLINK, NAME).enter(files)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.emulated()).isTrue();
        assertThat(guest.returned()).isZero();
        assertThat(call(Syscall.UNLINK, NAME).enter(files)).as("only once").isEqualTo(Disposition.PASS);
    }

    @Test
    void anyTmpdirAndAnyPartOfTheNameAreValgrinds() {
        for (String name : List.of("/home/u/t/valgrind_proc_1001_auxv_0544c483", "t/valgrind_proc_7_cmdline_ffffffff")) {
            assertThat(call(Syscall.OPEN, name, MKSTEMP_FLAGS, MODE).enter(files)).as(name).isEqualTo(Disposition.AT_EXIT);
            guest.exit(files, 3);
        }
    }

    @Test
    void otherOpensPassUntouched() {
        record Other(Syscall syscall, String path, long flags, long mode) {}
        List<Other> others = List.of(
                new Other(Syscall.OPEN, NAME, 0, 0),                                   // another flag set
                new Other(Syscall.OPEN, NAME, MKSTEMP_FLAGS, 0644),                    // another mode
                new Other(Syscall.OPEN, "/tmp/valgrind_proc_1000_cmdline_867a0ea", MKSTEMP_FLAGS, MODE),
                new Other(Syscall.OPEN, "/tmp/valgrind_proc_1000_cmdline_867A0EA6", MKSTEMP_FLAGS, MODE),
                new Other(Syscall.OPEN, "/tmp/myvalgrind_x_867a0ea6", MKSTEMP_FLAGS, MODE),
                new Other(Syscall.UNLINK, NAME, 0, 0));                                // nothing given yet
        for (Other c : others) {
            long path = memory.allocateString(c.path());
            guest.call(thread, c.syscall(), path, c.flags(), c.mode());
            assertThat(guest.enter(files)).as("%s", c).isEqualTo(Disposition.PASS);
            assertThat(new long[] {guest.arg(0), guest.arg(1), guest.arg(2)}).as("%s: the arguments", c)
                    .containsExactly(path, c.flags(), c.mode());
        }
    }

    @Test
    void theGuestsOwnCallsPassOnceItsCodeRuns() {
        startingUp = false;
        assertThat(call(Syscall.OPEN, NAME, MKSTEMP_FLAGS, MODE).enter(files)).isEqualTo(Disposition.PASS);
        assertThat(call(Syscall.UNLINK, NAME).enter(files)).isEqualTo(Disposition.PASS);
    }

    @Test
    void aFailedOpenLeavesItsNameToTheKernel() {
        assertThat(call(Syscall.OPEN, NAME, MKSTEMP_FLAGS, MODE).enter(files)).isEqualTo(Disposition.AT_EXIT);
        guest.exit(files, -24); // EMFILE
        assertThat(call(Syscall.UNLINK, NAME).enter(files)).isEqualTo(Disposition.PASS);
    }
}
