package dev.vbench.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.FakeMemory;
import dev.vbench.core.guest.GuestProcess;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.Readiness;
import dev.vbench.core.guest.SignalMasks;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.handlers.FakeHostFiles;
import dev.vbench.core.handlers.FakeHostProcesses;
import dev.vbench.core.handlers.HandlerTable;
import dev.vbench.core.handlers.IntervalTimers;
import dev.vbench.core.handlers.StandardHandlers;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.sched.Scheduler;
import dev.vbench.core.syscalls.Syscall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What ends a parked thread's wait at a scheduling point: signals (by the masks in force), deadlines
 * in virtual time (with the result the kernel would give), ready descriptors, exited children; and
 * ITIMER_REAL firing SIGALRM. Timers are armed through the real handlers; the host is a fake.
 */
class WaitCheckerTest {
    private static final long NANOS = 1_000_000_000L;
    private static final int SIGUSR1 = 10, SIGUSR2 = 12, SIGALRM = 14, SIGTERM = 15, SIGCHLD = 17, SIGWINCH = 28;
    private static final short POLLIN = 1, POLLOUT = 4;
    private static final long NO_MASK = -1;

    /** The host as the checker asks it: readiness and masks set by the test, signals recorded. */
    private static final class FakeHost implements WaitChecker.Host {
        final Map<String, Readiness> readiness = new HashMap<>();
        final Map<GuestThread, SignalMasks> masks = new HashMap<>();
        final List<String> probes = new ArrayList<>();
        final List<String> sent = new ArrayList<>();

        void ready(GuestProcess p, int fd, Readiness r) {
            readiness.put(p.vpid() + ":" + fd, r);
        }

        @Override
        public Readiness readiness(GuestThread thread, int fd, short events, boolean polls) {
            GuestProcess process = thread.process();
            probes.add(process.vpid() + ":" + fd + "/" + events);
            Readiness r = readiness.getOrDefault(process.vpid() + ":" + fd, Readiness.NOT_READY);
            return polls && r == Readiness.NON_BLOCKING ? Readiness.NOT_READY : r; // set: non-blocking, not ready
        }

        /** Descriptors ("vpid:fd") whose flock is held elsewhere; a try on any other takes it. */
        final java.util.Set<String> heldLocks = new java.util.HashSet<>();
        final List<String> lockTries = new ArrayList<>();

        @Override
        public int tryLock(GuestThread thread, int fd, int operation) {
            String key = thread.process().vpid() + ":" + fd;
            lockTries.add(key);
            return heldLocks.contains(key) ? -dev.vbench.core.nativ.Errno.EWOULDBLOCK : 0;
        }

        /** Signals another thread of the process took: no longer pending for anyone. */
        long taken;

        /** As the kernel: a signal sent and not yet taken by a thread is pending. */
        @Override
        public SignalMasks signalMasks(GuestThread thread) {
            SignalMasks m = masks.containsKey(thread) ? masks.get(thread) : new SignalMasks(0, 0, 0, 0);
            if (m == null) {
                return null; // unreadable
            }
            return new SignalMasks((m.pending() | thread.incomingSignals()) & ~taken, m.blocked(), m.ignored(), m.caught());
        }

        @Override
        public void sendTimerSignal(GuestProcess process, GuestThread thread, int timerId,
                IntervalTimers.Delivery delivery) {
            sent.add(process.vpid() + ":" + delivery.signal());
        }
    }

    private TestGuests world;
    private FakeGuest guest;
    private Scheduler scheduler;
    private FakeHost host;
    private WaitChecker checker;
    private DescriptorChanges changes;
    /** The wall clock DescriptorChanges reads. */
    private long[] wallNanos;
    private HandlerTable handlers;
    private GuestThread a, b;

    @BeforeEach
    void setUp() {
        world = new TestGuests();
        a = world.root();
        b = world.threadIn(a.process());
        start();
    }

    /** The checker over the current world (a test that builds its own process table calls it again). */
    private void start() {
        guest = new FakeGuest(world);
        scheduler = guest.scheduler();
        host = new FakeHost();
        wallNanos = new long[1];
        changes = new DescriptorChanges(() -> wallNanos[0]);
        checker = new WaitChecker(world.tree(), scheduler, guest.parked(), host, changes);
        handlers = new HandlerTable(StandardHandlers.create(world.tree(), new FakeHostFiles(), new FakeHostProcesses()));
    }

    private static long bit(int signal) {
        return SignalMasks.bit(signal);
    }

    private void park(GuestThread t, Wait w) {
        scheduler.admit(t);
        scheduler.park(t, w);
    }

    private void caught(GuestThread t, int... signals) {
        long bits = 0;
        for (int s : signals) {
            bits |= bit(s);
        }
        host.masks.put(t, new SignalMasks(0, 0, 0, bits));
    }

    /** Runs a call of {@code t} through the run's own handler for it; returns what it decided. */
    private Disposition syscall(GuestThread t, Syscall s, long... args) {
        return guest.call(t, s, args).enter(handlers.handlerOf(s.nr()));
    }

    private void assertStillParked(GuestThread... threads) {
        for (GuestThread t : threads) {
            assertThat(scheduler.parked()).as("%s parked", t).contains(t);
        }
    }

    // --- signals ---

    @Test
    void aSigsuspendIsReleasedByACaughtSignalOutsideItsSuspendMaskEvenIfTheThreadBlocksIt() {
        park(a, new Wait.Signal(bit(SIGUSR2), 0, Wait.NEVER));
        host.masks.put(a, new SignalMasks(0, bit(SIGUSR1), 0, bit(SIGUSR1))); // blocked outside sigsuspend
        a.signalSent(SIGUSR1);
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
        assertThat(guest.completed).isEmpty();
        assertThat(a.incomingSignals()).as("consumed by the release").isZero();
        assertThat(scheduler.parked()).isEmpty();
    }

    @Test
    void aSigsuspendIsReleasedByASignalWhoseDefaultActionIsFatal() {
        park(a, new Wait.Signal(0, 0, Wait.NEVER));
        a.signalSent(SIGTERM); // not caught: it kills the process, so the call must reach the kernel
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
    }

    @Test
    void aSigsuspendStaysParkedForASignalInItsSuspendMask() {
        park(a, new Wait.Signal(bit(SIGUSR1), 0, Wait.NEVER));
        caught(a, SIGUSR1);
        a.signalSent(SIGUSR1);
        checker.wakeReady();
        assertStillParked(a);
        assertThat(guest.released).isEmpty();
        assertThat(a.incomingSignals()).as("kept: it is still pending").isEqualTo(bit(SIGUSR1));
    }

    @Test
    void aSigsuspendStaysParkedForAnIgnoredSignalOrOneWhoseDefaultIsHarmless() {
        park(a, new Wait.Signal(0, 0, Wait.NEVER));
        host.masks.put(a, new SignalMasks(0, 0, bit(SIGUSR1), 0));
        a.signalSent(SIGUSR1);
        a.signalSent(SIGCHLD);
        a.signalSent(SIGWINCH);
        checker.wakeReady();
        assertStillParked(a);
        assertThat(guest.released).isEmpty();
    }

    @Test
    void pauseUsesTheThreadsOwnBlockedMask() {
        park(a, new Wait.Signal(NO_MASK, 0, Wait.NEVER));
        host.masks.put(a, new SignalMasks(0, bit(SIGUSR1), 0, bit(SIGUSR1) | bit(SIGUSR2)));
        a.signalSent(SIGUSR1);
        checker.wakeReady();
        assertStillParked(a);
        a.signalSent(SIGUSR2);
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
    }

    @Test
    void aSigtimedwaitIsReleasedByASignalOfItsSetEvenIfBlockedAndNotCaught() {
        park(a, new Wait.Signal(NO_MASK, bit(SIGUSR1), 5 * NANOS));
        host.masks.put(a, new SignalMasks(0, bit(SIGUSR1), 0, 0));
        a.signalSent(SIGUSR1);
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
    }

    @Test
    void aSigtimedwaitIsInterruptedByAnotherCaughtUnblockedSignalButNotByABlockedOne() {
        park(a, new Wait.Signal(NO_MASK, bit(SIGUSR1), Wait.NEVER));
        host.masks.put(a, new SignalMasks(0, bit(SIGUSR1) | bit(SIGTERM), 0, bit(SIGUSR2)));
        a.signalSent(SIGTERM);
        checker.wakeReady();
        assertStillParked(a);
        a.signalSent(SIGUSR2);
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
    }

    @Test
    void aThreadWhoseMasksCannotBeReadIsReleasedForTheKernelToDecide() {
        park(a, new Wait.Signal(bit(SIGUSR1), 0, Wait.NEVER));
        host.masks.put(a, null);
        a.signalSent(SIGUSR1);
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
    }

    @Test
    void signalsSentBeforeTheThreadParkedDoNotReleaseIt() {
        caught(a, SIGUSR1);
        a.signalSent(SIGUSR1); // delivered while it still ran
        park(a, new Wait.Signal(NO_MASK, 0, Wait.NEVER));
        checker.wakeReady();
        assertStillParked(a);
    }

    @Test
    void aThreadReleasedForItsProcesssSignalWaitsAgainIfAnotherThreadTookItFirst() {
        // node: SIGCHLD to the process, caught by every thread; the main thread runs first and takes it
        park(a, Wait.Descriptors.poll(new int[] {9}, new short[] {POLLIN}, Wait.NEVER));
        host.masks.put(a, new SignalMasks(bit(SIGCHLD), 0, 0, bit(SIGCHLD)));
        a.signalSent(SIGCHLD);
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
        host.taken = bit(SIGCHLD);
        host.masks.put(a, new SignalMasks(0, 0, 0, bit(SIGCHLD)));
        assertThat(checker.stillReady(a)).isFalse();
        assertThat(scheduler.parked()).containsExactly(a);
        assertThat(scheduler.waitOf(a)).isInstanceOf(Wait.Descriptors.class);
    }

    @Test
    void aSignalAlreadyTakenByAnotherThreadReleasesNobody() {
        park(a, new Wait.Futex(1, 0x10, -1, false, Wait.NEVER));
        caught(a, SIGCHLD);
        a.signalSent(SIGCHLD);
        host.taken = bit(SIGCHLD);
        checker.wakeReady();
        assertThat(guest.released).isEmpty();
        assertStillParked(a);
    }

    @Test
    void aThreadReleasedForASignalStillPendingRuns() {
        park(a, new Wait.Futex(1, 0x10, -1, false, Wait.NEVER));
        host.masks.put(a, new SignalMasks(bit(SIGCHLD), 0, 0, bit(SIGCHLD)));
        a.signalSent(SIGCHLD);
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
        assertThat(checker.stillReady(a)).isTrue();
    }

    @Test
    void aFlockWaiterTriesAgainAtEveryCheckAndIsAnsweredWhenTheLockIsItsOwn() {
        park(a, new Wait.FileLock(3, 2));
        host.heldLocks.add(a.process().vpid() + ":3");
        checker.wakeReady();
        checker.wakeReady();
        assertThat(host.lockTries).hasSize(2);
        assertStillParked(a);
        assertThat(checker.othersCouldRun()).as("an outside holder may unlock").isTrue();
        assertThat(checker.anyOutsideWait()).isTrue();
        host.heldLocks.clear();
        checker.wakeReady();
        assertThat(guest.completed).containsEntry(a, 0L);
        assertThat(checker.anyOutsideWait()).isFalse();
    }

    @Test
    void aPselectOrPpollIsInterruptedByASignalItsOwnMaskUnblocksAndOnlyByThat() {
        // GNU make -j: SIGCHLD blocked everywhere but in pselect6
        GuestThread c = world.threadIn(a.process());
        park(a, Wait.Descriptors.poll(new int[] {3}, new short[] {POLLIN}, Wait.NEVER, 0));
        park(c, Wait.Descriptors.poll(new int[] {3}, new short[] {POLLIN}, Wait.NEVER, bit(SIGCHLD)));
        for (GuestThread t : List.of(a, c)) {
            host.masks.put(t, new SignalMasks(0, bit(SIGCHLD), 0, bit(SIGCHLD)));
            t.signalSent(SIGCHLD);
        }
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
        assertThat(scheduler.parked()).containsExactly(c);
    }

    @Test
    void aCaughtSignalInterruptsFutexSleepAndDescriptorWaitsToo() {
        GuestThread c = world.threadIn(a.process());
        park(a, new Wait.Futex(1, 0x10, -1, false, Wait.NEVER));
        park(b, new Wait.Sleep(9 * NANOS));
        park(c, Wait.Descriptors.call(3, POLLIN));
        for (GuestThread t : List.of(a, b, c)) {
            caught(t, SIGUSR1);
            t.signalSent(SIGUSR1); // tgkill to each
        }
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a, b, c);
    }

    @Test
    void aSignalledWaiterIsLookedAtAgainAtEveryCheckUntilItsSignalGetsThrough() {
        park(a, new Wait.Futex(1, 0x10, -1, false, Wait.NEVER));
        park(b, new Wait.Futex(1, 0x10, -1, false, Wait.NEVER));
        host.masks.put(a, new SignalMasks(0, bit(SIGUSR1), 0, bit(SIGUSR1))); // caught but blocked
        a.signalSent(SIGUSR1);
        checker.wakeReady();
        assertStillParked(a, b);
        caught(a, SIGUSR1); // unblocked meanwhile: no new signal is sent
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
        assertStillParked(b);
    }

    @Test
    void aSignalWinsOverADeadlineThatPassedAtTheSameCheck() {
        park(a, new Wait.Sleep(10));
        world.clock().advance(10);
        caught(a, SIGUSR1);
        a.signalSent(SIGUSR1);
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
        assertThat(guest.completed).isEmpty();
    }

    // --- deadlines ---

    @Test
    void eachWaitTimesOutAtItsDeadlineWithTheResultTheKernelGives() {
        GuestThread c = world.threadIn(a.process());
        GuestThread d = world.threadIn(a.process());
        GuestThread e = world.threadIn(a.process());
        park(a, new Wait.Futex(1, 0x10, -1, false, 100));
        park(b, new Wait.Signal(NO_MASK, bit(SIGUSR1), 100)); // rt_sigtimedwait
        park(c, new Wait.Signal(bit(SIGUSR1), 0, 100));
        park(d, new Wait.Sleep(100));
        park(e, Wait.Descriptors.poll(new int[] {3}, new short[] {POLLIN}, 100));

        world.clock().advance(99);
        checker.wakeReady();
        assertThat(guest.completed).isEmpty();
        assertStillParked(a, b, c, d, e);

        world.clock().advance(1);
        checker.wakeReady();
        assertThat(guest.completed).containsOnly(
                Map.entry(a, (long) -Errno.ETIMEDOUT),
                Map.entry(b, (long) -Errno.EAGAIN),
                Map.entry(c, (long) -Errno.EINTR),
                Map.entry(d, 0L));
        assertThat(guest.expired).as("poll runs in the kernel without waiting").containsExactly(e);
        assertThat(guest.released).isEmpty();
        assertThat(scheduler.parked()).isEmpty();
    }

    @Test
    void waitsThatEndAtTheSameCheckBecomeReadyInParkOrderWhateverTheirDeadlines() {
        GuestThread c = world.threadIn(a.process());
        GuestThread d = world.threadIn(a.process());
        GuestThread e = world.threadIn(a.process());
        GuestThread f = world.threadIn(a.process());
        park(a, new Wait.Sleep(300));
        park(b, new Wait.Futex(1, 0x10, -1, false, 100));
        park(c, Wait.Descriptors.call(3, POLLIN));
        park(d, new Wait.Sleep(200));
        park(e, new Wait.Futex(2, 0x20, -1, false, Wait.NEVER));
        park(f, new Wait.Sleep(301)); // not yet
        host.ready(a.process(), 3, Readiness.READY);
        caught(e, SIGUSR1);
        e.signalSent(SIGUSR1);

        world.clock().advance(300);
        checker.wakeReady();
        List<GuestThread> picked = new ArrayList<>();
        for (GuestThread t = scheduler.pickNext(); t != null; t = scheduler.pickNext()) {
            picked.add(t);
        }
        assertThat(picked).containsExactly(a, b, c, d, e);
        assertStillParked(f);
    }

    @Test
    void aPiLockTimeoutIsEtimedoutToo() {
        park(a, new Wait.Futex(1, 0x10, -1, true, 0));
        checker.wakeReady();
        assertThat(guest.completed).containsExactly(Map.entry(a, (long) -Errno.ETIMEDOUT));
    }

    @Test
    void waitsWithoutDeadlineNeverTimeOut() {
        park(a, new Wait.Futex(1, 0x10, -1, false, Wait.NEVER));
        park(b, new Wait.Sleep(Wait.NEVER));
        world.clock().advance(Long.MAX_VALUE - 1);
        checker.wakeReady();
        assertStillParked(a, b);
    }

    // --- descriptors ---

    @Test
    void aDescriptorWaitIsReleasedWhenAnyOfItsDescriptorsIsReadyForItsEvent() {
        park(a, Wait.Descriptors.poll(new int[] {3, 4}, new short[] {POLLIN, POLLOUT}, Wait.NEVER));
        checker.wakeReady();
        assertStillParked(a);
        assertThat(host.probes).containsExactly("1000:3/1", "1000:4/4");

        host.ready(a.process(), 4, Readiness.READY);
        changes.mayHaveChanged(); // as the supervisor notes the call that made it ready
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
        assertThat(guest.completed).isEmpty();
    }

    @Test
    void aDescriptorWaitFoundNotReadyIsProbedAgainOnlyOnceSomethingMayHaveChangedIt() {
        park(a, Wait.Descriptors.call(3, POLLIN));
        checker.wakeReady();
        checker.wakeReady();
        assertThat(host.probes).as("nothing ran in between").containsExactly("1000:3/1");

        changes.mayHaveChanged();
        checker.wakeReady();
        assertThat(host.probes).hasSize(2);
    }

    @Test
    void aDescriptorWaitFoundNotReadyIsProbedAgainAfterAWhileForInputFromOutside() {
        park(a, Wait.Descriptors.call(3, POLLIN));
        checker.wakeReady();
        wallNanos[0] += DescriptorChanges.OUTSIDE_NANOS - 1;
        checker.wakeReady();
        assertThat(host.probes).hasSize(1);

        host.ready(a.process(), 3, Readiness.READY); // written from outside the tree
        wallNanos[0] += 1;
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
    }

    @Test
    void manyDescriptorWaitsAreProbedForInputFromOutsideLessOften() {
        List<GuestThread> readers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            GuestThread t = i == 0 ? a : i == 1 ? b : world.threadIn(a.process());
            park(t, Wait.Descriptors.call(3, POLLIN));
            readers.add(t);
        }
        checker.wakeReady();
        assertThat(host.probes).hasSize(20);
        wallNanos[0] += 20 * DescriptorChanges.OUTSIDE_NANOS_PER_WAIT - 1;
        checker.wakeReady();
        assertThat(host.probes).as("a round costs 20 probes: spaced wider").hasSize(20);
        wallNanos[0] += 1;
        checker.wakeReady();
        assertThat(host.probes).hasSize(40);
    }

    @Test
    void aWaitParkedAgainBecauseItsReadinessWasLostKeepsThatAnswerUntilAChange() {
        park(a, Wait.Descriptors.call(3, POLLIN));
        park(b, Wait.Descriptors.call(4, POLLIN));
        host.ready(a.process(), 3, Readiness.READY);
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
        host.ready(a.process(), 3, Readiness.NOT_READY);
        changes.mayHaveChanged(); // the read of the thread that took the data
        assertThat(checker.stillReady(a)).isFalse();
        int probes = host.probes.size();
        checker.wakeReady();
        assertThat(host.probes.subList(probes, host.probes.size())).as("b's answer stands only until a change;"
                + " a's, found by stillReady after it, stands").containsExactly("1000:4/1");
        checker.wakeReady();
        assertThat(host.probes).hasSize(probes + 1);
        changes.mayHaveChanged();
        checker.wakeReady();
        assertThat(host.probes.subList(probes + 1, host.probes.size())).as("after a change, both again")
                .containsExactlyInAnyOrder("1000:3/1", "1000:4/1");
    }

    @Test
    void aNewDescriptorWaitIsProbedEvenIfNothingChanged() {
        park(a, Wait.Descriptors.call(3, POLLIN));
        checker.wakeReady();
        scheduler.makeReady(a);
        park(a, Wait.Descriptors.call(3, POLLIN)); // its next read
        checker.wakeReady();
        assertThat(host.probes).hasSize(2);
    }

    @Test
    void aTimersSignalIsAChangeASignalfdWaitIsProbedAgainFor() {
        assertThat(syscall(b, Syscall.ALARM, 1)).isEqualTo(Disposition.EMULATED);
        park(a, Wait.Descriptors.call(3, POLLIN)); // a read of a signalfd
        host.masks.put(a, new SignalMasks(0, bit(SIGALRM), 0, 0)); // blocked, as signalfd wants it
        host.masks.put(b, new SignalMasks(0, bit(SIGALRM), 0, 0));
        checker.wakeReady();
        host.ready(a.process(), 3, Readiness.READY);
        world.clock().advance(NANOS);
        checker.wakeReady();
        assertThat(host.sent).containsExactly("1000:" + SIGALRM);
        assertThat(guest.released).containsExactly(a);
    }

    @Test
    void aDescriptorThatBecameNonBlockingReleasesTheWaitToo() {
        park(a, Wait.Descriptors.call(3, POLLIN));
        host.ready(a.process(), 3, Readiness.NON_BLOCKING);
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
    }

    @Test
    void aNonBlockingDescriptorIsNoReadinessForPollSelectOrEpoll() {
        park(a, Wait.Descriptors.poll(new int[] {3}, new short[] {POLLIN}, Wait.NEVER));
        host.ready(a.process(), 3, Readiness.NON_BLOCKING);
        checker.wakeReady();
        assertStillParked(a);
    }

    @Test
    void aPollOnSeveralDescriptorsIsParkedAgainIfAllLostTheirReadinessBeforeItRuns() {
        Wait.Descriptors w = Wait.Descriptors.poll(new int[] {3, 4}, new short[] {POLLIN, POLLIN}, 90);
        park(a, w);
        host.ready(a.process(), 4, Readiness.READY);
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);

        host.ready(a.process(), 4, Readiness.NOT_READY); // another consumer took it
        assertThat(checker.stillReady(a)).isFalse();
        assertThat(scheduler.waitOf(a)).isSameAs(w);

        host.ready(a.process(), 3, Readiness.READY);
        changes.mayHaveChanged();
        checker.wakeReady();
        assertThat(checker.stillReady(a)).as("one of them is enough").isTrue();
    }

    @Test
    void readinessIsThatOfTheWaitingThreadsOwnProcess() {
        GuestThread child = world.childProcess(a);
        park(a, Wait.Descriptors.call(3, POLLIN));
        host.ready(child.process(), 3, Readiness.READY);
        checker.wakeReady();
        assertStillParked(a);
    }

    @Test
    void aReleasedDescriptorWaitIsParkedAgainIfReadinessWasLostBeforeTheThreadRuns() {
        Wait.Descriptors w = Wait.Descriptors.poll(new int[] {3}, new short[] {POLLIN}, 77);
        park(a, w);
        host.ready(a.process(), 3, Readiness.READY);
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);

        host.ready(a.process(), 3, Readiness.NOT_READY); // another thread took the data
        assertThat(checker.stillReady(a)).isFalse();
        assertThat(scheduler.parked()).containsExactly(a);
        assertThat(scheduler.waitOf(a)).as("the same wait, deadline included").isSameAs(w);
        assertThat(checker.stillReady(a)).as("checked once per release").isTrue();
    }

    @Test
    void aReleasedDescriptorWaitStillReadyRunsAndOtherThreadsAreNeverHeldBack() {
        park(a, Wait.Descriptors.call(3, POLLIN));
        host.ready(a.process(), 3, Readiness.READY);
        checker.wakeReady();
        assertThat(checker.stillReady(a)).isTrue();
        assertThat(scheduler.parked()).isEmpty();
        assertThat(checker.stillReady(b)).as("never released from descriptors").isTrue();
    }

    @Test
    void aForgottenThreadIsNotCheckedAgain() {
        park(a, Wait.Descriptors.call(3, POLLIN));
        host.ready(a.process(), 3, Readiness.READY);
        checker.wakeReady();
        host.ready(a.process(), 3, Readiness.NOT_READY);
        checker.forget(a);
        assertThat(checker.stillReady(a)).isTrue();
    }

    // --- children ---

    @Test
    void aChildWaitIsReleasedWhenAnyChildExits() {
        GuestThread c1 = world.childProcess(a);
        world.childProcess(a);
        park(a, new Wait.Child(-1, Wait.NEVER));
        checker.wakeReady();
        assertStillParked(a);
        a.process().childExited(c1.tid());
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
        assertThat(guest.completed).isEmpty();
    }

    @Test
    void aWaitForOneChildIgnoresTheExitOfAnother() {
        GuestThread c1 = world.childProcess(a);
        GuestThread c2 = world.childProcess(a);
        park(a, new Wait.Child(c1.tid(), Wait.NEVER));
        a.process().childExited(c2.tid());
        checker.wakeReady();
        assertStillParked(a);
        a.process().childExited(c1.tid());
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
    }

    @Test
    void aChildWaitWithNoChildLeftIsReleasedForTheKernelsEchild() {
        GuestThread c1 = world.childProcess(a);
        a.process().childExited(c1.tid());
        a.process().childReaped(c1.tid()); // collected by another thread meanwhile
        park(a, new Wait.Child(-1, Wait.NEVER));
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
    }

    // --- ITIMER_REAL ---

    @Test
    void anAlarmSendsSigalrmToItsProcessWhenVirtualTimeReachesItsDeadlineOnce() {
        assertThat(syscall(a, Syscall.ALARM, 2)).isEqualTo(Disposition.EMULATED);
        world.clock().advance(2 * NANOS - 1);
        checker.wakeReady();
        assertThat(host.sent).isEmpty();

        world.clock().advance(1);
        checker.wakeReady();
        assertThat(host.sent).containsExactly("1000:" + SIGALRM);
        assertThat(a.incomingSignals()).as("any thread of the process may take it").isEqualTo(bit(SIGALRM));
        assertThat(b.incomingSignals()).isEqualTo(bit(SIGALRM));

        world.clock().advance(10 * NANOS);
        checker.wakeReady();
        assertThat(host.sent).as("one-shot").hasSize(1);
        assertThat(IntervalTimers.of(world.tree()).anyArmed()).isFalse();
    }

    @Test
    void timersThatExpireTogetherFireInVirtualPidOrderNotRealPidOrArmingOrder() {
        world = new TestGuests();
        GuestThread root = world.tree().createRoot(5000);
        GuestThread second = world.tree().createChild(root, 4000, false);
        GuestThread third = world.tree().createChild(root, 3000, false);
        GuestThread late = world.tree().createChild(root, 2000, false);
        start();
        syscall(late, Syscall.ALARM, 2);
        syscall(third, Syscall.ALARM, 1);
        syscall(root, Syscall.ALARM, 1);
        syscall(second, Syscall.ALARM, 1);

        world.clock().advance(NANOS);
        checker.wakeReady();
        assertThat(host.sent).containsExactly("1000:14", "1001:14", "1002:14");
        world.clock().advance(NANOS);
        checker.wakeReady();
        assertThat(host.sent).endsWith("1003:14").hasSize(4);
    }

    @Test
    void aRepeatingTimerIsReloadedByItsIntervalAfterEachExpiry() {
        FakeMemory memory = guest.memoryOf(a.process());
        long value = memory.allocate(32);
        memory.writeTimeval(value, 1_000_000);      // it_interval: 1 ms
        memory.writeTimeval(value + 16, 2_000_000); // it_value: 2 ms
        assertThat(syscall(a, Syscall.SETITIMER, 0, value, 0)).isEqualTo(Disposition.EMULATED);

        world.clock().advance(2_000_000);
        checker.wakeReady();
        assertThat(host.sent).hasSize(1);
        assertThat(checker.earliestDeadline()).as("next expiry").isEqualTo(3_000_000);

        world.clock().advance(500_000);
        checker.wakeReady();
        assertThat(host.sent).hasSize(1);
        long out = memory.allocate(32);
        syscall(a, Syscall.GETITIMER, 0, out);
        assertThat(memory.readLong(out + 8)).as("interval, µs").isEqualTo(1_000);
        assertThat(memory.readLong(out + 24)).as("value left, µs").isEqualTo(500);

        world.clock().advance(500_000);
        checker.wakeReady();
        assertThat(host.sent).containsExactly("1000:14", "1000:14");
        assertThat(IntervalTimers.of(world.tree()).anyArmed()).isTrue();
    }

    @Test
    void aFiredAlarmReleasesAPausedThreadOfItsProcessInTheSameCheck() {
        syscall(a, Syscall.ALARM, 1);
        assertThat(syscall(b, Syscall.PAUSE)).isEqualTo(Disposition.BLOCK);
        caught(b, SIGALRM);
        world.clock().advance(NANOS);
        checker.wakeReady();
        assertThat(guest.released).containsExactly(b);
    }

    @Test
    void anAlarmWhoseSignalIsIgnoredLeavesAPausedThreadParked() {
        syscall(a, Syscall.ALARM, 1);
        syscall(b, Syscall.PAUSE);
        host.masks.put(b, new SignalMasks(0, 0, bit(SIGALRM), 0));
        world.clock().advance(NANOS);
        checker.wakeReady();
        assertThat(host.sent).hasSize(1);
        assertStillParked(b);
    }

    @Test
    void aSleepOutlastingAnAlarmIsInterruptedByItsDefaultFatalSigalrm() {
        syscall(a, Syscall.ALARM, 1);
        FakeMemory memory = guest.memoryOf(a.process());
        assertThat(syscall(a, Syscall.NANOSLEEP, memory.allocateTimespec(10 * NANOS), 0)).isEqualTo(Disposition.BLOCK);
        assertThat(checker.earliestDeadline()).as("the alarm comes first").isEqualTo(NANOS);
        world.clock().advance(checker.earliestDeadline());
        checker.wakeReady();
        assertThat(guest.released).containsExactly(a);
    }

    @Test
    void aProcessThatExitedTakesItsTimerWithIt() {
        syscall(a, Syscall.ALARM, 1);
        IntervalTimers.of(world.tree()).forget(a.process());
        world.clock().advance(NANOS);
        checker.wakeReady();
        assertThat(host.sent).isEmpty();
    }

    // --- what the dispatcher asks ---

    @Test
    void theEarliestDeadlineIsThatOfAParkedThreadOrATimer() {
        assertThat(checker.earliestDeadline()).isEqualTo(Wait.NEVER);
        park(a, new Wait.Sleep(500_000));
        park(b, new Wait.Futex(1, 0x10, -1, false, 300_000));
        assertThat(checker.earliestDeadline()).isEqualTo(300_000);
        GuestThread child = world.childProcess(a);
        syscall(child, Syscall.ALARM, 0); // disarmed: no deadline
        assertThat(checker.earliestDeadline()).isEqualTo(300_000);
        FakeMemory memory = guest.memoryOf(child.process());
        long value = memory.allocate(32);
        memory.writeTimeval(value + 16, 200_000); // it_value: 200 µs
        syscall(child, Syscall.SETITIMER, 0, value, 0);
        assertThat(checker.earliestDeadline()).isEqualTo(200_000);
    }

    @Test
    void othersCouldRunOnlyIfAThreadIsReadyOrWaitsWithADeadlineOrOnADescriptorOrATimerIsArmed() {
        park(a, new Wait.Futex(1, 0x10, -1, false, Wait.NEVER));
        park(b, new Wait.Child(-1, Wait.NEVER));
        assertThat(checker.othersCouldRun()).as("only a syscall or an exit can end these").isFalse();
        assertThat(checker.anyOutsideWait()).isFalse();

        scheduler.makeReady(b);
        assertThat(checker.othersCouldRun()).as("b is ready").isTrue();
        park(b, new Wait.Sleep(5));
        assertThat(checker.othersCouldRun()).as("b waits for a deadline").isTrue();
        park(b, Wait.Descriptors.call(0, POLLIN));
        assertThat(checker.othersCouldRun()).as("b waits for input from outside").isTrue();
        assertThat(checker.anyOutsideWait()).isTrue();
        park(b, new Wait.VforkChild(1234));
        assertThat(checker.othersCouldRun()).isFalse();
        syscall(world.childProcess(a), Syscall.ALARM, 3);
        assertThat(checker.othersCouldRun()).as("a timer will fire").isTrue();
    }

    @Test
    void theDeadlockReportSaysWhatEachParkedThreadWaitsFor() {
        park(a, new Wait.Futex(1, 0x1f0, -1, false, Wait.NEVER));
        park(b, new Wait.Child(-1, Wait.NEVER));
        assertThat(checker.report()).containsExactly(
                "thread 1000 (process 1000) waits for a futex at 0x1f0",
                "thread 1001 (process 1000) waits for a child process to exit");
    }

    @Test
    void aRunningThreadIsAloneForAsManyCallsAsEndBeforeTheEarliestDeadline() {
        assertThat(checker.callsAlone(100)).as("no one parked").isEqualTo(Long.MAX_VALUE);
        park(b, new Wait.Futex(0x1f0, 0x1f0, -1, false, Wait.NEVER));
        assertThat(checker.callsAlone(100)).as("only a wait no deadline ends").isEqualTo(Long.MAX_VALUE);
        world.clock().advance(10);
        park(a, new Wait.Sleep(1_010)); // ends when virtual time reaches 1,010: after 10 + 1000
        assertThat(checker.callsAlone(100)).as("call 9 reaches 910 < 1010, call 10 reaches 1010").isEqualTo(9);
        assertThat(checker.callsAlone(0)).as("calls that cost nothing").isEqualTo(Long.MAX_VALUE);
        world.clock().advance(1_000);
        assertThat(checker.callsAlone(100)).as("the deadline is here").isZero();
        scheduler.makeReady(b);
        assertThat(checker.callsAlone(100)).as("another thread is ready").isZero();
    }
}
