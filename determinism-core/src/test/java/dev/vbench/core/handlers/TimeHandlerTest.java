package dev.vbench.core.handlers;

import static dev.vbench.core.syscalls.Syscall.ALARM;
import static dev.vbench.core.syscalls.Syscall.CLOCK_GETRES;
import static dev.vbench.core.syscalls.Syscall.CLOCK_GETTIME;
import static dev.vbench.core.syscalls.Syscall.CLOCK_NANOSLEEP;
import static dev.vbench.core.syscalls.Syscall.GETITIMER;
import static dev.vbench.core.syscalls.Syscall.GETRUSAGE;
import static dev.vbench.core.syscalls.Syscall.GETTIMEOFDAY;
import static dev.vbench.core.syscalls.Syscall.NANOSLEEP;
import static dev.vbench.core.syscalls.Syscall.SETITIMER;
import static dev.vbench.core.syscalls.Syscall.TIME;
import static dev.vbench.core.syscalls.Syscall.TIMES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.Disposition;
import dev.vbench.core.guest.FakeGuest;
import dev.vbench.core.guest.FakeMemory;
import dev.vbench.core.guest.GuestMemory.Timespec;
import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.guest.Wait;
import dev.vbench.core.nativ.Errno;
import dev.vbench.core.run.RunConfig;
import dev.vbench.core.syscalls.Syscall;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every clock, the time layouts, sleeps and ITIMER_REAL, call by call on the in-memory guest. */
class TimeHandlerTest {
    private static final long NANOS = 1_000_000_000L;
    private static final long EPOCH = RunConfig.DEFAULT_EPOCH_NANOS;
    private static final long BOOT = TimeBase.BOOT_UPTIME_NANOS;
    private static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2,
            CLOCK_THREAD_CPUTIME_ID = 3, CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5,
            CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7, CLOCK_REALTIME_ALARM = 8, CLOCK_BOOTTIME_ALARM = 9,
            CLOCK_SGI_CYCLE = 10, CLOCK_TAI = 11;
    private static final int TIMER_ABSTIME = 1;
    private static final int ITIMER_REAL = 0, ITIMER_VIRTUAL = 1, ITIMER_PROF = 2;
    private static final int CPUCLOCK_SCHED = 2, CPUCLOCK_PERTHREAD = 4;
    private static final long BAD_POINTER = 0xdead_0000L;

    private TestGuests world;
    private FakeGuest guest;
    private TimeHandler time;
    private GuestThread a;
    private FakeMemory memory;
    private long out;

    @BeforeEach
    void setUp() {
        world = new TestGuests();
        guest = new FakeGuest(world);
        time = new TimeHandler(world.tree(), new TimeBase(world.tree()));
        a = world.root();
        memory = guest.memoryOf(a.process());
        out = memory.allocate(256);
    }

    private Disposition call(GuestThread t, Syscall s, long... args) {
        return guest.call(t, s, args).enter(time);
    }

    /** Answers {@code s} and returns what it returned; the call must have been emulated. */
    private long emulated(GuestThread t, Syscall s, long... args) {
        assertThat(call(t, s, args)).as("%s is answered by the supervisor", s).isEqualTo(Disposition.EMULATED);
        return guest.returned();
    }

    private Timespec timespecAt(long address) {
        return memory.readTimespec(address);
    }

    private static Timespec ts(long nanos) {
        return new Timespec(nanos / NANOS, nanos % NANOS);
    }

    private static long processClock(int vpid) {
        return ((long) ~vpid << 3) | CPUCLOCK_SCHED;
    }

    private static long threadClock(int vtid) {
        return ((long) ~vtid << 3) | CPUCLOCK_PERTHREAD | CPUCLOCK_SCHED;
    }

    private byte[] bytesAt(long address, int length) {
        byte[] b = new byte[length];
        memory.readFully(address, b, 0, length);
        return b;
    }

    private void fill(long address, int length) {
        byte[] ff = new byte[length];
        Arrays.fill(ff, (byte) 0xff);
        memory.write(address, ff, 0, length);
    }

    // --- clock_gettime, clock_getres ---

    @Test
    void everyRealtimeClockReadsTheEpochPlusElapsedVirtualTime() {
        world.clock().advance(1_234_567_891L);
        for (int id : new int[] {CLOCK_REALTIME, CLOCK_REALTIME_COARSE, CLOCK_REALTIME_ALARM, CLOCK_TAI}) {
            assertThat(emulated(a, CLOCK_GETTIME, id, out)).isZero();
            assertThat(timespecAt(out)).as("clock %d", id).isEqualTo(ts(EPOCH + 1_234_567_891L));
        }
    }

    @Test
    void everyMonotonicClockReadsTheBootUptimePlusElapsedVirtualTime() {
        world.clock().advance(987_654_321L);
        for (int id : new int[] {CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME,
            CLOCK_BOOTTIME_ALARM}) {
            assertThat(emulated(a, CLOCK_GETTIME, id, out)).isZero();
            assertThat(timespecAt(out)).as("clock %d", id).isEqualTo(ts(60 * NANOS + 987_654_321L));
        }
    }

    @Test
    void cpuTimeClocksReadWhatTheTestClockChargedToTheThreadAndItsProcessOnly() {
        GuestThread b = world.threadIn(a.process());
        GuestThread child = world.childProcess(a);
        world.clock().charge(a, 3_000);
        world.clock().charge(b, 5_000);
        world.clock().charge(child, 700_000); // another process: not a's

        emulated(a, CLOCK_GETTIME, CLOCK_PROCESS_CPUTIME_ID, out);
        assertThat(timespecAt(out)).isEqualTo(ts(8_000));
        emulated(a, CLOCK_GETTIME, CLOCK_THREAD_CPUTIME_ID, out);
        assertThat(timespecAt(out)).isEqualTo(ts(3_000));
        emulated(b, CLOCK_GETTIME, CLOCK_THREAD_CPUTIME_ID, out);
        assertThat(timespecAt(out)).isEqualTo(ts(5_000));
    }

    @Test
    void dynamicCpuClocksNameAProcessOrThreadByItsVirtualIdAndZeroMeansTheCaller() {
        GuestThread b = world.threadIn(a.process());
        GuestThread child = world.childProcess(a);
        world.clock().charge(a, 1_000);
        world.clock().charge(b, 20_000);
        world.clock().charge(child, 300_000);

        emulated(a, CLOCK_GETTIME, processClock(child.process().vpid()), out); // clock_getcpuclockid(child)
        assertThat(timespecAt(out)).isEqualTo(ts(300_000));
        emulated(a, CLOCK_GETTIME, threadClock(b.vtid()), out); // pthread_getcpuclockid(b)
        assertThat(timespecAt(out)).isEqualTo(ts(20_000));
        emulated(b, CLOCK_GETTIME, processClock(0), out);
        assertThat(timespecAt(out)).as("pid 0: the caller's process").isEqualTo(ts(21_000));
        emulated(b, CLOCK_GETTIME, threadClock(0), out);
        assertThat(timespecAt(out)).as("tid 0: the calling thread").isEqualTo(ts(20_000));
    }

    @Test
    void aDynamicCpuClockOfAnIdTheGuestNeverHadIsEinval() {
        // real pid 1001 is the root's; the guest knows it as 1000 and must not reach it as 1001
        assertThat(emulated(a, CLOCK_GETTIME, processClock(a.tid()), out)).isEqualTo(-Errno.EINVAL);
        assertThat(emulated(a, CLOCK_GETTIME, threadClock(4242), out)).isEqualTo(-Errno.EINVAL);
        assertThat(timespecAt(out)).isEqualTo(new Timespec(0, 0));
    }

    @Test
    void unknownClockIdsAreEinvalAndWriteNothing() {
        for (int id : new int[] {CLOCK_SGI_CYCLE, 12, 16, 1000}) {
            assertThat(emulated(a, CLOCK_GETTIME, id, out)).as("clock %d", id).isEqualTo(-Errno.EINVAL);
            assertThat(emulated(a, CLOCK_GETRES, id, out)).as("clock %d", id).isEqualTo(-Errno.EINVAL);
        }
        assertThat(timespecAt(out)).isEqualTo(new Timespec(0, 0));
    }

    @Test
    void clockGettimeIntoABadPointerIsEfault() {
        assertThat(emulated(a, CLOCK_GETTIME, CLOCK_MONOTONIC, BAD_POINTER)).isEqualTo(-Errno.EFAULT);
    }

    @Test
    void everyClockHasOneNanosecondResolutionAndANullResolutionPointerIsAllowed() {
        for (int id : new int[] {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID,
            CLOCK_BOOTTIME, CLOCK_TAI}) {
            memory.writeLongs(out, 99, 99);
            assertThat(emulated(a, CLOCK_GETRES, id, out)).isZero();
            assertThat(timespecAt(out)).as("clock %d", id).isEqualTo(new Timespec(0, 1));
        }
        assertThat(emulated(a, CLOCK_GETRES, CLOCK_MONOTONIC, 0)).isZero();
    }

    // --- gettimeofday, time, times, getrusage ---

    @Test
    void gettimeofdayWritesRealtimeInMicrosecondsAndAZeroTimezone() {
        world.clock().advance(1_500_000_999L);
        long tz = out + 64;
        fill(tz, 8);
        assertThat(emulated(a, GETTIMEOFDAY, out, tz)).isZero();
        assertThat(memory.readLong(out)).isEqualTo(EPOCH / NANOS + 1);
        assertThat(memory.readLong(out + 8)).as("tv_usec, nanoseconds dropped").isEqualTo(500_000);
        assertThat(memory.readLong(tz)).as("tz_minuteswest and tz_dsttime: UTC").isZero();
        assertThat(emulated(a, GETTIMEOFDAY, 0, 0)).as("both pointers may be null").isZero();
        assertThat(emulated(a, GETTIMEOFDAY, BAD_POINTER, 0)).isEqualTo(-Errno.EFAULT);
    }

    @Test
    void timeReturnsWholeSecondsOfRealtimeAndStoresThemWhenAsked() {
        world.clock().advance(2_999_999_999L);
        assertThat(emulated(a, TIME, 0)).isEqualTo(EPOCH / NANOS + 2);
        assertThat(emulated(a, TIME, out)).isEqualTo(EPOCH / NANOS + 2);
        assertThat(memory.readLong(out)).isEqualTo(EPOCH / NANOS + 2);
    }

    @Test
    void timesReturnsMonotonicTicksAndTheProcessCpuTimeAsUserTicks() {
        GuestThread b = world.threadIn(a.process());
        world.clock().charge(a, 15_000_000);
        world.clock().charge(b, 14_000_000); // 29 ms of the process: 2 ticks of 10 ms
        fill(out, 32);
        long ticks = emulated(a, TIMES, out);
        assertThat(ticks).as("(60 s + 29 ms) / 10 ms").isEqualTo(6002);
        assertThat(memory.readLong(out)).as("tms_utime").isEqualTo(2);
        assertThat(memory.readLong(out + 8)).as("tms_stime").isZero();
        assertThat(memory.readLong(out + 16)).as("tms_cutime").isZero();
        assertThat(memory.readLong(out + 24)).as("tms_cstime").isZero();
        assertThat(emulated(a, TIMES, 0)).as("a null buffer still answers the ticks").isEqualTo(6002);
    }

    @Test
    void getrusageReportsTheProcessOrThreadCpuTimeAsUserTimeAndZeroElsewhere() {
        GuestThread b = world.threadIn(a.process());
        world.clock().charge(a, 1_000_000_000L);
        world.clock().charge(b, 500_250_999L);

        fill(out, 144);
        assertThat(emulated(a, GETRUSAGE, 0 /* RUSAGE_SELF */, out)).isZero();
        assertThat(memory.readLong(out)).as("ru_utime.tv_sec").isEqualTo(1);
        assertThat(memory.readLong(out + 8)).as("ru_utime.tv_usec").isEqualTo(500_250);
        assertThat(bytesAt(out + 16, 128)).as("ru_stime and every other field").containsOnly(0);

        fill(out, 144);
        emulated(b, GETRUSAGE, 1 /* RUSAGE_THREAD */, out);
        assertThat(memory.readLong(out)).isZero();
        assertThat(memory.readLong(out + 8)).isEqualTo(500_250);
        assertThat(bytesAt(out + 16, 128)).containsOnly(0);

        fill(out, 144);
        emulated(a, GETRUSAGE, -1 /* RUSAGE_CHILDREN */, out);
        assertThat(bytesAt(out, 144)).containsOnly(0);

        assertThat(emulated(a, GETRUSAGE, 0, BAD_POINTER)).isEqualTo(-Errno.EFAULT);
    }

    // --- nanosleep, clock_nanosleep ---

    @Test
    void nanosleepParksTheThreadUntilVirtualTimeReachesItsEnd() {
        world.clock().advance(1_000);
        assertThat(call(a, NANOSLEEP, memory.allocateTimespec(2_500_000_000L), 0)).isEqualTo(Disposition.BLOCK);
        assertThat(guest.blockedOn()).isEqualTo(new Wait.Sleep(1_000 + 2_500_000_000L));
        assertThat(guest.scheduler().parked()).containsExactly(a);
        assertThat(world.clock().elapsedNanos()).as("parking takes no virtual time").isEqualTo(1_000);
    }

    @Test
    void aRelativeClockNanosleepEndsItsDurationFromNowWhateverTheClock() {
        world.clock().advance(7);
        call(a, CLOCK_NANOSLEEP, CLOCK_REALTIME, 0, memory.allocateTimespec(300), 0);
        assertThat(guest.blockedOn()).isEqualTo(new Wait.Sleep(307));
        call(a, CLOCK_NANOSLEEP, CLOCK_BOOTTIME, 0, memory.allocateTimespec(400), 0);
        assertThat(guest.blockedOn()).isEqualTo(new Wait.Sleep(407));
    }

    @Test
    void anAbsoluteClockNanosleepEndsWhenTheClockItNamesReadsTheRequestedTime() {
        world.clock().advance(NANOS);
        call(a, CLOCK_NANOSLEEP, CLOCK_REALTIME, TIMER_ABSTIME, memory.allocateTimespec(EPOCH + 5 * NANOS), 0);
        assertThat(guest.blockedOn()).isEqualTo(new Wait.Sleep(5 * NANOS));
        call(a, CLOCK_NANOSLEEP, CLOCK_MONOTONIC, TIMER_ABSTIME, memory.allocateTimespec(BOOT + 7 * NANOS), 0);
        assertThat(guest.blockedOn()).isEqualTo(new Wait.Sleep(7 * NANOS));
        call(a, CLOCK_NANOSLEEP, CLOCK_MONOTONIC, TIMER_ABSTIME, memory.allocateTimespec(BOOT + 1), 0);
        assertThat(guest.blockedOn()).as("a time already past: ends now").isEqualTo(new Wait.Sleep(NANOS));
    }

    @Test
    void anEndlessSleepSaturatesToNever() {
        call(a, NANOSLEEP, memory.allocateTimespec(Long.MAX_VALUE, 999_999_999), 0);
        assertThat(guest.blockedOn()).isEqualTo(new Wait.Sleep(Wait.NEVER));
    }

    @Test
    void invalidSleepRequestsAreEinvalAndBadPointersEfaultWithoutParking() {
        for (long[] bad : new long[][] {{0, NANOS}, {0, -1}, {-1, 0}}) {
            long req = memory.allocateTimespec(bad[0], bad[1]);
            assertThat(emulated(a, NANOSLEEP, req, 0)).as("%s", Arrays.toString(bad)).isEqualTo(-Errno.EINVAL);
            assertThat(emulated(a, CLOCK_NANOSLEEP, CLOCK_MONOTONIC, 0, req, 0)).isEqualTo(-Errno.EINVAL);
        }
        long ok = memory.allocateTimespec(1);
        assertThat(emulated(a, CLOCK_NANOSLEEP, CLOCK_SGI_CYCLE, 0, ok, 0)).isEqualTo(-Errno.EINVAL);
        assertThat(emulated(a, CLOCK_NANOSLEEP, 99, TIMER_ABSTIME, ok, 0)).isEqualTo(-Errno.EINVAL);
        assertThat(emulated(a, NANOSLEEP, BAD_POINTER, 0)).isEqualTo(-Errno.EFAULT);
        assertThat(guest.scheduler().parked()).isEmpty();
    }

    @Test
    void aSleepInterruptedByASignalReportsTheVirtualTimeLeftInRem() {
        long rem = memory.allocate(16);
        call(a, NANOSLEEP, memory.allocateTimespec(10 * NANOS), rem);
        assertThat(guest.exitHookWanted()).isTrue();
        world.clock().advance(3 * NANOS); // SIGALRM at 3 s releases it; the kernel returns EINTR at once
        memory.writeTimespec(rem, 9_999_987_654L); // what the kernel wrote
        guest.exit(time, -Errno.EINTR);
        assertThat(guest.returned()).isEqualTo(-Errno.EINTR);
        assertThat(timespecAt(rem)).isEqualTo(new Timespec(7, 0));
    }

    @Test
    void aSleepWhoseSignalHasAHandlerIsSeenAtItsExitAsRestartBlockAndReportsTheVirtualTimeLeftToo() {
        long rem = memory.allocate(16);
        call(a, CLOCK_NANOSLEEP, 0, 0, memory.allocateTimespec(NANOS), rem);
        world.clock().advance(NANOS * 3 / 100); // a timer's signal at 30 ms
        memory.writeTimespec(rem, 999_999_000L);
        guest.exit(time, -516); // ERESTART_RESTARTBLOCK: the handler runs next, then it is EINTR
        assertThat(timespecAt(rem)).isEqualTo(new Timespec(0, 970_000_000));
    }

    // --- alarm, setitimer, getitimer ---

    /** getitimer(ITIMER_REAL) as {interval ns, value ns} at microsecond precision. */
    private long[] itimer(GuestThread t) {
        assertThat(emulated(t, GETITIMER, ITIMER_REAL, out)).isZero();
        return new long[] {memory.readLong(out) * NANOS + memory.readLong(out + 8) * 1000,
            memory.readLong(out + 16) * NANOS + memory.readLong(out + 24) * 1000};
    }

    private long itimerval(long intervalNanos, long valueNanos) {
        long v = memory.allocate(32);
        memory.writeTimeval(v, intervalNanos);
        memory.writeTimeval(v + 16, valueNanos);
        return v;
    }

    @Test
    void alarmArmsTheTimerAndReturnsTheSecondsLeftOfThePreviousOne() {
        assertThat(emulated(a, ALARM, 5)).as("nothing armed before").isZero();
        assertThat(itimer(a)).containsExactly(0, 5 * NANOS);
        world.clock().advance(1_500_000_000L);
        assertThat(emulated(a, ALARM, 10)).as("3.5 s left: 4").isEqualTo(4);
        world.clock().advance(2 * NANOS);
        assertThat(itimer(a)).containsExactly(0, 8 * NANOS);
        assertThat(emulated(a, ALARM, 0)).as("alarm(0) disarms and reports the 8 s left").isEqualTo(8);
        assertThat(itimer(a)).containsExactly(0, 0);
        assertThat(IntervalTimers.of(world.tree()).anyArmed()).isFalse();
    }

    @Test
    void alarmNeverReportsZeroWhileAnAlarmIsPending() {
        emulated(a, ALARM, 1);
        world.clock().advance(800_000_000L);
        assertThat(emulated(a, ALARM, 0)).as("0.2 s left").isEqualTo(1);
    }

    @Test
    void alarmRoundsTheSecondsLeftToTheNearestAsTheKernelDoes() {
        emulated(a, ALARM, 5);
        world.clock().advance(1_600_000_000L);
        assertThat(emulated(a, ALARM, 5)).as("3.4 s left").isEqualTo(3);
    }

    @Test
    void setitimerArmsValueAndIntervalAndReportsTheOldSettingAtMicrosecondPrecision() {
        long old = memory.allocate(32);
        assertThat(emulated(a, SETITIMER, ITIMER_REAL, itimerval(250_000_000L, 1_500_000_000L), old)).isZero();
        assertThat(bytesAt(old, 32)).as("nothing was armed").containsOnly(0);
        world.clock().advance(500_000_700L);
        assertThat(itimer(a)).as("interval, and value left (ns below a microsecond dropped)")
                .containsExactly(250_000_000L, 999_999_000L);

        assertThat(emulated(a, SETITIMER, ITIMER_REAL, itimerval(0, 3 * NANOS), old)).isZero();
        assertThat(memory.readLong(old)).isZero();
        assertThat(memory.readLong(old + 8)).isEqualTo(250_000);
        assertThat(memory.readLong(old + 16)).isZero();
        assertThat(memory.readLong(old + 24)).isEqualTo(999_999);
        assertThat(itimer(a)).containsExactly(0, 3 * NANOS);
    }

    @Test
    void setitimerWithAZeroValueDisarmsWhateverTheInterval() {
        emulated(a, SETITIMER, ITIMER_REAL, itimerval(NANOS, NANOS), 0);
        emulated(a, SETITIMER, ITIMER_REAL, itimerval(NANOS, 0), 0);
        assertThat(itimer(a)).containsExactly(0, 0);
        assertThat(IntervalTimers.of(world.tree()).anyArmed()).isFalse();
    }

    @Test
    void setitimerWithANullNewValueOnlyReportsTheOldOne() {
        emulated(a, SETITIMER, ITIMER_REAL, itimerval(0, 2 * NANOS), 0);
        long old = memory.allocate(32);
        assertThat(emulated(a, SETITIMER, ITIMER_REAL, 0, old)).isZero();
        assertThat(memory.readLong(old + 16)).isEqualTo(2);
    }

    @Test
    void setitimerRefusesMicrosecondsOutOfRangeAndKeepsTheTimer() {
        emulated(a, ALARM, 9);
        long bad = memory.allocate(32);
        memory.writeLongs(bad, 0, 0);
        memory.writeLongs(bad + 16, 1, 1_000_000);
        assertThat(emulated(a, SETITIMER, ITIMER_REAL, bad, 0)).isEqualTo(-Errno.EINVAL);
        memory.writeLongs(bad, 0, -1);
        memory.writeLongs(bad + 16, 1, 0);
        assertThat(emulated(a, SETITIMER, ITIMER_REAL, bad, 0)).isEqualTo(-Errno.EINVAL);
        assertThat(itimer(a)).containsExactly(0, 9 * NANOS);
        assertThat(emulated(a, SETITIMER, ITIMER_REAL, BAD_POINTER, 0)).isEqualTo(-Errno.EFAULT);
        assertThat(emulated(a, GETITIMER, ITIMER_REAL, BAD_POINTER)).isEqualTo(-Errno.EFAULT);
    }

    @Test
    void eachProcessHasItsOwnRealTimerSharedByItsThreads() {
        GuestThread b = world.threadIn(a.process());
        GuestThread child = world.childProcess(a);
        emulated(a, ALARM, 3);
        assertThat(itimer(b)).containsExactly(0, 3 * NANOS);
        guest.memoryOf(child.process()).map(out, 32);
        guest.call(child, GETITIMER, ITIMER_REAL, out).enter(time);
        assertThat(guest.memoryOf(child.process()).readLong(out + 16)).isZero();
    }

    @Test
    void theVirtualAndProfilingTimersPassToTheKernel() {
        assertThat(call(a, SETITIMER, ITIMER_VIRTUAL, itimerval(0, NANOS), 0)).isEqualTo(Disposition.PASS);
        assertThat(call(a, GETITIMER, ITIMER_PROF, out)).isEqualTo(Disposition.PASS);
        assertThat(IntervalTimers.of(world.tree()).anyArmed()).isFalse();
    }
}
