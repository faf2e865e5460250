package dev.vbench.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vbench.core.supervisor.GuestProcess;
import dev.vbench.core.supervisor.GuestThread;
import org.junit.jupiter.api.Test;

class VirtualClockTest {
    /** 100 ns per syscall, 10 per conditional branch, 1 per instruction, 25 per trap. */
    private static final CostModel MODEL = new CostModel("test", 100, 10, 1, 25);

    @Test
    void withoutCountsOnlyEventsAndSleepsMoveTime() {
        VirtualClock clock = new VirtualClock(CostModel.DEFAULT, CounterBackend.NONE);
        GuestThread t = Guests.newProcessThread(null);
        clock.onSyscall(t);
        clock.onSyscall(t);
        clock.onTrap(t);
        clock.onRuntimeSyscall(t);
        assertThat(t.chargedNanos).isEqualTo(20_025);
        assertThat(clock.threadNanos(t)).isEqualTo(20_025);
        clock.onSleep(t, 1_000_000);
        assertThat(t.chargedNanos).as("sleeping is not CPU time").isEqualTo(20_025);
        assertThat(clock.elapsedNanos()).isEqualTo(1_020_025);
        assertThat(clock.totals()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void perProcessScopeChargesTheDeltaSinceTheLastReading() {
        FakeCounter counter = new FakeCounter(true);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        GuestThread t = Guests.newProcessThread(null);

        counter.set(t.process(), 1000, 50, 7, 0);
        clock.onSyscall(t);
        assertThat(t.chargedNanos).isEqualTo(100 + 500 + 1000);

        counter.set(t.process(), 1500, 80, 9, 0);
        clock.onSyscall(t);
        assertThat(t.chargedNanos).isEqualTo(1600 + 100 + 300 + 500);

        clock.onSyscall(t); // nothing new counted
        assertThat(t.chargedNanos).isEqualTo(2500 + 100);
        assertThat(clock.elapsedNanos()).isEqualTo(2600);
        assertThat(clock.totals()).containsExactly(1500, 80, 9, 0);
    }

    @Test
    void backendCountedSyscallsArePricedAsSyscalls() {
        FakeCounter counter = new FakeCounter(true);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        GuestThread t = Guests.newProcessThread(null);
        counter.set(t.process(), 0, 0, 0, 3);
        clock.onRuntimeSyscall(t);
        assertThat(t.chargedNanos).isEqualTo(300);
        assertThat(clock.totals()[CounterBackend.SYSCALLS]).isEqualTo(3);
    }

    @Test
    void aTrapChargesTheTrapAndTheWorkBeforeIt() {
        FakeCounter counter = new FakeCounter(true);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        GuestThread t = Guests.newProcessThread(null);
        counter.set(t.process(), 10, 1, 0, 0);
        clock.onTrap(t);
        assertThat(t.chargedNanos).isEqualTo(25 + 10 + 10);
    }

    @Test
    void threadsOfOneProcessShareItsReadingAndEachGetsTheWorkSinceTheLastOne() {
        FakeCounter counter = new FakeCounter(true);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        GuestThread a = Guests.newProcessThread(null);
        GuestThread b = Guests.thread(a.process());
        clock.onNewThread(a, b);

        counter.set(a.process(), 0, 50, 0, 0);
        clock.onRuntimeSyscall(a);
        clock.onRuntimeSyscall(b);
        assertThat(a.chargedNanos).isEqualTo(500);
        assertThat(b.chargedNanos).isZero();

        counter.set(a.process(), 0, 80, 0, 0);
        clock.onRuntimeSyscall(b);
        assertThat(b.chargedNanos).isEqualTo(300);
        assertThat(clock.elapsedNanos()).isEqualTo(800);
    }

    @Test
    void aForkedChildStartsFromACopyOfItsParentsReading() {
        FakeCounter counter = new FakeCounter(true);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        GuestThread parent = Guests.newProcessThread(null);
        counter.set(parent.process(), 0, 100, 0, 0);
        clock.onRuntimeSyscall(parent);
        assertThat(parent.chargedNanos).isEqualTo(1000);

        // the parent worked a little more before the fork; its block is copied into the child
        counter.set(parent.process(), 0, 120, 0, 0);
        GuestThread child = Guests.newProcessThread(parent.process());
        counter.set(child.process(), 0, 120, 0, 0);
        clock.onNewThread(parent, child);
        assertThat(parent.chargedNanos).as("brought up to the fork").isEqualTo(1200);
        assertThat(child.chargedNanos).isZero();

        counter.set(child.process(), 0, 125, 0, 0);
        clock.onRuntimeSyscall(child);
        assertThat(child.chargedNanos).as("only the child's own work").isEqualTo(50);

        counter.set(parent.process(), 0, 130, 0, 0);
        clock.onRuntimeSyscall(parent);
        assertThat(parent.chargedNanos).isEqualTo(1300);
        assertThat(clock.totals()[CounterBackend.BRANCHES_CONDITIONAL]).isEqualTo(135);
        assertThat(counter.calls).containsExactly("new " + parent.vtid() + "->" + child.vtid());
    }

    @Test
    void execStartsTheProcessReadingFromZero() {
        FakeCounter counter = new FakeCounter(true);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        GuestThread t = Guests.newProcessThread(null);
        counter.set(t.process(), 0, 1000, 0, 0);
        clock.onRuntimeSyscall(t);
        assertThat(t.chargedNanos).isEqualTo(10_000);

        clock.onExec(t);
        counter.set(t.process(), 0, 30, 0, 0); // the new image's block counts from zero
        clock.onRuntimeSyscall(t);
        assertThat(t.chargedNanos).isEqualTo(10_300);
        assertThat(clock.totals()[CounterBackend.BRANCHES_CONDITIONAL]).isEqualTo(1030);
        assertThat(counter.calls).containsExactly("exec " + t.vtid());
    }

    @Test
    void perThreadScopeKeepsAReadingPerThread() {
        FakeCounter counter = new FakeCounter(false);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        GuestThread a = Guests.newProcessThread(null);
        GuestThread b = Guests.thread(a.process());
        clock.onNewThread(a, b);

        counter.set(a, 100, 10, 0, 0);
        counter.set(b, 7, 1, 0, 0);
        clock.onRuntimeSyscall(a);
        clock.onRuntimeSyscall(b);
        assertThat(a.chargedNanos).isEqualTo(200);
        assertThat(b.chargedNanos).isEqualTo(17);

        counter.set(a, 150, 10, 0, 0);
        clock.onRuntimeSyscall(a);
        clock.onRuntimeSyscall(b);
        assertThat(a.chargedNanos).isEqualTo(250);
        assertThat(b.chargedNanos).isEqualTo(17);
        assertThat(clock.totals()).containsExactly(157, 11, 0, 0);
    }

    @Test
    void perThreadScopeGivesAForkedChildItsOwnReading() {
        FakeCounter counter = new FakeCounter(false);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        GuestThread parent = Guests.newProcessThread(null);
        counter.set(parent, 100, 0, 0, 0);
        clock.onRuntimeSyscall(parent);
        GuestThread child = Guests.newProcessThread(parent.process());
        clock.onNewThread(parent, child);
        counter.set(child, 3, 0, 0, 0); // perf counters of a new thread start at zero
        clock.onRuntimeSyscall(child);
        assertThat(child.chargedNanos).isEqualTo(3);
        assertThat(parent.chargedNanos).isEqualTo(100);
    }

    @Test
    void noReadingChargesOnlyTheEvent() {
        FakeCounter counter = new FakeCounter(true);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        GuestThread t = Guests.newProcessThread(null);
        clock.onSyscall(t);
        assertThat(t.chargedNanos).isEqualTo(100);
    }

    @Test
    void exitedThreadsAreReportedInExitOrderWithTheirOwnWork() {
        FakeCounter counter = new FakeCounter(false);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        GuestThread a = Guests.newProcessThread(null);
        GuestThread b = Guests.thread(a.process());
        counter.set(a, 10, 2, 1, 0);
        counter.set(b, 40, 5, 3, 0);
        clock.onSyscall(a);
        clock.onSyscall(b);
        a.syscalls = 4;
        b.syscalls = 9;
        clock.onThreadExit(b);
        clock.onThreadExit(a);
        assertThat(clock.threads()).containsExactly(
                new VirtualClock.ThreadWork(b.vtid(), 40, 5, 3, 9),
                new VirtualClock.ThreadWork(a.vtid(), 10, 2, 1, 4));
        assertThatThrownBy(() -> clock.threads().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(counter.calls).containsExactly("exit " + b.vtid(), "exit " + a.vtid());
    }

    @Test
    void totalsIsACopy() {
        FakeCounter counter = new FakeCounter(true);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        GuestThread t = Guests.newProcessThread(null);
        counter.set(t.process(), 1, 1, 1, 1);
        clock.onRuntimeSyscall(t);
        clock.totals()[0] = 999;
        assertThat(clock.totals()).containsExactly(1, 1, 1, 1);
    }

    @Test
    void theSameEventsGiveTheSameTime() {
        long[] elapsed = new long[2];
        for (int run = 0; run < 2; run++) {
            FakeCounter counter = new FakeCounter(true);
            VirtualClock clock = new VirtualClock(CostModel.DEFAULT, counter);
            GuestThread t = Guests.newProcessThread(null);
            for (int i = 1; i <= 100; i++) {
                counter.set(t.process(), i * 1000L, i * 37L, i, 0);
                clock.onSyscall(t);
            }
            elapsed[run] = clock.elapsedNanos();
        }
        assertThat(elapsed[0]).isEqualTo(elapsed[1]).isEqualTo(100 * 10_000L + 100 * 37 * 10L);
    }

    @Test
    void helperProcessesAreLinked() {
        GuestProcess p = Guests.process(null);
        GuestThread t = Guests.thread(p);
        assertThat(t.process()).isSameAs(p);
        assertThat(p.threads()).containsExactly(t);
    }
}
