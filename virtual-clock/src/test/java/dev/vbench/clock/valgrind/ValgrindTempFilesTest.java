package dev.vbench.clock.valgrind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.clock.CostModel;
import dev.vbench.clock.CounterBackend;
import dev.vbench.clock.VirtualClock;
import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.Guest;
import dev.vbench.core.guest.GuestMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.GuestTree;
import dev.vbench.core.guest.ParkedThreads;
import dev.vbench.core.guest.Readiness;
import dev.vbench.core.guest.SignalMasks;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.run.RunConfig;
import dev.vbench.core.syscalls.Syscall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which calls are Valgrind's start-up temporary files, and what they become. */
class ValgrindTempFilesTest {
    private static final String NAME = "/tmp/valgrind_proc_1000_cmdline_867a0ea6";
    /** VG_(mkstemp)'s open: O_CREAT|O_RDWR|O_EXCL|O_TRUNC, mode 0600. */
    private static final int MKSTEMP_FLAGS = 01302, MODE = 0600;

    private final GuestThread thread = new GuestTree(RunConfig.of(List.of("/bin/true"), List.of()),
            new VirtualClock(CostModel.DEFAULT, CounterBackend.NONE)).createRoot(50_000);
    private boolean startingUp = true;
    private final ValgrindTempFiles files = new ValgrindTempFiles(t -> startingUp);

    @AfterEach
    void end() {
        files.onRunEnd();
    }

    @Test
    void theStartUpOpenGetsAnUnnamedFileAndItsUnlinkIsAnsweredWithoutTheFileSystem() throws Exception {
        Call open = new Call(Syscall.OPEN, NAME, MKSTEMP_FLAGS, MODE);
        assertThat(files.onEntry(open)).isEqualTo(Disposition.AT_EXIT);
        String given = open.passed.get(open.args[0]);
        assertThat(given).as("a path to vbench's own memfd").startsWith("/proc/").contains("/fd/");
        assertThat(Files.readSymbolicLink(Path.of(given)).toString()).startsWith("/memfd:valgrind_proc_1000_cmdline_867a0ea6");
        assertThat(Files.getPosixFilePermissions(Path.of(given))).as("the mode Valgrind asked for")
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(open.args[1]).as("no O_CREAT or O_EXCL: the file exists").isEqualTo(02 | 01000);
        open.result = 3;
        files.onExit(open);
        assertThat(Files.exists(Path.of(given))).as("vbench's descriptor is closed once Valgrind has its own").isFalse();

        Call other = new Call(Syscall.UNLINK, "/tmp/valgrind_proc_1000_auxv_867a0ea6");
        assertThat(files.onEntry(other)).as("not the name given").isEqualTo(Disposition.PASS);
        Call unlink = new Call(Syscall.UNLINK, NAME);
        assertThat(files.onEntry(unlink)).isEqualTo(Disposition.EMULATED);
        assertThat(unlink.emulated).isZero();
        Call again = new Call(Syscall.UNLINK, NAME);
        assertThat(files.onEntry(again)).as("only once").isEqualTo(Disposition.PASS);
    }

    @Test
    void anyTmpdirAndAnyPartOfTheNameAreValgrinds() {
        for (String name : List.of("/home/u/t/valgrind_proc_1001_auxv_0544c483", "t/valgrind_proc_7_cmdline_ffffffff")) {
            Call open = new Call(Syscall.OPEN, name, MKSTEMP_FLAGS, MODE);
            assertThat(files.onEntry(open)).as(name).isEqualTo(Disposition.AT_EXIT);
            open.result = 3;
            files.onExit(open);
        }
    }

    @Test
    void otherOpensPassUntouched() {
        List<Call> others = List.of(
                new Call(Syscall.OPEN, NAME, 0, 0),                                   // another flag set
                new Call(Syscall.OPEN, NAME, MKSTEMP_FLAGS, 0644),                    // another mode
                new Call(Syscall.OPEN, "/tmp/valgrind_proc_1000_cmdline_867a0ea", MKSTEMP_FLAGS, MODE),
                new Call(Syscall.OPEN, "/tmp/valgrind_proc_1000_cmdline_867A0EA6", MKSTEMP_FLAGS, MODE),
                new Call(Syscall.OPEN, "/tmp/myvalgrind_x_867a0ea6", MKSTEMP_FLAGS, MODE),
                new Call(Syscall.UNLINK, NAME));                                      // nothing given yet
        for (Call c : others) {
            assertThat(files.onEntry(c)).as("%s %s %s", c.syscall, c.text, c.args[1]).isEqualTo(Disposition.PASS);
            assertThat(c.passed).isEmpty();
        }
    }

    @Test
    void theGuestsOwnCallsPassOnceItsCodeRuns() {
        startingUp = false;
        Call open = new Call(Syscall.OPEN, NAME, MKSTEMP_FLAGS, MODE);
        assertThat(files.onEntry(open)).isEqualTo(Disposition.PASS);
        assertThat(files.onEntry(new Call(Syscall.UNLINK, NAME))).isEqualTo(Disposition.PASS);
    }

    @Test
    void aFailedOpenLeavesItsNameToTheKernel() {
        Call open = new Call(Syscall.OPEN, NAME, MKSTEMP_FLAGS, MODE);
        assertThat(files.onEntry(open)).isEqualTo(Disposition.AT_EXIT);
        open.result = -24; // EMFILE
        files.onExit(open);
        assertThat(files.onEntry(new Call(Syscall.UNLINK, NAME))).isEqualTo(Disposition.PASS);
    }

    /** One call of {@link #thread} at its entry, with its path at PATH. */
    private final class Call implements Guest {
        private static final long PATH = 0x10000, PASSED = 0x20000;
        final Syscall syscall;
        final long[] args;
        final String text;
        final byte[] bytes;
        final Map<Long, String> passed = new HashMap<>();
        long result;
        Long emulated;

        Call(Syscall syscall, String path, long... rest) {
            this.syscall = syscall;
            this.text = path;
            this.bytes = (path + "\0").getBytes(StandardCharsets.UTF_8);
            this.args = new long[6];
            args[0] = PATH;
            System.arraycopy(rest, 0, args, 1, rest.length);
        }

        @Override public Syscall syscall() { return syscall; }
        @Override public long arg(int index) { return args[index]; }
        @Override public void setArg(int index, long value) { args[index] = value; }
        @Override public long result() { return result; }
        @Override public void setResult(long value) { result = value; }
        @Override public GuestThread thread() { return thread; }

        @Override
        public GuestMemory memory() {
            return new GuestMemory() {
                @Override
                public int read(long address, byte[] dst, int offset, int length) {
                    int from = (int) (address - PATH);
                    if (from < 0 || from >= bytes.length) {
                        return -1;
                    }
                    int n = Math.min(length, bytes.length - from);
                    System.arraycopy(bytes, from, dst, offset, n);
                    return n;
                }

                @Override
                public void write(long address, byte[] src, int offset, int length) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public long passString(String value) {
            long at = PASSED + passed.size();
            passed.put(at, value);
            return at;
        }

        @Override public Disposition emulate(long value) { emulated = value; return Disposition.EMULATED; }
        @Override public Disposition block(Wait wait, boolean exitHook) { throw new UnsupportedOperationException(); }
        @Override public Readiness probe(int fd, short events) { throw new UnsupportedOperationException(); }
        @Override public SignalMasks signalMasks() { return null; }
        @Override public void yieldCpu() {}
        @Override public ParkedThreads parked() { throw new UnsupportedOperationException(); }
    }
}
