package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.TIMER_CREATE;
import static dev.vbench.core.syscalls.Syscall.TIMER_DELETE;
import static dev.vbench.core.syscalls.Syscall.TIMER_GETOVERRUN;
import static dev.vbench.core.syscalls.Syscall.TIMER_GETTIME;
import static dev.vbench.core.syscalls.Syscall.TIMER_SETTIME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.FakeMemory;
import dev.vbench.core.guest.GuestMemory.Timespec;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.syscalls.Syscall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** timer_create and the rest on virtual time, call by call on the in-memory guest, and their expiries. */
class PosixTimerHandlerTest {
    private static final long MS = 1_000_000L;
    private static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2;
    private static final int SIGEV_SIGNAL = 0, SIGEV_NONE = 1, SIGEV_THREAD_ID = 4;
    private static final int SIGALRM = 14, SIGRTMIN = 34, TIMER_ABSTIME = 1;

    private TestGuests world;
    private FakeGuest guest;
    private PosixTimerHandler handler;
    private IntervalTimers timers;
    private GuestThread a;
    private FakeMemory memory;
    private final List<String> fired = new ArrayList<>();

    @BeforeEach
    void setUp() {
        world = new TestGuests();
        guest = new FakeGuest(world);
        handler = new PosixTimerHandler(world.tree(), new TimeBase(world.tree()));
        timers = IntervalTimers.of(world.tree());
        a = world.root();
        memory = guest.memoryOf(a.process());
    }

    private long emulated(GuestThread t, Syscall s, long... args) {
        assertThat(guest.call(t, s, args).enter(handler)).as("%s", s).isEqualTo(Disposition.EMULATED);
        return guest.returned();
    }

    private long sigevent(long value, int signal, int notify, int tid) {
        long at = memory.allocate(64);
        memory.writeLong(at, value);
        memory.writeInt(at + 8, signal);
        memory.writeInt(at + 12, notify);
        memory.writeInt(at + 16, tid);
        return at;
    }

    private int create(int clock, long sevp) {
        long idOut = memory.allocate(8);
        assertThat(emulated(a, TIMER_CREATE, clock, sevp, idOut)).isZero();
        return memory.readInt(idOut);
    }

    private long itimerspec(long intervalNanos, long valueNanos) {
        long at = memory.allocate(32);
        memory.writeTimespec(at, intervalNanos);
        memory.writeTimespec(at + 16, valueNanos);
        return at;
    }

    private void fire() {
        timers.fireExpired(world.clock().elapsedNanos(), (process, id, d) ->
                fired.add(process.vpid() + "/" + id + ": sig " + d.signal() + " value " + d.value()
                        + (d.threadVtid() != 0 ? " to " + d.threadVtid() : "")));
    }

    @Test
    void timersAreNumberedFromZeroPerProcessAndANullSigeventIsSigalrmWithTheIdAsValue() {
        assertThat(create(CLOCK_REALTIME, 0)).isZero();
        assertThat(create(CLOCK_MONOTONIC, sigevent(42, SIGRTMIN, SIGEV_SIGNAL, 0))).isEqualTo(1);
        assertThat(emulated(a, TIMER_SETTIME, 0, 0, itimerspec(0, 5 * MS), 0)).isZero();
        assertThat(emulated(a, TIMER_SETTIME, 1, 0, itimerspec(0, 5 * MS), 0)).isZero();
        world.clock().advance(5 * MS);
        fire();
        assertThat(fired).containsExactly("1000/0: sig " + SIGALRM + " value 0", "1000/1: sig " + SIGRTMIN + " value 42");
        GuestThread child = world.childProcess(a);
        long idOut = guest.memoryOf(child.process()).allocate(8);
        assertThat(guest.call(child, TIMER_CREATE, CLOCK_MONOTONIC, 0, idOut).enter(handler)).isEqualTo(Disposition.EMULATED);
        assertThat(guest.memoryOf(child.process()).readInt(idOut)).as("another process counts from 0").isZero();
    }

    @Test
    void aRepeatingTimerReloadsAndGettimeTellsWhatIsLeftAndTheInterval() {
        int id = create(CLOCK_MONOTONIC, sigevent(0, SIGRTMIN, SIGEV_SIGNAL, 0));
        emulated(a, TIMER_SETTIME, id, 0, itimerspec(10 * MS, 25 * MS), 0);
        world.clock().advance(25 * MS);
        fire();
        world.clock().advance(7 * MS);
        long cur = memory.allocate(32);
        assertThat(emulated(a, TIMER_GETTIME, id, cur)).isZero();
        assertThat(memory.readTimespec(cur)).isEqualTo(new Timespec(0, 10 * MS));
        assertThat(memory.readTimespec(cur + 16)).isEqualTo(new Timespec(0, 3 * MS));
        assertThat(timers.earliestDeadline()).isEqualTo(35 * MS);
        long old = memory.allocate(32);
        assertThat(emulated(a, TIMER_SETTIME, id, 0, itimerspec(0, 0), old)).as("disarmed").isZero();
        assertThat(memory.readTimespec(old + 16)).as("the old value").isEqualTo(new Timespec(0, 3 * MS));
        assertThat(timers.anyArmed()).isFalse();
        assertThat(emulated(a, TIMER_GETOVERRUN, id)).isZero();
        assertThat(fired).hasSize(1);
    }

    @Test
    void anAbsoluteExpiryIsReadOnTheTimersOwnClockAndOneAlreadyPastExpiresAtOnce() {
        world.clock().advance(100 * MS);
        int mono = create(CLOCK_MONOTONIC, sigevent(1, SIGRTMIN, SIGEV_SIGNAL, 0));
        int real = create(CLOCK_REALTIME, sigevent(2, SIGRTMIN, SIGEV_SIGNAL, 0));
        long monoNow = TimeBase.BOOT_UPTIME_NANOS + 100 * MS;
        long realNow = world.tree().config().epochNanos() + 100 * MS;
        emulated(a, TIMER_SETTIME, mono, TIMER_ABSTIME, itimerspec(0, monoNow + 30 * MS), 0);
        emulated(a, TIMER_SETTIME, real, TIMER_ABSTIME, itimerspec(0, realNow - 5 * MS), 0);
        assertThat(timers.earliestDeadline()).isEqualTo(100 * MS + 1);
        world.clock().advance(1);
        fire();
        assertThat(fired).containsExactly("1000/1: sig " + SIGRTMIN + " value 2");
        world.clock().advance(30 * MS);
        fire();
        assertThat(fired).hasSize(2).last().isEqualTo("1000/0: sig " + SIGRTMIN + " value 1");
    }

    @Test
    void aThreadTargetMustBeOfTheProcessAndSigevNoneIsNeverSignalled() {
        GuestThread b = world.threadIn(a.process());
        GuestThread other = world.childProcess(a);
        int toB = create(CLOCK_MONOTONIC, sigevent(3, SIGRTMIN, SIGEV_THREAD_ID, b.vtid()));
        long idOut = memory.allocate(8);
        assertThat(emulated(a, TIMER_CREATE, CLOCK_MONOTONIC, sigevent(0, SIGRTMIN, SIGEV_THREAD_ID, other.vtid()), idOut))
                .isEqualTo(-Errno.EINVAL);
        assertThat(emulated(a, TIMER_CREATE, CLOCK_MONOTONIC, sigevent(0, 0, SIGEV_SIGNAL, 0), idOut))
                .as("signal 0").isEqualTo(-Errno.EINVAL);
        int silent = create(CLOCK_MONOTONIC, sigevent(0, 0, SIGEV_NONE, 0));
        emulated(a, TIMER_SETTIME, toB, 0, itimerspec(0, MS), 0);
        emulated(a, TIMER_SETTIME, silent, 0, itimerspec(0, MS), 0);
        world.clock().advance(MS);
        fire();
        assertThat(fired).containsExactly("1000/" + toB + ": sig " + SIGRTMIN + " value 3 to " + b.vtid());
    }

    @Test
    void cpuClockTimersAndUnknownIdsAreTheKernelsAndDeletedOnesAreGone() {
        long idOut = memory.allocate(8);
        assertThat(guest.call(a, TIMER_CREATE, CLOCK_PROCESS_CPUTIME_ID, 0, idOut).enter(handler)).isEqualTo(Disposition.PASS);
        int id = create(CLOCK_MONOTONIC, 0);
        assertThat(emulated(a, TIMER_DELETE, id)).isZero();
        assertThat(guest.call(a, TIMER_GETTIME, id, memory.allocate(32)).enter(handler)).isEqualTo(Disposition.PASS);
        assertThat(guest.call(a, TIMER_DELETE, 77).enter(handler)).isEqualTo(Disposition.PASS);
    }

    @Test
    void execDeletesPosixTimersButKeepsTheAlarm() {
        int id = create(CLOCK_MONOTONIC, 0);
        emulated(a, TIMER_SETTIME, id, 0, itimerspec(0, 50 * MS), 0);
        timers.arm(a.process(), 0, 80 * MS, 0);
        handler.onExec(a.process());
        assertThat(timers.exists(a.process(), id)).isFalse();
        assertThat(timers.earliestDeadline()).as("the alarm stays").isEqualTo(80 * MS);
    }
}
