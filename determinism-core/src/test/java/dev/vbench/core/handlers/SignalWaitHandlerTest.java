package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.PAUSE;
import static dev.vbench.core.syscalls.Syscall.RT_SIGSUSPEND;
import static dev.vbench.core.syscalls.Syscall.RT_SIGTIMEDWAIT;
import static dev.vbench.core.syscalls.Syscall.SCHED_YIELD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.FakeMemory;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.SignalMasks;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.sched.Scheduler;
import dev.vbench.core.syscalls.Syscall;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * pause, rt_sigsuspend and rt_sigtimedwait park on the right signal wait (WaitCheckerTest covers
 * what ends it); sched_yield ends the caller's slice.
 */
class SignalWaitHandlerTest {
    private static final int SIGUSR1 = 10, SIGUSR2 = 12, SIGTERM = 15;

    private TestGuests world;
    private FakeGuest guest;
    private SignalWaitHandler signals;
    private GuestThread a;
    private FakeMemory memory;

    @BeforeEach
    void setUp() {
        world = new TestGuests();
        guest = new FakeGuest(world);
        signals = new SignalWaitHandler(world.tree(), new TimeBase(world.tree()));
        a = world.root();
        memory = guest.memoryOf(a.process());
    }

    private Disposition call(GuestThread t, Syscall s, long... args) {
        return guest.call(t, s, args).enter(signals);
    }

    private long sigset(long bits) {
        long set = memory.allocate(8);
        memory.writeLong(set, bits);
        return set;
    }

    @Test
    void schedYieldReturnsZeroAndEndsTheCallersSliceSoAnotherReadyThreadRuns() {
        GuestThread b = world.threadIn(a.process());
        Scheduler s = guest.scheduler();
        guest.call(b, SCHED_YIELD); // admits b
        s.makeReady(a);
        s.makeReady(b);
        assertThat(s.pickNext()).isEqualTo(a);
        s.stopped(a);
        s.makeReady(a);
        assertThat(s.pickNext()).as("without a yield, a keeps its slice").isEqualTo(a);
        s.stopped(a);

        assertThat(call(a, SCHED_YIELD)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isZero();
        assertThat(guest.yielded).containsExactly(a);
        s.makeReady(a);
        assertThat(s.pickNext()).isEqualTo(b);
    }

    @Test
    void pauseParksUntilASignalUnderTheThreadsOwnMask() {
        assertThat(call(a, PAUSE)).isEqualTo(Disposition.BLOCK);
        assertThat(guest.blockedOn()).isEqualTo(new Wait.Signal(-1, 0, Wait.NEVER));
        assertThat(guest.exitHookWanted()).isFalse();
        assertThat(guest.scheduler().parked()).containsExactly(a);
    }

    @Test
    void sigsuspendParksUnderTheMaskItPasses() {
        long mask = SignalMasks.bit(SIGUSR1) | SignalMasks.bit(SIGTERM);
        assertThat(call(a, RT_SIGSUSPEND, sigset(mask), 8)).isEqualTo(Disposition.BLOCK);
        assertThat(guest.blockedOn()).isEqualTo(new Wait.Signal(mask, 0, Wait.NEVER));
        assertThat(call(a, RT_SIGSUSPEND, sigset(0), 8)).isEqualTo(Disposition.BLOCK);
        assertThat(guest.blockedOn()).as("an empty mask is a mask, not 'the thread's own'")
                .isEqualTo(new Wait.Signal(0, 0, Wait.NEVER));
    }

    @Test
    void sigsuspendWithAnUnreadableMaskIsEfault() {
        assertThat(call(a, RT_SIGSUSPEND, 0xdead_0000L, 8)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.EFAULT);
        assertThat(guest.scheduler().parked()).isEmpty();
    }

    @Test
    void sigtimedwaitParksOnItsSetWithoutATimeoutOrUntilItsTimeoutInVirtualTime() {
        long set = SignalMasks.bit(SIGUSR1) | SignalMasks.bit(SIGUSR2);
        assertThat(call(a, RT_SIGTIMEDWAIT, sigset(set), 0, 0, 8)).isEqualTo(Disposition.BLOCK);
        assertThat(guest.blockedOn()).isEqualTo(new Wait.Signal(-1, set, Wait.NEVER));

        world.clock().advance(40);
        assertThat(call(a, RT_SIGTIMEDWAIT, sigset(set), 0, memory.allocateTimespec(2_000_000_001L), 8))
                .isEqualTo(Disposition.BLOCK);
        assertThat(guest.blockedOn()).isEqualTo(new Wait.Signal(-1, set, 40 + 2_000_000_001L));
    }

    @Test
    void sigtimedwaitReturnsAtOnceWhenASignalOfItsSetIsPendingButNotForAnotherPendingSignal() {
        long set = SignalMasks.bit(SIGUSR1);
        guest.setSignalMasks(a, new SignalMasks(SignalMasks.bit(SIGUSR1), set, 0, 0));
        assertThat(call(a, RT_SIGTIMEDWAIT, sigset(set), 0, 0, 8)).isEqualTo(Disposition.AT_EXIT);

        guest.setSignalMasks(a, new SignalMasks(SignalMasks.bit(SIGUSR2), set, 0, 0));
        assertThat(call(a, RT_SIGTIMEDWAIT, sigset(set), 0, 0, 8)).isEqualTo(Disposition.BLOCK);
    }

    @Test
    void sigtimedwaitLetsTheKernelDecideWhenTheMasksCannotBeRead() {
        guest.setSignalMasks(a, null);
        assertThat(call(a, RT_SIGTIMEDWAIT, sigset(SignalMasks.bit(SIGUSR1)), 0, 0, 8)).isEqualTo(Disposition.AT_EXIT);
    }

    @Test
    void sigtimedwaitWithAZeroTimeoutIsAPollForTheKernel() {
        assertThat(call(a, RT_SIGTIMEDWAIT, sigset(SignalMasks.bit(SIGUSR1)), 0, memory.allocateTimespec(0), 8))
                .isEqualTo(Disposition.AT_EXIT);
        assertThat(guest.scheduler().parked()).isEmpty();
    }

    @Test
    void theSiginfoSigtimedwaitReturnsNamesTheSenderByItsVirtualPid() {
        GuestThread sender = world.childProcess(a);
        long set = SignalMasks.bit(SIGUSR1);
        long info = memory.allocate(128);
        assertThat(call(a, RT_SIGTIMEDWAIT, sigset(set), info, 0, 8)).isEqualTo(Disposition.BLOCK);
        assertThat(guest.exitHookWanted()).as("the siginfo is corrected at the call's exit").isTrue();
        // the kernel took SIGUSR1 sent by kill(): SI_USER, the sender's real pid and uid
        memory.writeInt(info, SIGUSR1);
        memory.writeInt(info + 8, 0);
        memory.writeInt(info + 16, sender.process().pid());
        memory.writeInt(info + 20, 4242);
        guest.exit(signals, SIGUSR1);
        assertThat(memory.readInt(info + 16)).isEqualTo(sender.process().vpid());
        assertThat(memory.readInt(info + 20)).as("the guest's uid").isZero();

        // a signal the kernel raised itself (si_code > 0, not SIGCHLD) names no process: left as it is
        memory.writeInt(info + 8, 1);
        memory.writeInt(info + 16, 77);
        guest.exit(signals, SIGUSR1);
        assertThat(memory.readInt(info + 16)).isEqualTo(77);
    }

    @Test
    void sigtimedwaitWithAnInvalidTimeoutIsEinvalAndWithBadPointersEfault() {
        long set = sigset(SignalMasks.bit(SIGUSR1));
        for (long[] bad : new long[][] {{0, 1_000_000_000L}, {0, -1}, {-1, 0}}) {
            assertThat(call(a, RT_SIGTIMEDWAIT, set, 0, memory.allocateTimespec(bad[0], bad[1]), 8))
                    .isEqualTo(Disposition.EMULATED);
            assertThat(guest.returned()).isEqualTo(-Errno.EINVAL);
        }
        assertThat(call(a, RT_SIGTIMEDWAIT, set, 0, 0xdead_0000L, 8)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.EFAULT);
        assertThat(call(a, RT_SIGTIMEDWAIT, 0xdead_0000L, 0, 0, 8)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.returned()).isEqualTo(-Errno.EFAULT);
        assertThat(guest.scheduler().parked()).isEmpty();
    }
}
