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
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** readlink and readlinkat of /proc links: virtual pids in, virtual pids out, truncated as the kernel does. */
class LinkHandlerTest {
    private static final int AT_FDCWD = -100;

    private TestGuests world;
    private FakeGuest guest;
    private LinkHandler links;
    private FakeMemory memory;
    private long buf;

    /** A guest whose root has real pid {@code rootReal} and a second thread with {@code threadReal}. */
    private GuestThread start(int rootReal, int threadReal) {
        world = new TestGuests();
        GuestThread root = world.tree().createRoot(rootReal);
        world.tree().createChild(root, threadReal, true);
        guest = new FakeGuest(world);
        links = new LinkHandler(new ProcPaths(world.tree()));
        memory = guest.memoryOf(root.process());
        buf = memory.allocate(4096);
        return root;
    }

    private GuestThread start() {
        return start(1001, 1002);
    }

    /**
     * readlink(path, buf, size) where the kernel finds {@code realTarget}: returns what the guest
     * reads in its buffer (as many bytes as the call returns).
     */
    private String readlink(GuestThread t, String path, int size, String realTarget, boolean at) {
        long p = memory.allocateString(path);
        Disposition d = at ? guest.call(t, READLINKAT, AT_FDCWD, p, buf, size).enter(links)
                : guest.call(t, READLINK, p, buf, size).enter(links);
        assertThat(d).isEqualTo(Disposition.AT_EXIT);
        byte[] target = realTarget.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(target.length, size); // the kernel truncates silently
        memory.write(buf, target, 0, n);
        guest.exit(links, n);
        byte[] out = new byte[(int) guest.returned()];
        memory.readFully(buf, out, 0, out.length);
        return new String(out, StandardCharsets.UTF_8);
    }

    private String readlink(GuestThread t, String path, String realTarget) {
        return readlink(t, path, 4096, realTarget, false);
    }

    @Test
    void procSelfReadsAsTheVirtualPid() {
        GuestThread a = start();
        assertThat(readlink(a, "/proc/self", "1001")).isEqualTo("1000");
        assertThat(guest.returned()).isEqualTo(4);
        assertThat(readlink(a, "/proc/self", 4096, "1001", true)).as("readlinkat").isEqualTo("1000");
    }

    @Test
    void procThreadSelfReadsAsVirtualPidAndTid() {
        GuestThread a = start();
        GuestThread b = a.process().threads().get(1);
        assertThat(readlink(b, "/proc/thread-self", "1001/task/1002")).isEqualTo("1000/task/1001");
    }

    @Test
    void aDescriptorLinkToAProcPathGetsTheVirtualPid() {
        GuestThread a = start();
        assertThat(readlink(a, "/proc/self/fd/3", "/proc/1001/status")).isEqualTo("/proc/1000/status");
        assertThat(guest.returned()).isEqualTo(17);
        assertThat(readlink(a, "/proc/self/fd/4", "/proc/1002")).isEqualTo("/proc/1001");
    }

    @Test
    void targetsThatNameNoGuestPidStayAsTheKernelWroteThem() {
        GuestThread a = start();
        assertThat(readlink(a, "/proc/self/fd/0", "pipe:[4026]")).isEqualTo("pipe:[4026]");
        assertThat(readlink(a, "/proc/self/fd/1", "/tmp/out")).isEqualTo("/tmp/out");
        assertThat(readlink(a, "/proc/self/fd/2", "/proc/77/status")).isEqualTo("/proc/77/status");
        assertThat(readlink(a, "/proc/self/cwd", "/proc")).isEqualTo("/proc");
    }

    @Test
    void aProcPathNamingAVirtualPidIsReadAtTheRealOne() {
        GuestThread a = start();
        long p = memory.allocateString("/proc/1001/exe");
        assertThat(guest.call(a, READLINK, p, buf, 4096).enter(links)).isEqualTo(Disposition.AT_EXIT);
        assertThat(memory.readPath(guest.arg(0))).as("thread 1001 is real 1002").isEqualTo("/proc/1002/exe");
        p = memory.allocateString("/proc/1000/cwd");
        assertThat(guest.call(a, READLINKAT, AT_FDCWD, p, buf, 4096).enter(links)).isEqualTo(Disposition.AT_EXIT);
        assertThat(memory.readPath(guest.arg(1))).isEqualTo("/proc/1001/cwd");
        assertThat(guest.arg(0)).isEqualTo(AT_FDCWD);
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
        assertThat(readlink(a, "/proc/self", 3, "42", false)).isEqualTo("100");
        assertThat(guest.returned()).isEqualTo(3);
        a = start(123_456, 123_457);
        assertThat(readlink(a, "/proc/self/fd/5", "/proc/123456/maps")).isEqualTo("/proc/1000/maps");
        assertThat(guest.returned()).isEqualTo(15);
    }

    @Disabled("bug: when the kernel truncated the real target (buffer shorter than it), the handler translates "
            + "the truncated text, fails to recognize the pid and hands the guest a prefix of the real pid")
    @Test
    void aTargetTheKernelTruncatedStillShowsOnlyTheVirtualPid() {
        GuestThread a = start(12_345, 12_346);
        assertThat(readlink(a, "/proc/self", 4, "12345", false)).isEqualTo("1000");
    }

    @Test
    void aFailedReadlinkIsLeftAlone() {
        GuestThread a = start();
        guest.call(a, READLINK, memory.allocateString("/proc/self/fd/9"), buf, 4096).enter(links);
        guest.exit(links, -Errno.ENOENT);
        assertThat(guest.returned()).isEqualTo(-Errno.ENOENT);
    }
}
