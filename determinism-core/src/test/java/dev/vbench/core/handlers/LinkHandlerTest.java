package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.READLINK;
import static dev.vbench.core.syscalls.Syscall.READLINKAT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.FakeMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.nativ.Errno;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * readlink and readlinkat of /proc links: the supervisor reads the link at the real path (the
 * guest's /proc/self is the guest's, not the supervisor's) and answers with virtual pids, cut to
 * the guest's buffer as the kernel cuts it.
 */
class LinkHandlerTest {
    private static final int AT_FDCWD = -100;

    private TestGuests world;
    private FakeGuest guest;
    private FakeHostFiles host;
    private LinkHandler links;
    private FakeMemory memory;
    private long buf;

    /** A guest whose root has real pid {@code rootReal} and a second thread with {@code threadReal}. */
    private GuestThread start(int rootReal, int threadReal) {
        world = new TestGuests();
        GuestThread root = world.tree().createRoot(rootReal);
        world.tree().createChild(root, threadReal, true);
        guest = new FakeGuest(world);
        host = new FakeHostFiles();
        links = new LinkHandler(new ProcPaths(world.tree()), host, new FileIdentity(0, () -> 0));
        memory = guest.memoryOf(root.process());
        buf = memory.allocate(4096);
        return root;
    }

    private GuestThread start() {
        return start(1001, 1002);
    }

    /** readlink(path, buf, size) where the host's link at {@code realPath} holds {@code realTarget}: what the guest reads. */
    private String readlink(GuestThread t, String path, int size, String realPath, String realTarget, boolean at) {
        host.link(realPath, realTarget);
        long p = memory.allocateString(path);
        Disposition d = at ? guest.call(t, READLINKAT, AT_FDCWD, p, buf, size).enter(links)
                : guest.call(t, READLINK, p, buf, size).enter(links);
        assertThat(d).isEqualTo(Disposition.EMULATED);
        byte[] out = new byte[(int) guest.returned()];
        memory.readFully(buf, out, 0, out.length);
        return new String(out, StandardCharsets.UTF_8);
    }

    private String readlink(GuestThread t, String path, String realPath, String realTarget) {
        return readlink(t, path, 4096, realPath, realTarget, false);
    }

    @Test
    void procSelfReadsAsTheVirtualPid() {
        GuestThread a = start();
        assertThat(readlink(a, "/proc/self", "/proc/1001", "1001")).isEqualTo("1000");
        assertThat(guest.returned()).isEqualTo(4);
        assertThat(readlink(a, "/proc/self", 4096, "/proc/1001", "1001", true)).as("readlinkat").isEqualTo("1000");
    }

    @Test
    void procThreadSelfIsTheCallingThreadsAndReadsAsVirtualPidAndTid() {
        GuestThread a = start();
        GuestThread b = a.process().threads().get(1);
        assertThat(readlink(b, "/proc/thread-self", "/proc/1001/task/1002", "1001/task/1002"))
                .isEqualTo("1000/task/1001");
    }

    @Test
    void aDescriptorLinkToAProcPathGetsTheVirtualPid() {
        GuestThread a = start();
        assertThat(readlink(a, "/proc/self/fd/3", "/proc/1001/fd/3", "/proc/1001/status")).isEqualTo("/proc/1000/status");
        assertThat(guest.returned()).isEqualTo(17);
        assertThat(readlink(a, "/proc/self/fd/4", "/proc/1001/fd/4", "/proc/1002")).isEqualTo("/proc/1001");
        assertThat(readlink(a, "/proc/self/fd/5", "/proc/1001/fd/5", "/proc/1002/task/1002/io")).as("and its tid")
                .isEqualTo("/proc/1001/task/1001/io");
    }

    @Test
    void targetsThatNameNoGuestPidStayAsTheyAre() {
        GuestThread a = start();
        assertThat(readlink(a, "/proc/self/fd/1", "/proc/1001/fd/1", "/tmp/out")).isEqualTo("/tmp/out");
        assertThat(readlink(a, "/proc/self/fd/2", "/proc/1001/fd/2", "/proc/77/status")).isEqualTo("/proc/77/status");
        assertThat(readlink(a, "/proc/self/cwd", "/proc/1001/cwd", "/proc")).isEqualTo("/proc");
    }

    /** The real inode of a pipe, a socket or an unnamed file differs on every run: the guest's fstat's is shown. */
    @Test
    void objectsWithoutANameReadWithTheInodeTheGuestsFstatShows() {
        GuestThread a = start();
        host.stat("/proc/1001/fd/3", new HostFiles.Stat(12, 4026, 0, 0));
        host.stat("/proc/1001/fd/4", new HostFiles.Stat(13, 77, 0, 0));
        host.stat("/proc/1001/fd/1", new HostFiles.Stat(8, 2148802, 0, 0));
        assertThat(readlink(a, "/proc/self/fd/3", "/proc/1001/fd/3", "pipe:[4026]")).isEqualTo("pipe:[1000]");
        assertThat(readlink(a, "/proc/self/fd/4", "/proc/1001/fd/4", "socket:[77]")).isEqualTo("socket:[1001]");
        assertThat(readlink(a, "/proc/self/fd/5", "/proc/1001/fd/5", "pipe:[4026]")).as("gone: no real inode either")
                .isEqualTo("pipe:[0]");
        assertThat(readlink(a, "/proc/self/fd/1", "/proc/1001/fd/1", "/tmp/#2148802 (deleted)"))
                .isEqualTo("/tmp/#1002 (deleted)");
        assertThat(readlink(a, "/proc/self/fd/3", "/proc/1001/fd/3", "pipe:[4026]")).as("the same object, the same inode")
                .isEqualTo("pipe:[1000]");
        assertThat(readlink(a, "/proc/self/fd/6", "/proc/1001/fd/6", "anon_inode:[eventfd]")).isEqualTo("anon_inode:[eventfd]");
    }

    /** find /proc/self/fd opens the directory and reads each link by name, relative to it. */
    @Test
    void aNameReadFromADirectoryOfProcIsTranslatedAsItsWholePath() {
        GuestThread a = start();
        host.link("/proc/1001/fd/5", "/proc/1001/fd"); // descriptor 5: the directory /proc/self/fd
        host.stat("/proc/1001/fd/3", new HostFiles.Stat(12, 4026, 0, 0));
        host.link("/proc/1001/fd/3", "pipe:[4026]");
        host.link("/proc/1001/fd/4", "/proc/1001/fd");
        long name = memory.allocateString("3");
        assertThat(guest.call(a, READLINKAT, 5, name, buf, 4096).enter(links)).isEqualTo(Disposition.EMULATED);
        byte[] out = new byte[(int) guest.returned()];
        memory.readFully(buf, out, 0, out.length);
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("pipe:[1000]");
        long four = memory.allocateString("4");
        assertThat(guest.call(a, READLINKAT, 5, four, buf, 4096).enter(links)).isEqualTo(Disposition.EMULATED);
        out = new byte[(int) guest.returned()];
        memory.readFully(buf, out, 0, out.length);
        assertThat(new String(out, StandardCharsets.UTF_8)).as("no real pid either").isEqualTo("/proc/1000/fd");

        host.link("/proc/1001/fd/6", "/home/u");
        long plain = memory.allocateString("link");
        assertThat(guest.call(a, READLINKAT, 6, plain, buf, 4096).enter(links)).as("a directory outside /proc: the kernel's")
                .isEqualTo(Disposition.PASS);
        assertThat(guest.arg(1)).isEqualTo(plain);
    }

    @Test
    void aProcPathNamingAVirtualPidIsReadAtTheRealOne() {
        GuestThread a = start();
        assertThat(readlink(a, "/proc/1001/exe", "/proc/1002/exe", "/usr/bin/x")).as("thread 1001 is real 1002")
                .isEqualTo("/usr/bin/x");
        assertThat(host.lastLink).isEqualTo("/proc/1002/exe");
        assertThat(readlink(a, "/proc/1000/cwd", 4096, "/proc/1001/cwd", "/work", true)).isEqualTo("/work");
        assertThat(host.lastLink).isEqualTo("/proc/1001/cwd");
    }

    @Test
    void aProcPidTheGuestNeverHadIsEnoentNotTheHostsProcess() {
        GuestThread a = start();
        long p = memory.allocateString("/proc/4242/exe");
        assertThat(guest.call(a, READLINK, p, buf, 4096).enter(links)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.ENOENT);
        assertThat(host.lastLink).as("the host's /proc/4242 is never read").isNull();
    }

    @Test
    void aProcPathThatIsNoLinkGoesToTheKernelAtItsRealPath() {
        GuestThread a = start();
        long p = memory.allocateString("/proc/self/status");
        assertThat(guest.call(a, READLINK, p, buf, 4096).enter(links)).isEqualTo(Disposition.PASS);
        assertThat(memory.readPath(guest.arg(0))).as("the kernel answers EINVAL for the guest's own file")
                .isEqualTo("/proc/1001/status");
    }

    @Test
    void pathsOutsideProcGoStraightToTheKernel() {
        GuestThread a = start();
        long p = memory.allocateString("/usr/bin/cc");
        assertThat(guest.call(a, READLINK, p, buf, 4096).enter(links)).isEqualTo(Disposition.PASS);
        assertThat(guest.arg(0)).isEqualTo(p);
        assertThat(guest.call(a, READLINK, 0xdead_0000L, buf, 4096).enter(links)).as("unreadable: the kernel's EFAULT")
                .isEqualTo(Disposition.PASS);
    }

    @Test
    void aLongerVirtualTargetIsTruncatedToTheBufferAndAShorterOneShortensTheResult() {
        GuestThread a = start(42, 43);
        assertThat(readlink(a, "/proc/self", 3, "/proc/42", "42", false)).isEqualTo("100");
        assertThat(guest.returned()).isEqualTo(3);
        a = start(123_456, 123_457);
        assertThat(readlink(a, "/proc/self/fd/5", "/proc/123456/fd/5", "/proc/123456/maps")).isEqualTo("/proc/1000/maps");
        assertThat(guest.returned()).isEqualTo(15);
    }

    @Test
    void aTargetLongerThanTheBufferStillShowsOnlyTheVirtualPid() {
        GuestThread a = start(12_345, 12_346);
        assertThat(readlink(a, "/proc/self", 4, "/proc/12345", "12345", false)).isEqualTo("1000");
    }

    @Test
    void aBufferOfNoSizeIsEinvalAndABadBufferEfault() {
        GuestThread a = start();
        host.link("/proc/1001", "1001");
        long p = memory.allocateString("/proc/self");
        guest.call(a, READLINK, p, buf, 0).enter(links);
        assertThat(guest.returned()).isEqualTo(-Errno.EINVAL);
        guest.call(a, READLINK, p, 0xdead_0000L, 64).enter(links);
        assertThat(guest.returned()).isEqualTo(-Errno.EFAULT);
    }
}
