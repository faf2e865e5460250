package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.ACCEPT;
import static dev.vbench.core.syscalls.Syscall.ACCEPT4;
import static dev.vbench.core.syscalls.Syscall.EPOLL_PWAIT;
import static dev.vbench.core.syscalls.Syscall.EPOLL_PWAIT2;
import static dev.vbench.core.syscalls.Syscall.EPOLL_WAIT;
import static dev.vbench.core.syscalls.Syscall.POLL;
import static dev.vbench.core.syscalls.Syscall.PPOLL;
import static dev.vbench.core.syscalls.Syscall.PSELECT6;
import static dev.vbench.core.syscalls.Syscall.READ;
import static dev.vbench.core.syscalls.Syscall.READV;
import static dev.vbench.core.syscalls.Syscall.RECVFROM;
import static dev.vbench.core.syscalls.Syscall.RECVMSG;
import static dev.vbench.core.syscalls.Syscall.SELECT;
import static dev.vbench.core.syscalls.Syscall.SENDMSG;
import static dev.vbench.core.syscalls.Syscall.SENDTO;
import static dev.vbench.core.syscalls.Syscall.WRITE;
import static dev.vbench.core.syscalls.Syscall.WRITEV;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.Bytes;
import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.FakeMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.Readiness;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.syscalls.Syscall;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls that could block on descriptors: pass when they cannot block, park on the right wait otherwise. */
class BlockingIoHandlerTest {
    private static final short POLLIN = 1, POLLOUT = 4;
    private static final int MSG_DONTWAIT = 0x40;
    private static final long MS = 1_000_000L;

    /** The one-descriptor calls, and the event each waits for (the descriptor is argument 0). */
    private static final Map<Syscall, Short> ONE_FD = Map.of(READ, POLLIN, READV, POLLIN, ACCEPT, POLLIN,
            ACCEPT4, POLLIN, RECVFROM, POLLIN, RECVMSG, POLLIN, WRITE, POLLOUT, WRITEV, POLLOUT, SENDTO, POLLOUT,
            SENDMSG, POLLOUT);

    private TestGuests world;
    private FakeGuest guest;
    private BlockingIoHandler io;
    private GuestThread a;
    private FakeMemory memory;

    @BeforeEach
    void setUp() {
        world = new TestGuests();
        guest = new FakeGuest(world);
        io = new BlockingIoHandler(world.tree(), new TimeBase(world.tree()));
        a = world.root();
        memory = guest.memoryOf(a.process());
    }

    private Disposition call(Syscall s, long... args) {
        return guest.call(a, s, args).enter(io);
    }

    private Wait.Descriptors parkedOn() {
        assertThat(guest.blockedOn()).isInstanceOf(Wait.Descriptors.class);
        assertThat(guest.exitHookWanted()).isFalse();
        return (Wait.Descriptors) guest.blockedOn();
    }

    private void assertParkedOn(int[] fds, short[] events, long deadline) {
        Wait.Descriptors d = parkedOn();
        assertThat(d.fds()).containsExactly(fds);
        assertThat(d.events()).containsExactly(events);
        assertThat(d.deadline()).isEqualTo(deadline);
    }

    /** An array of struct pollfd {int fd; short events; short revents}. */
    private long pollfds(int... fdAndEvents) {
        byte[] b = new byte[fdAndEvents.length / 2 * 8];
        for (int i = 0; i < fdAndEvents.length / 2; i++) {
            Bytes.putInt(b, i * 8, fdAndEvents[2 * i]);
            Bytes.putShort(b, i * 8 + 4, (short) fdAndEvents[2 * i + 1]);
        }
        return memory.allocate(b);
    }

    /** An fd_set of {@code words} longs with the given descriptors set. */
    private long fdSet(int words, int... fds) {
        long set = memory.allocate(8 * words);
        for (int fd : fds) {
            long at = set + 8L * (fd / 64);
            memory.writeLong(at, memory.readLong(at) | 1L << (fd % 64));
        }
        return set;
    }

    private long timeval(long seconds, long micros) {
        long t = memory.allocate(16);
        memory.writeLongs(t, seconds, micros);
        return t;
    }

    // --- read, write and the socket calls ---

    @Test
    void aLargeWriteToAPipeIsWrittenPieceByPieceAsTheReaderMakesRoomAndReturnsItsWholeLength() {
        world.threadIn(a.process());
        guest.setReadiness(a.process(), 5, Readiness.READY);
        guest.setPipeRoom(a.process(), 5, 65536);
        assertThat(call(WRITE, 5, 0x10000, 100_000)).isEqualTo(Disposition.BLOCK);
        assertThat(guest.retries()).as("parks, then makes the call again").isTrue();
        assertParkedOn(new int[] {5}, new short[] {POLLOUT}, Wait.NEVER);
        guest.scheduler().makeReady(a);
        assertThat(call(WRITE, 5, 0x10000, 100_000)).as("still full").isEqualTo(Disposition.BLOCK);
        guest.scheduler().makeReady(a);
        guest.setPipeRoom(a.process(), 5, 20_000); // the reader read some
        assertThat(call(WRITE, 5, 0x10000, 100_000)).isEqualTo(Disposition.BLOCK);
        guest.scheduler().makeReady(a);
        guest.setPipeRoom(a.process(), 5, 65536);
        assertThat(call(WRITE, 5, 0x10000, 100_000)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(100_000);
        assertThat(guest.pipeWrites).containsExactly("5@10000+65536", "5@20000+20000", "5@24e20+14464");
        guest.setPipeRoom(a.process(), 5, 1 << 20);
        assertThat(call(WRITE, 5, 0x10000, 100_000)).as("a new write of the same bytes starts anew")
                .isEqualTo(Disposition.EMULATED);
        assertThat(guest.pipeWrites).last().isEqualTo("5@10000+100000");
    }

    @Test
    void aLargeWriteBegunWithOthersAliveIsFinishedHereWhenTheThreadIsLeftAlone() {
        GuestThread reader = world.childProcess(a);
        guest.setPipeRoom(a.process(), 5, 65536);
        assertThat(call(WRITE, 5, 0x10000, 100_000)).isEqualTo(Disposition.BLOCK);
        guest.scheduler().makeReady(a);
        world.tree().unregister(reader); // the reader has gone
        guest.setPipeRoom(a.process(), 5, 65536);
        assertThat(call(WRITE, 5, 0x10000, 100_000)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(100_000);
        assertThat(call(WRITE, 5, 0x10000, 100_000)).as("a new write, alone: the kernel's").isEqualTo(Disposition.PASS);
    }

    @Test
    void aLargeWritevGoesPieceByPieceAcrossItsBuffersInOrder() {
        world.threadIn(a.process());
        guest.setPipeRoom(a.process(), 5, 65536);
        long iov = memory.allocate(48);
        memory.writeLongs(iov, 0x10000, 1000); // a small header, then two large buffers
        memory.writeLongs(iov + 16, 0x40000, 70000);
        memory.writeLongs(iov + 32, 0x80000, 30000);
        assertThat(call(WRITEV, 5, iov, 3)).isEqualTo(Disposition.BLOCK);
        assertThat(guest.retries()).isTrue();
        guest.scheduler().makeReady(a);
        guest.setPipeRoom(a.process(), 5, 1 << 20);
        assertThat(call(WRITEV, 5, iov, 3)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(101_000);
        assertThat(guest.pipeWrites).containsExactly("5@10000+1000", "5@40000+64536", "5@4fc18+5464", "5@80000+30000");
        guest.setPipeRoom(a.process(), 5, 1 << 20);
        memory.writeLongs(iov, 0x10000, 100);
        assertThat(call(WRITEV, 5, iov, 1)).as("PIPE_BUF bytes or fewer: the plain path").isEqualTo(Disposition.BLOCK);
        assertThat(guest.retries()).isFalse();
    }

    @Test
    void aLargeSendOnAConnectedStreamSocketGoesPieceByPieceToo() {
        world.threadIn(a.process());
        guest.setPipeRoom(a.process(), 6, 200_000); // a socket's send buffer
        assertThat(call(SENDTO, 6, 0x10000, 300_000, 0x4000 /* MSG_NOSIGNAL */, 0, 0)).isEqualTo(Disposition.BLOCK);
        assertThat(guest.retries()).isTrue();
        guest.scheduler().makeReady(a);
        guest.setPipeRoom(a.process(), 6, 200_000);
        assertThat(call(SENDTO, 6, 0x10000, 300_000, 0x4000, 0, 0)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(300_000);
        assertThat(guest.pipeWrites).containsExactly("6@10000+200000", "6@40d40+100000");
        assertThat(call(SENDTO, 6, 0x10000, 300_000, 0, 0x7000 /* an address */, 16)).as("sendto an address: plain")
                .isEqualTo(Disposition.BLOCK);
        assertThat(call(SENDTO, 6, 0x10000, 300_000, 0x8000 /* MSG_MORE */, 0, 0)).as("other flags: plain")
                .isEqualTo(Disposition.BLOCK);
        assertThat(guest.retries()).isFalse();
        assertThat(guest.pipeWrites).hasSize(2);
    }

    @Test
    void aLargeSendmsgWithoutAddressOrAncillaryDataGoesPieceByPieceOverItsIovecs() {
        world.threadIn(a.process());
        guest.setPipeRoom(a.process(), 6, 100_000);
        long iov = memory.allocate(32);
        memory.writeLongs(iov, 0x10000, 50_000);
        memory.writeLongs(iov + 16, 0x40000, 150_000);
        long msg = memory.allocate(64);
        msghdr(msg, 0, iov, 0); // no address, two buffers, no ancillary data
        assertThat(call(SENDMSG, 6, msg, 0x4000 /* MSG_NOSIGNAL */)).isEqualTo(Disposition.BLOCK);
        assertThat(guest.retries()).isTrue();
        guest.scheduler().makeReady(a);
        guest.setPipeRoom(a.process(), 6, 1 << 20);
        assertThat(call(SENDMSG, 6, msg, 0x4000)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(200_000);
        assertThat(guest.pipeWrites).containsExactly("6@10000+50000", "6@40000+50000", "6@4c350+100000");

        msghdr(msg, 0, iov, 24); // ancillary data (SCM_RIGHTS, say)
        assertThat(call(SENDMSG, 6, msg, 0)).as("with ancillary data: plain").isEqualTo(Disposition.BLOCK);
        msghdr(msg, 0x7000, iov, 0);
        assertThat(call(SENDMSG, 6, msg, 0)).as("to an address: plain").isEqualTo(Disposition.BLOCK);
        msghdr(msg, 0, iov, 0);
        assertThat(call(SENDMSG, 6, msg, 0x8000 /* MSG_MORE */)).as("other flags: plain").isEqualTo(Disposition.BLOCK);
        assertThat(guest.retries()).isFalse();
        assertThat(call(SENDMSG, 6, msg, MSG_DONTWAIT)).as("the guest's own non-blocking send").isEqualTo(Disposition.PASS);
        assertThat(guest.pipeWrites).hasSize(3);
    }

    /** struct msghdr at {@code msg}: an address (16 bytes if any), the two iovecs at {@code iov}, control data of {@code controllen}. */
    private void msghdr(long msg, long name, long iov, long controllen) {
        memory.writeLongs(msg, name, name == 0 ? 0 : 16);
        memory.writeLongs(msg + 16, iov, 2);
        memory.writeLongs(msg + 32, controllen == 0 ? 0 : 0x9000, controllen);
        memory.writeLongs(msg + 48, 0, 0);
    }

    @Test
    void aLargeWriteThatIsNoBlockingWriteToAPipeTakesThePlainPath() {
        world.threadIn(a.process());
        assertThat(call(WRITE, 6, 0x10000, 100_000)).as("a file, a socket: parked until writable")
                .isEqualTo(Disposition.BLOCK);
        assertThat(guest.retries()).isFalse();
        guest.setReadiness(a.process(), 7, Readiness.NON_BLOCKING);
        guest.setPipeRoom(a.process(), 7, 10);
        assertThat(call(WRITE, 7, 0x10000, 100_000)).as("the guest's own O_NONBLOCK").isEqualTo(Disposition.PASS);
        guest.setPipeRoom(a.process(), 8, 10);
        assertThat(call(WRITE, 8, 0x10000, 4096)).as("PIPE_BUF bytes never block once writable")
                .isEqualTo(Disposition.BLOCK);
        assertThat(guest.retries()).isFalse();
        assertThat(guest.pipeWrites).isEmpty();
    }

    @Test
    void aLoneThreadsReadsAndWritesGoStraightToTheKernel() {
        for (Syscall s : ONE_FD.keySet()) {
            assertThat(call(s, 3, 0, 0, 0)).as("%s", s).isEqualTo(Disposition.PASS);
        }
        assertThat(guest.scheduler().parked()).isEmpty();
    }

    @Test
    void withAnotherThreadAliveACallOnADescriptorThatIsNotReadyParksForItsEvent() {
        world.threadIn(a.process());
        ONE_FD.forEach((s, event) -> {
            assertThat(call(s, 3, 0, 0, 0)).as("%s", s).isEqualTo(Disposition.BLOCK);
            assertParkedOn(new int[] {3}, new short[] {event}, Wait.NEVER);
            assertThat(parkedOn().polls()).as("a non-blocking descriptor lets %s through", s).isFalse();
        });
    }

    @Test
    void aThreadOfAnotherProcessCountsAsAnotherThreadToo() {
        world.childProcess(a);
        assertThat(call(READ, 0, 0, 0)).isEqualTo(Disposition.BLOCK);
        assertParkedOn(new int[] {0}, new short[] {POLLIN}, Wait.NEVER);
    }

    @Test
    void aReadyDescriptorParksToBeCheckedAgainWhenChosenANonBlockingOneNeverParks() {
        world.threadIn(a.process());
        guest.setReadiness(a.process(), 3, Readiness.READY);
        guest.setReadiness(a.process(), 4, Readiness.NON_BLOCKING);
        for (Syscall s : ONE_FD.keySet()) {
            // released at the next scheduling point; another thread chosen first may take the data
            assertThat(call(s, 3, 0, 0, 0)).as("%s on a ready fd", s).isEqualTo(Disposition.BLOCK);
            assertThat(call(s, 4, 0, 0, 0)).as("%s on a non-blocking fd", s).isEqualTo(Disposition.PASS);
        }
    }

    @Test
    void msgDontwaitInTheFlagsArgumentNeverParks() {
        world.threadIn(a.process());
        assertThat(call(RECVFROM, 3, 0, 100, MSG_DONTWAIT, 0, 0)).isEqualTo(Disposition.PASS);
        assertThat(call(SENDTO, 3, 0, 100, MSG_DONTWAIT, 0, 0)).isEqualTo(Disposition.PASS);
        assertThat(call(RECVMSG, 3, 0, MSG_DONTWAIT)).isEqualTo(Disposition.PASS);
        assertThat(call(SENDMSG, 3, 0, MSG_DONTWAIT)).isEqualTo(Disposition.PASS);
        // the same bit elsewhere (a length of 0x40) is no flag
        assertThat(call(RECVFROM, 3, 0, MSG_DONTWAIT, 0, 0, 0)).isEqualTo(Disposition.BLOCK);
        assertThat(call(RECVMSG, 3, MSG_DONTWAIT, 0)).isEqualTo(Disposition.BLOCK);
    }

    // --- poll, ppoll ---

    @Test
    void pollOnDescriptorsThatAreNotReadyParksOnThemIgnoringNegativeOnesUntilTheTimeout() {
        world.clock().advance(5);
        long fds = pollfds(5, POLLIN, -1, POLLIN, 7, POLLOUT | POLLIN, -9, POLLOUT);
        assertThat(call(POLL, fds, 4, 250)).isEqualTo(Disposition.BLOCK);
        assertParkedOn(new int[] {5, 7}, new short[] {POLLIN, POLLOUT | POLLIN}, 5 + 250 * MS);
    }

    @Test
    void pollParksEvenWhenADescriptorIsReadyOrNonBlocking() {
        // released at the next scheduling point; another thread chosen first may take the data
        guest.setReadiness(a.process(), 7, Readiness.READY);
        guest.setReadiness(a.process(), 5, Readiness.NON_BLOCKING);
        assertThat(call(POLL, pollfds(5, POLLIN, 7, POLLOUT), 2, -1)).isEqualTo(Disposition.BLOCK);
        assertParkedOn(new int[] {5, 7}, new short[] {POLLIN, POLLOUT}, Wait.NEVER);
        assertThat(parkedOn().polls()).as("O_NONBLOCK is no readiness for poll").isTrue();
    }

    @Test
    void pollWithAZeroTimeoutNeverBlocksAndANegativeOneWaitsForever() {
        long fds = pollfds(5, POLLIN);
        assertThat(call(POLL, fds, 1, 0)).isEqualTo(Disposition.PASS);
        assertThat(call(POLL, fds, 1, -1)).isEqualTo(Disposition.BLOCK);
        assertThat(parkedOn().deadline()).isEqualTo(Wait.NEVER);
        assertThat(call(POLL, fds, 1, -7)).isEqualTo(Disposition.BLOCK);
        assertThat(parkedOn().deadline()).isEqualTo(Wait.NEVER);
    }

    @Test
    void pollOnNoDescriptorsIsASleep() {
        assertThat(call(POLL, 0, 0, 100)).isEqualTo(Disposition.BLOCK); // poll(NULL, 0, 100)
        assertParkedOn(new int[0], new short[0], 100 * MS);
    }

    @Test
    void pollOnAnUnreadableArrayIsEfault() {
        assertThat(call(POLL, 0xdead_0000L, 2, 10)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.EFAULT);
    }

    @Test
    void ppollTakesATimespecAndLeavesAnInvalidOneToTheKernel() {
        long fds = pollfds(5, POLLIN);
        world.clock().advance(11);
        assertThat(call(PPOLL, fds, 1, memory.allocateTimespec(1_500_000_000L), 0, 8)).isEqualTo(Disposition.BLOCK);
        assertParkedOn(new int[] {5}, new short[] {POLLIN}, 11 + 1_500_000_000L);
        assertThat(call(PPOLL, fds, 1, 0, 0, 8)).as("no timeout").isEqualTo(Disposition.BLOCK);
        assertThat(parkedOn().deadline()).isEqualTo(Wait.NEVER);
        assertThat(call(PPOLL, fds, 1, memory.allocateTimespec(0), 0, 8)).isEqualTo(Disposition.PASS);
        assertThat(call(PPOLL, fds, 1, memory.allocateTimespec(0, 1_000_000_000L), 0, 8))
                .as("the kernel answers EINVAL").isEqualTo(Disposition.PASS);
        assertThat(call(PPOLL, fds, 1, memory.allocateTimespec(-1, 0), 0, 8)).isEqualTo(Disposition.PASS);
    }

    // --- select, pselect6 ---

    @Test
    void selectParksOnTheReadSetForInputAndTheWriteSetForRoomButNotOnTheExceptionSet() {
        world.clock().advance(3);
        long read = fdSet(2, 3, 65, 70); // 70 is beyond nfds
        long write = fdSet(2, 4);
        long except = fdSet(2, 6);
        assertThat(call(SELECT, 70, read, write, except, timeval(2, 500_000))).isEqualTo(Disposition.BLOCK);
        assertParkedOn(new int[] {3, 65, 4}, new short[] {POLLIN, POLLIN, POLLOUT}, 3 + 2_500_000_000L);
    }

    @Test
    void selectParksEvenWhenADescriptorOfEitherSetIsReady() {
        guest.setReadiness(a.process(), 4, Readiness.READY);
        assertThat(call(SELECT, 8, fdSet(1, 3), fdSet(1, 4), 0, 0)).isEqualTo(Disposition.BLOCK);
        assertParkedOn(new int[] {3, 4}, new short[] {POLLIN, POLLOUT}, Wait.NEVER);
        assertThat(parkedOn().polls()).isTrue();
    }

    @Test
    void selectTimeouts() {
        long read = fdSet(1, 3);
        assertThat(call(SELECT, 4, read, 0, 0, 0)).as("none").isEqualTo(Disposition.BLOCK);
        assertThat(parkedOn().deadline()).isEqualTo(Wait.NEVER);
        assertThat(call(SELECT, 4, read, 0, 0, timeval(0, 0))).as("zero: a poll").isEqualTo(Disposition.PASS);
        assertThat(call(SELECT, 4, read, 0, 0, timeval(0, 1_000_000))).as("invalid: the kernel's EINVAL")
                .isEqualTo(Disposition.PASS);
        assertThat(call(SELECT, 4, read, 0, 0, timeval(-1, 0))).isEqualTo(Disposition.PASS);
        assertThat(call(SELECT, 4, read, 0, 0, timeval(0, 7))).isEqualTo(Disposition.BLOCK);
        assertThat(parkedOn().deadline()).isEqualTo(7_000);
    }

    @Test
    void selectWithNoSetsIsASleep() {
        assertThat(call(SELECT, 0, 0, 0, 0, timeval(1, 0))).isEqualTo(Disposition.BLOCK);
        assertParkedOn(new int[0], new short[0], 1_000_000_000L);
    }

    @Test
    void pselect6TakesATimespec() {
        long read = fdSet(1, 9);
        assertThat(call(PSELECT6, 10, read, 0, 0, memory.allocateTimespec(1_234), 0)).isEqualTo(Disposition.BLOCK);
        assertParkedOn(new int[] {9}, new short[] {POLLIN}, 1_234);
        assertThat(call(PSELECT6, 10, read, 0, 0, memory.allocateTimespec(0), 0)).isEqualTo(Disposition.PASS);
        assertThat(call(PSELECT6, 10, read, 0, 0, memory.allocateTimespec(0, -5), 0)).isEqualTo(Disposition.PASS);
    }

    @Test
    void theSignalMaskOfPselect6PpollAndEpollPwaitIsKeptForTheWait() {
        long sigset = memory.allocate(8);
        memory.writeLong(sigset, 0x4_0000L);
        long pselectMask = memory.allocate(16);
        memory.writeLongs(pselectMask, sigset, 8); // {const sigset_t *ss; size_t ss_len}
        call(PSELECT6, 10, fdSet(1, 9), 0, 0, 0, pselectMask);
        assertThat(parkedOn().maskDuringWait()).isEqualTo(0x4_0000L);
        call(PPOLL, pollfds(5, POLLIN), 1, 0, sigset, 8);
        assertThat(parkedOn().maskDuringWait()).isEqualTo(0x4_0000L);
        call(EPOLL_PWAIT, 7, 0, 1, -1, sigset, 8);
        assertThat(parkedOn().maskDuringWait()).isEqualTo(0x4_0000L);
        call(PPOLL, pollfds(5, POLLIN), 1, 0, 0, 8);
        assertThat(parkedOn().maskDuringWait()).as("no mask: the thread's own").isEqualTo(-1);
        long noSet = memory.allocate(16);
        call(PSELECT6, 10, fdSet(1, 9), 0, 0, 0, noSet);
        assertThat(parkedOn().maskDuringWait()).as("a NULL ss").isEqualTo(-1);
    }

    @Test
    void selectOnAnUnreadableSetIsEfault() {
        assertThat(call(SELECT, 4, 0xdead_0000L, 0, 0, 0)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.EFAULT);
    }

    // --- epoll ---

    @Test
    void epollWaitParksOnTheEpollDescriptorBecomingReadable() {
        world.clock().advance(1);
        assertThat(call(EPOLL_WAIT, 8, 0, 16, 30)).isEqualTo(Disposition.BLOCK);
        assertParkedOn(new int[] {8}, new short[] {POLLIN}, 1 + 30 * MS);
        assertThat(call(EPOLL_PWAIT, 8, 0, 16, -1, 0, 8)).isEqualTo(Disposition.BLOCK);
        assertParkedOn(new int[] {8}, new short[] {POLLIN}, Wait.NEVER);
        assertThat(call(EPOLL_WAIT, 8, 0, 16, 0)).as("zero timeout").isEqualTo(Disposition.PASS);
        assertThat(call(EPOLL_PWAIT, 8, 0, 16, 0, 0, 8)).isEqualTo(Disposition.PASS);
        guest.setReadiness(a.process(), 8, Readiness.READY);
        assertThat(call(EPOLL_WAIT, 8, 0, 16, -1)).as("ready: checked again when chosen").isEqualTo(Disposition.BLOCK);
        assertThat(parkedOn().polls()).isTrue();
    }

    @Test
    void epollPwait2TakesItsTimespecFromArgument3() {
        long zero = memory.allocateTimespec(0);
        assertThat(call(EPOLL_PWAIT2, 8, 0, 16, zero, 0, 8)).as("a zero timeout polls").isEqualTo(Disposition.PASS);
        assertThat(call(EPOLL_PWAIT2, 8, 0, 16, memory.allocateTimespec(2_000), 0, 8)).isEqualTo(Disposition.BLOCK);
        assertParkedOn(new int[] {8}, new short[] {POLLIN}, 2_000);
        assertThat(call(EPOLL_PWAIT2, 8, 0, 16, 0, memory.allocate(8), 8)).isEqualTo(Disposition.BLOCK);
        assertThat(parkedOn().deadline()).as("no timeout, whatever the sigmask").isEqualTo(Wait.NEVER);
        assertThat(call(EPOLL_PWAIT2, 8, 0, 16, memory.allocateTimespec(0, 1_000_000_000L), 0, 8))
                .as("invalid: the kernel's EINVAL").isEqualTo(Disposition.PASS);
    }
}
