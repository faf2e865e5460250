package dev.vbench.core.handlers;

import static dev.vbench.core.handlers.FakeHostFiles.entry;
import static dev.vbench.core.syscalls.Syscall.GETDENTS;
import static dev.vbench.core.syscalls.Syscall.GETDENTS64;
import static dev.vbench.core.syscalls.Syscall.LSEEK;
import static dev.vbench.core.syscalls.Syscall.OPEN;
import static dev.vbench.core.syscalls.Syscall.OPENAT;
import static dev.vbench.core.syscalls.Syscall.OPENAT2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.Bytes;
import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.FakeMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.handlers.HostFiles.FileKey;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.run.RunConfig;
import dev.vbench.core.syscalls.Syscall;
import dev.vbench.core.util.SplitMix64;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Directory listings (sorted, whole, with their cursors, never inherited by a reused descriptor
 * number) and the redirection of opens, over a fake host.
 */
class FileHandlerTest {
    private static final int DT_DIR = 4, DT_REG = 8;
    private static final int O_DIRECTORY = 0200000;
    private static final int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;
    private static final int AT_FDCWD = -100;
    private static final FileKey DIR = new FileKey(2049, 77), OTHER_DIR = new FileKey(2049, 78),
            PLAIN_FILE = new FileKey(2049, 79);
    /** The directory as the file system returns it, in no useful order. */
    private static final HostFiles.RawEntry[] UNSORTED = {entry(30, DT_REG, "b"), entry(2, DT_DIR, ".."),
        entry(10, DT_REG, "a"), entry(40, DT_REG, "B"), entry(50, DT_REG, "é"), entry(1, DT_DIR, "."),
        entry(20, DT_REG, "a.txt")};
    /** The same sorted by bytes (strcmp in the C locale): 'B' < 'a', 'é' (0xc3 0xa9) last. */
    private static final List<String> SORTED = List.of(".", "..", "B", "a", "a.txt", "b", "é");

    private record Dirent(long ino, long off, int type, String name) {}

    private TestGuests world;
    private FakeHostFiles host;
    private FakeGuest guest;
    private FileHandler files;
    private GuestThread a;
    private FakeMemory memory;
    private long buffer;

    /** vbench's own output, which the guest must not see in its directory. */
    private static final java.util.List<String> HIDDEN = java.util.List.of("/work/result.json");

    @BeforeEach
    void setUp() {
        world = new TestGuests();
        a = world.root();
        host = new FakeHostFiles();
        guest = new FakeGuest(world);
        RunConfig config = world.tree().config();
        TimeBase time = new TimeBase(world.tree());
        files = new FileHandler(new VirtualFiles(new MachineView(config), time::monotonic),
                new FileIdentity(config.epochNanos(), world.clock()::elapsedNanos), new ProcPaths(world.tree()),
                new ProcFiles(world.tree()), host,
                InputLog.of(world.tree()), HIDDEN);
        memory = guest.memoryOf(a.process());
        buffer = memory.allocate(64 * 1024);
        host.openDirectory(5, DIR, UNSORTED);
    }

    private Disposition call(GuestThread t, Syscall s, long... args) {
        return guest.call(t, s, args).enter(files);
    }

    private long emulated(Syscall s, long... args) {
        assertThat(call(a, s, args)).as("%s answered by the supervisor", s).isEqualTo(Disposition.EMULATED);
        return guest.returned();
    }

    /** getdents64 (or getdents) of {@code fd} into a buffer of {@code size}: the records it returned. */
    private List<Dirent> getdents(int fd, int size, boolean dirent64) {
        long n = emulated(dirent64 ? GETDENTS64 : GETDENTS, fd, buffer, size);
        assertThat(n).as("bytes returned").isBetween(0L, (long) size);
        byte[] b = new byte[(int) n];
        memory.readFully(buffer, b, 0, b.length);
        List<Dirent> out = new ArrayList<>();
        for (int at = 0; at < n; ) {
            int reclen = Bytes.getShort(b, at + 16) & 0xffff;
            int nameAt = at + (dirent64 ? 19 : 18);
            int end = nameAt;
            while (b[end] != 0) {
                end++;
            }
            int type = dirent64 ? b[at + 18] : b[at + reclen - 1];
            out.add(new Dirent(Bytes.getLong(b, at), Bytes.getLong(b, at + 8), type,
                    new String(b, nameAt, end - nameAt, StandardCharsets.UTF_8)));
            at += reclen;
        }
        return out;
    }

    private List<Dirent> getdents64(int fd, int size) {
        return getdents(fd, size, true);
    }

    private static List<String> names(List<Dirent> entries) {
        return entries.stream().map(Dirent::name).toList();
    }

    // --- getdents ---

    @Test
    void getdents64ReturnsTheWholeDirectorySortedByBytesWithVirtualInodesAndCookies() {
        List<Dirent> all = getdents64(5, 4096);
        assertThat(names(all)).isEqualTo(SORTED);
        assertThat(all).extracting(Dirent::ino).as("numbered in sorted order, from 1000")
                .containsExactly(1000L, 1001L, 1002L, 1003L, 1004L, 1005L, 1006L);
        assertThat(all).extracting(Dirent::off).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(all).extracting(Dirent::type).containsExactly(DT_DIR, DT_DIR, DT_REG, DT_REG, DT_REG, DT_REG, DT_REG);
        assertThat(getdents64(5, 4096)).as("then the end").isEmpty();
        assertThat(host.lastTid).as("asked with the caller's real tid").isEqualTo(a.tid());
    }

    @Test
    void legacyGetdentsGivesTheSameEntriesWithTheTypeInTheLastByte() {
        List<Dirent> all = getdents(5, 4096, false);
        assertThat(names(all)).isEqualTo(SORTED);
        assertThat(all.get(1)).isEqualTo(new Dirent(1001, 2, DT_DIR, ".."));
        assertThat(all.get(6)).isEqualTo(new Dirent(1006, 7, DT_REG, "é"));
    }

    @Test
    void everyBufferSizeYieldsTheSameStreamFromOneReadOfTheHostDirectory() {
        for (int size = 32; size <= 200; size += 8) { // 32: the longest record ("a.txt")
            List<Dirent> stream = new ArrayList<>();
            for (List<Dirent> part = getdents64(5, size); !part.isEmpty(); part = getdents64(5, size)) {
                stream.addAll(part);
            }
            assertThat(names(stream)).as("buffer of %d", size).isEqualTo(SORTED);
            assertThat(stream.get(6).ino()).isEqualTo(1006);
            emulated(LSEEK, 5, 0, SEEK_SET);
        }
        assertThat(host.listings).isEqualTo(1);
    }

    @Test
    void aBufferTooSmallForTheNextEntryIsEinvalAndLosesNothing() {
        assertThat(emulated(GETDENTS64, 5, buffer, 16)).isEqualTo(-Errno.EINVAL);
        assertThat(emulated(GETDENTS64, 5, buffer, 0)).isEqualTo(-Errno.EINVAL);
        assertThat(names(getdents64(5, 24))).containsExactly(".");
        assertThat(emulated(GETDENTS64, 5, buffer, 8)).isEqualTo(-Errno.EINVAL);
        assertThat(names(getdents64(5, 4096))).isEqualTo(SORTED.subList(1, 7));
    }

    @Test
    void getdentsIntoAnUnwritableBufferIsEfault() {
        assertThat(emulated(GETDENTS64, 5, 0xdead_0000L, 4096)).isEqualTo(-Errno.EFAULT);
    }

    @Test
    void getdentsThatFaultedLosesNoEntry() {
        assertThat(emulated(GETDENTS64, 5, 0xdead_0000L, 4096)).isEqualTo(-Errno.EFAULT);
        assertThat(names(getdents64(5, 4096))).isEqualTo(SORTED);
    }

    @Test
    void aDescriptorThatIsNoDirectoryGoesToTheKernel() {
        host.openFile(6, PLAIN_FILE);
        assertThat(call(a, GETDENTS64, 6, buffer, 4096)).isEqualTo(Disposition.PASS);
        assertThat(call(a, GETDENTS, 9, buffer, 4096)).as("not open").isEqualTo(Disposition.PASS);
    }

    // --- lseek: rewinddir, telldir, seekdir ---

    @Test
    void lseekToZeroRewindsTheListing() {
        getdents64(5, 4096);
        assertThat(emulated(LSEEK, 5, 0, SEEK_SET)).isZero();
        assertThat(names(getdents64(5, 4096))).isEqualTo(SORTED);
        assertThat(host.listings).as("the same listing, not read again").isEqualTo(1);
    }

    @Test
    void aCookieFromDOffResumesAfterItsEntryAndTheCurrentPositionIsTheLastCookie() {
        List<Dirent> first = getdents64(5, 24 * 3); // ".", "..", "B"
        assertThat(names(first)).containsExactly(".", "..", "B");
        assertThat(emulated(LSEEK, 5, 0, SEEK_CUR)).as("telldir").isEqualTo(first.get(2).off());
        getdents64(5, 4096);
        assertThat(emulated(LSEEK, 5, first.get(1).off(), SEEK_SET)).as("seekdir").isEqualTo(2);
        assertThat(names(getdents64(5, 4096))).isEqualTo(SORTED.subList(2, 7));
        assertThat(emulated(LSEEK, 5, 4, SEEK_SET)).isEqualTo(4);
        assertThat(emulated(LSEEK, 5, 2, SEEK_CUR)).isEqualTo(6);
        assertThat(names(getdents64(5, 4096))).containsExactly("é");
    }

    @Test
    void seekingPastTheEndGivesTheEndAndBadSeeksAreEinval() {
        getdents64(5, 24);
        assertThat(emulated(LSEEK, 5, 100, SEEK_SET)).isEqualTo(100);
        assertThat(getdents64(5, 4096)).isEmpty();
        assertThat(emulated(LSEEK, 5, -1, SEEK_SET)).isEqualTo(-Errno.EINVAL);
        assertThat(emulated(LSEEK, 5, 0, SEEK_END)).isEqualTo(-Errno.EINVAL);
        emulated(LSEEK, 5, 3, SEEK_SET);
        assertThat(emulated(LSEEK, 5, -4, SEEK_CUR)).isEqualTo(-Errno.EINVAL);
        assertThat(emulated(LSEEK, 5, 0, SEEK_CUR)).as("a refused seek leaves the cursor").isEqualTo(3);
    }

    @Test
    void lseekOnADescriptorWithoutAListingGoesToTheKernel() {
        host.openFile(6, PLAIN_FILE);
        assertThat(call(a, LSEEK, 6, 0, SEEK_SET)).isEqualTo(Disposition.PASS);
        assertThat(call(a, LSEEK, 5, 0, SEEK_SET)).as("a directory not listed yet").isEqualTo(Disposition.PASS);
    }

    // --- descriptor numbers reused ---

    @Test
    void aNumberReusedForAnotherFileDoesNotGetTheOldListing() {
        getdents64(5, 24);
        host.close(5);
        host.openFile(5, PLAIN_FILE); // close + open, or dup2: calls vbench does not stop on
        assertThat(call(a, LSEEK, 5, 0, SEEK_SET)).isEqualTo(Disposition.PASS);
        assertThat(call(a, GETDENTS64, 5, buffer, 4096)).isEqualTo(Disposition.PASS);
    }

    @Test
    void aNumberReusedForAnotherDirectoryListsThatOneFromItsStart() {
        getdents64(5, 24);
        host.openDirectory(5, OTHER_DIR, entry(9, DT_REG, "z"), entry(8, DT_REG, "y"));
        assertThat(names(getdents64(5, 4096))).containsExactly("y", "z");
        assertThat(host.listings).isEqualTo(2);
    }

    @Test
    void aClosedNumberLosesItsListing() {
        getdents64(5, 24);
        host.close(5);
        assertThat(call(a, LSEEK, 5, 0, SEEK_SET)).isEqualTo(Disposition.PASS);
    }

    @Test
    void theSameDirectoryOpenedAnewAtTheSameNumberStartsFromItsFirstEntry() {
        getdents64(5, 24);
        long path = memory.allocateString("/tmp/d");
        assertThat(call(a, OPENAT, AT_FDCWD, path, O_DIRECTORY, 0)).isEqualTo(Disposition.AT_EXIT);
        guest.exit(files, 5);
        assertThat(guest.returned()).isEqualTo(5);
        assertThat(names(getdents64(5, 4096))).isEqualTo(SORTED);
    }

    @Test
    void aNewProgramImageStartsWithoutListings() {
        getdents64(5, 24);
        files.onExec(a.process());
        assertThat(names(getdents64(5, 4096))).isEqualTo(SORTED);
    }

    // --- opens ---

    /** Opens {@code path} (open, or openat when {@code at}) and returns the path the kernel is given. */
    private String openedPath(String path, boolean at, Disposition expected) {
        long p = memory.allocateString(path);
        Disposition d = at ? call(a, OPENAT, AT_FDCWD, p, 0, 0) : call(a, OPEN, p, 0, 0);
        assertThat(d).as("open of %s", path).isEqualTo(expected);
        return memory.readPath(guest.arg(at ? 1 : 0));
    }

    /** The content of the in-memory file an open of {@code path} was redirected to. */
    private byte[] redirected(String path, boolean at) throws IOException {
        String target = openedPath(path, at, Disposition.AT_EXIT);
        assertThat(target).as("a memfd of vbench").matches("/proc/" + ProcessHandle.current().pid() + "/fd/\\d+");
        byte[] content = Files.readAllBytes(Path.of(target));
        guest.exit(files, 3); // the guest has its descriptor: vbench closes its own
        assertThat(guest.returned()).isEqualTo(3);
        return content;
    }

    private String redirectedText(String path) throws IOException {
        return new String(redirected(path, false), StandardCharsets.UTF_8);
    }

    @Test
    void machineFilesAreRedirectedToTheVirtualMachinesVersions() throws IOException {
        MachineView machine = new MachineView(world.tree().config());
        assertThat(redirectedText("/proc/cpuinfo")).isEqualTo(machine.cpuinfo()).contains("processor\t: 3\n")
                .doesNotContain("processor\t: 4\n");
        assertThat(redirectedText("/proc/meminfo")).startsWith("MemTotal:        8388608 kB\n");
        assertThat(redirectedText("/sys/devices/system/cpu/online")).isEqualTo("0-3\n");
        assertThat(redirectedText("/sys/devices/system/cpu/possible")).isEqualTo("0-3\n");
        assertThat(redirectedText("/sys/devices/system/cpu/present")).isEqualTo("0-3\n");
        assertThat(redirectedText("/proc/sys/kernel/hostname")).isEqualTo("vbench\n");
        assertThat(redirectedText("/proc/sys/kernel/random/boot_id")).isEqualTo("6b2b0f5e-0c1d-4f3a-9a53-7e6a9d1c0b00\n");
        world.childProcess(a);
        assertThat(redirectedText("/proc/loadavg")).as("the latest pid last").isEqualTo("0.00 0.00 0.00 1/1 1001\n");
        assertThat(redirectedText("/proc/sys/kernel/ns_last_pid")).isEqualTo("1001\n");
        world.clock().advance(1_239_000_000L);
        assertThat(redirectedText("/proc/uptime")).isEqualTo("61.23 61.23\n");
        // 4 CPUs; the guest ran 1.23 s on CPU 0 of 61.23 s of uptime; booted 60 s before the epoch
        long boot = world.tree().config().epochNanos() / 1_000_000_000L - 60;
        assertThat(redirectedText("/proc/stat")).isEqualTo(
                "cpu  123 0 0 24369 0 0 0 0 0 0\n"
                + "cpu0 123 0 0 6000 0 0 0 0 0 0\ncpu1 0 0 0 6123 0 0 0 0 0 0\n"
                + "cpu2 0 0 0 6123 0 0 0 0 0 0\ncpu3 0 0 0 6123 0 0 0 0 0 0\n"
                + "intr 0\nctxt 0\nbtime " + boot + "\nprocesses " + world.tree().tasksCreated()
                + "\nprocs_running 1\nprocs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n");
        assertThat(new String(redirected("/proc/cpuinfo", true), StandardCharsets.UTF_8)).as("through openat")
                .isEqualTo(machine.cpuinfo());
    }

    /** The host's versions count what all its processes did: the virtual machine's count nothing. */
    @Test
    void countersOfTheHostsActivityAreRedirectedToTheVirtualMachinesVersions() throws IOException {
        MachineView machine = new MachineView(world.tree().config());
        MemoryStatistics memory = new MemoryStatistics(machine);
        KernelCounters counters = new KernelCounters(machine);
        Map<String, String> expected = Map.ofEntries(Map.entry("/proc/vmstat", memory.vmstat()),
                Map.entry("/proc/zoneinfo", memory.zoneinfo()), Map.entry("/proc/buddyinfo", memory.buddyinfo()),
                Map.entry("/proc/interrupts", counters.interrupts()), Map.entry("/proc/softirqs", counters.softirqs()),
                Map.entry("/proc/diskstats", counters.diskstats()), Map.entry("/proc/net/dev", counters.netDev()),
                Map.entry("/proc/net/snmp", counters.netSnmp()), Map.entry("/proc/sys/fs/file-nr", counters.fileNr()),
                Map.entry("/proc/sys/fs/file-max", "838860\n"), Map.entry("/proc/sys/fs/inode-nr", "0\t0\n"),
                Map.entry("/proc/sys/fs/dentry-state", "0\t0\t45\t0\t0\t0\n"),
                Map.entry("/proc/sys/kernel/random/entropy_avail", "256\n"));
        for (Map.Entry<String, String> file : expected.entrySet()) {
            assertThat(redirectedText(file.getKey())).as(file.getKey()).isEqualTo(file.getValue());
        }
        assertThat(redirectedText("/proc/self/net/dev")).as("a process's view").isEqualTo(counters.netDev());
        assertThat(redirectedText("/proc/1000/task/1000/net/snmp")).as("a thread's view").isEqualTo(counters.netSnmp());
        for (String resource : List.of("cpu", "io", "memory")) {
            assertThat(redirectedText("/proc/pressure/" + resource)).as(resource).isEqualTo(
                    "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        }
    }

    @Test
    void aRedirectedOpenThatNeverReturnsHasItsFileClosedWhenTheRunEnds() {
        String target = openedPath("/proc/cpuinfo", false, Disposition.AT_EXIT);
        assertThat(Files.exists(Path.of(target))).isTrue();
        files.onRunEnd(); // the guest was killed in the open: its exit never comes
        assertThat(Files.exists(Path.of(target))).as("vbench's descriptor is not left open").isFalse();
    }

    @Test
    void eachOpenOfARandomDeviceYieldsOneMibOfTheOpeningThreadsSeededStream() throws IOException {
        SplitMix64 expected = SplitMix64.stream(RunConfig.DEFAULT_SEED, a.vtid());
        byte[] first = new byte[1 << 20];
        byte[] second = new byte[1 << 20];
        expected.nextBytes(first, 0, first.length);
        expected.nextBytes(second, 0, second.length);
        assertThat(redirected("/dev/urandom", false)).isEqualTo(first);
        assertThat(redirected("/dev/random", true)).as("the stream goes on").isEqualTo(second);
    }

    @Test
    void theKernelsRandomUuidIsAVersion4UuidFromTheSeededStream() throws IOException {
        String uuid = redirectedText("/proc/sys/kernel/random/uuid");
        assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\n");
        byte[] raw = new byte[16];
        SplitMix64.stream(RunConfig.DEFAULT_SEED, a.vtid()).nextBytes(raw, 0, 16);
        assertThat(uuid).startsWith(String.format("%02x%02x", raw[0], raw[1]));
    }

    @Test
    void procPathsOfAVirtualPidAreRewrittenToTheRealOne() {
        assertThat(openedPath("/proc/1000/status", false, Disposition.PASS)).isEqualTo("/proc/1001/status");
        assertThat(openedPath("/proc/1000", true, Disposition.PASS)).isEqualTo("/proc/1001");
        assertThat(openedPath("/proc/1000/task/1000/environ", false, Disposition.PASS)).as("a thread's")
                .isEqualTo("/proc/1001/task/1001/environ");
        long p = memory.allocateString("/proc/1000/fd");
        assertThat(call(a, OPENAT, AT_FDCWD, p, O_DIRECTORY, 0)).isEqualTo(Disposition.AT_EXIT);
        assertThat(memory.readPath(guest.arg(1))).isEqualTo("/proc/1001/fd");
        guest.exit(files, 7);
    }

    @Test
    void otherPathsAreLeftAsTheyAre() {
        assertThat(openedPath("/proc/self/maps", false, Disposition.PASS)).as("the guest's own, at its real pid")
                .isEqualTo("/proc/" + a.tid() + "/maps");
        assertThat(openedPath("/etc/passwd", true, Disposition.PASS)).isEqualTo("/etc/passwd");
        assertThat(openedPath("proc/cpuinfo", false, Disposition.PASS)).as("relative").isEqualTo("proc/cpuinfo");
        assertThat(openedPath("/proc/cpuinfo/", false, Disposition.PASS)).isEqualTo("/proc/cpuinfo/");
        assertThat(call(a, OPEN, 0xdead_0000L, 0, 0)).as("unreadable: the kernel's EFAULT").isEqualTo(Disposition.PASS);
    }

    @Test
    void openat2IsRefusedSoLibcFallsBackToOpenat() {
        assertThat(emulated(OPENAT2, AT_FDCWD, memory.allocateString("/proc/cpuinfo"), 0, 24)).isEqualTo(-Errno.ENOSYS);
    }

    // --- what the guest reads, and what it must not see ---

    @Test
    void vbenchsOwnOutputIsHiddenFromTheListingOfItsDirectory() {
        host.openDirectory(7, OTHER_DIR, entry(40, DT_REG, "result.json"), entry(41, DT_REG, "main.c"),
                entry(42, DT_DIR, "."), entry(43, DT_DIR, ".."));
        host.pathOf(7, "/work");
        assertThat(getdents64(7, 4096)).extracting(Dirent::name).containsExactly(".", "..", "main.c");
        assertThat(InputLog.of(world.tree()).hidden()).containsExactly("/work/result.json");
    }

    @Test
    void theInputLogRecordsEachListingAndEachFileOpenedForReading() {
        host.pathOf(5, "/src");
        getdents64(5, 4096);
        host.describeAs("/src/a.txt", "10 bytes, modified 2026-01-01T00:00:00Z");
        host.describeAs("/src/out.txt", "3 bytes, modified 2026-01-01T00:00:00Z");
        call(a, OPENAT, -100, memory.allocateString("/src/a.txt"), 0 /* O_RDONLY */, 0);
        call(a, OPENAT, -100, memory.allocateString("/src/out.txt"), 1 | 0100 /* O_WRONLY|O_CREAT */, 0644);
        call(a, OPENAT, -100, memory.allocateString("/proc/self/stat"), 0, 0);

        InputLog log = InputLog.of(world.tree());
        assertThat(log.entries()).containsOnlyKeys("dir /src", "file /src/a.txt");
        assertThat(log.entries().get("file /src/a.txt")).isEqualTo("10 bytes, modified 2026-01-01T00:00:00Z");
        assertThat(log.entries().get("dir /src")).startsWith(UNSORTED.length + " entries");
        String digest = log.digest();
        host.describeAs("/src/a.txt", "11 bytes, modified 2026-01-01T00:00:01Z");
        call(a, OPENAT, -100, memory.allocateString("/src/a.txt"), 0, 0);
        assertThat(log.digest()).as("a changed input changes the digest").isNotEqualTo(digest);
    }

    @Test
    void aListingOfProcIsNoInput() {
        host.openDirectory(8, OTHER_DIR, entry(40, DT_REG, "0"), entry(41, DT_REG, "1"));
        host.pathOf(8, "/proc/4242/fd"); // /proc/self/fd, at the real pid: xargs's closefrom
        getdents64(8, 4096);
        assertThat(InputLog.of(world.tree()).entries()).isEmpty();
    }

    @Test
    void aFileTheRunWritesIsItsOwnProductAndNoInputWhenReadBack() {
        host.describeAs("/tmp/cc1.s", "absent");
        host.describeAs("/work/f.o", "absent");
        // mkstemp: the name's absence is what the run found; the assembler then reads the file back
        call(a, OPENAT, -100, memory.allocateString("/tmp/cc1.s"), 2 | 0100 | 0200 /* O_RDWR|O_CREAT|O_EXCL */, 0600);
        host.describeAs("/tmp/cc1.s", "480 bytes, modified 2026-12-06T23:23:50.1Z");
        call(a, OPENAT, -100, memory.allocateString("/tmp/cc1.s"), 0, 0);
        // written only, then read by the linker with the time it was written
        call(a, OPENAT, -100, memory.allocateString("/work/f.o"), 1 | 0100 | 01000 /* O_WRONLY|O_CREAT|O_TRUNC */, 0644);
        host.describeAs("/work/f.o", "1120 bytes, modified 2026-12-06T23:23:50.4Z");
        call(a, OPENAT, -100, memory.allocateString("/work/f.o"), 0, 0);

        assertThat(InputLog.of(world.tree()).entries()).containsExactly(Map.entry("file /tmp/cc1.s", "absent"));
    }

    @Test
    void aRelativePathIsLoggedAgainstTheThreadsWorkingDirectory() {
        host.link("/proc/" + a.tid() + "/cwd", "/home/b");
        host.describeAs("/home/b/data", "absent");
        call(a, OPEN, memory.allocateString("data"), 0, 0);
        assertThat(InputLog.of(world.tree()).entries()).containsEntry("file /home/b/data", "absent");
    }

    // --- /proc as the guest sees it ---

    @Test
    void aProcPidTheGuestNeverHadNamesNothing() {
        assertThat(emulated(OPENAT, AT_FDCWD, memory.allocateString("/proc/4242/status"), 0, 0)).isEqualTo(-Errno.ENOENT);
    }

    /** Reads what the guest would read from {@code path} when the host's file holds {@code real}. */
    private String procFile(String path, String realPath, String real) {
        host.text(realPath, real);
        assertThat(call(a, OPENAT, AT_FDCWD, memory.allocateString(path), 0, 0)).isEqualTo(Disposition.AT_EXIT);
        String redirected = memory.readPath(guest.arg(1));
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(redirected));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            guest.exit(files, 3);
        }
    }

    @Test
    void procSelfStatShowsVirtualIdsAndVirtualTimes() {
        world.clock().charge(a, 250_000_000); // 25 ticks of CPU time
        int real = a.tid();
        String stat = real + " (my prog) R 77 " + real + " 55 34816 " + real + " 4194304 99 0 0 0 3 2 5 6 20 0 1 0 572281 "
                + "3133440 394 18446744073709551615 1 2 3 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        String out = procFile("/proc/self/stat", "/proc/" + real + "/stat", stat);
        String[] f = out.substring(out.lastIndexOf(')') + 2).trim().split(" ");
        assertThat(out).startsWith("1000 (my prog) R ");
        assertThat(f[1]).as("ppid outside the guest").isEqualTo("1");
        assertThat(f[2]).as("pgrp").isEqualTo("1000");
        assertThat(f[3]).as("session outside").isEqualTo("1");
        assertThat(f[5]).as("tpgid: no terminal").isEqualTo("-1");
        assertThat(f[11]).as("utime in ticks of virtual time").isEqualTo("25");
        assertThat(new String[] {f[12], f[13], f[14]}).containsOnly("0");
        assertThat(f[19]).as("starttime: the boot uptime at its creation").isEqualTo("6000");
        assertThat(f[36]).as("processor").isEqualTo("0");
        assertThat(f).hasSize(stat.substring(stat.lastIndexOf(')') + 2).split(" ").length);
    }

    @Test
    void procStatusShowsVirtualIdsAndNoTracer() {
        int real = a.tid();
        String status = "Name:\tx\nTgid:\t" + real + "\nNgid:\t0\nPid:\t" + real + "\nPPid:\t77\nTracerPid:\t4321\n"
                + "Uid:\t0\t0\t0\t0\nNSpid:\t" + real + "\nSigQ:\t0/1\n";
        String out = procFile("/proc/1000/status", "/proc/" + real + "/status", status);
        assertThat(out).contains("Tgid:\t1000\n", "Pid:\t1000\n", "PPid:\t1\n", "TracerPid:\t0\n", "NSpid:\t1000\n",
                "SigQ:\t0/1\n", "Name:\tx\n");
    }

    @Test
    void aListingOfProcShowsTheGuestsProcessesUnderTheirVirtualIds() {
        GuestThread child = world.childProcess(a);
        world.threadIn(a.process());
        host.openDirectory(9, OTHER_DIR, entry(1, DT_DIR, "1"), entry(2, DT_DIR, Integer.toString(a.tid())),
                entry(3, DT_DIR, Integer.toString(child.tid())), entry(4, DT_DIR, "4242"), entry(5, DT_REG, "cpuinfo"),
                entry(6, DT_DIR, "self"));
        host.pathOf(9, "/proc");
        assertThat(getdents64(9, 4096)).extracting(Dirent::name).containsExactly("1000", "1001", "cpuinfo", "self");
    }
}
