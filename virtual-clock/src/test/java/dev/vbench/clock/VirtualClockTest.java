package dev.vbench.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vbench.core.guest.GuestThread;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VirtualClockTest {
    /** 100 ns per syscall, 10 per conditional branch, 1 per instruction, 25 per trap. */
    private static final CostModel MODEL = new CostModel("test", Map.of(Counts.SYSCALLS, 100.0,
            Counts.BRANCHES_CONDITIONAL, 10.0, Counts.INSTRUCTIONS, 1.0, Counts.TRAPS, 25.0));

    private static Map<String, Long> counts(long instructions, long branches, long indirect, long syscalls) {
        return Map.of(Counts.INSTRUCTIONS, instructions, Counts.BRANCHES_CONDITIONAL, branches,
                Counts.BRANCHES_INDIRECT, indirect, Counts.SYSCALLS, syscalls);
    }

    @Test
    void withoutCountsOnlyEventsAndSleepsMoveTime() {
        VirtualClock clock = new VirtualClock(CostModel.DEFAULT, CounterBackend.NONE);
        Guests g = new Guests(clock);
        GuestThread t = g.root();
        clock.onSyscall(t);
        clock.onSyscall(t);
        clock.onTrap(t);
        clock.onRuntimeSyscall(t);
        assertThat(clock.threadNanos(t)).isEqualTo(20_025);
        assertThat(clock.threadNanos(t)).isEqualTo(20_025);
        clock.onSleep(t, 1_000_000);
        assertThat(clock.threadNanos(t)).as("sleeping is not CPU time").isEqualTo(20_025);
        assertThat(clock.elapsedNanos()).isEqualTo(1_020_025);
        assertThat(clock.totals()).isEmpty();
    }

    @Test
    void perProcessScopeChargesTheDeltaSinceTheLastReading() {
        FakeCounter counter = new FakeCounter(true);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        Guests g = new Guests(clock);
        GuestThread t = g.root();

        counter.set(t.process(), 1000, 50, 7, 0);
        clock.onSyscall(t);
        assertThat(clock.threadNanos(t)).isEqualTo(100 + 500 + 1000);

        counter.set(t.process(), 1500, 80, 9, 0);
        clock.onSyscall(t);
        assertThat(clock.threadNanos(t)).isEqualTo(1600 + 100 + 300 + 500);

        clock.onSyscall(t); // nothing new counted
        assertThat(clock.threadNanos(t)).isEqualTo(2500 + 100);
        assertThat(clock.elapsedNanos()).isEqualTo(2600);
        assertThat(clock.totals()).isEqualTo(counts(1500, 80, 9, 0));
    }

    @Test
    void backendCountedSyscallsArePricedAsSyscalls() {
        FakeCounter counter = new FakeCounter(true);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        Guests g = new Guests(clock);
        GuestThread t = g.root();
        counter.set(t.process(), 0, 0, 0, 3);
        clock.onRuntimeSyscall(t);
        assertThat(clock.threadNanos(t)).isEqualTo(300);
        assertThat(clock.totals().get(Counts.SYSCALLS)).isEqualTo(3);
    }

    @Test
    void aTrapChargesTheTrapAndTheWorkBeforeIt() {
        FakeCounter counter = new FakeCounter(true);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        Guests g = new Guests(clock);
        GuestThread t = g.root();
        counter.set(t.process(), 10, 1, 0, 0);
        clock.onTrap(t);
        assertThat(clock.threadNanos(t)).isEqualTo(25 + 10 + 10);
    }

    @Test
    void threadsOfOneProcessShareItsReadingAndEachGetsTheWorkSinceTheLastOne() {
        FakeCounter counter = new FakeCounter(true);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        Guests g = new Guests(clock);
        GuestThread a = g.root();
        GuestThread b = g.thread(a);
        clock.onNewThread(a, b);

        counter.set(a.process(), 0, 50, 0, 0);
        clock.onRuntimeSyscall(a);
        clock.onRuntimeSyscall(b);
        assertThat(clock.threadNanos(a)).isEqualTo(500);
        assertThat(clock.threadNanos(b)).isZero();

        counter.set(a.process(), 0, 80, 0, 0);
        clock.onRuntimeSyscall(b);
        assertThat(clock.threadNanos(b)).isEqualTo(300);
        assertThat(clock.elapsedNanos()).isEqualTo(800);
    }

    @Test
    void aForkedChildStartsFromACopyOfItsParentsReading() {
        FakeCounter counter = new FakeCounter(true);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        Guests g = new Guests(clock);
        GuestThread parent = g.root();
        counter.set(parent.process(), 0, 100, 0, 0);
        clock.onRuntimeSyscall(parent);
        assertThat(clock.threadNanos(parent)).isEqualTo(1000);

        // the parent worked a little more before the fork; its block is copied into the child
        counter.set(parent.process(), 0, 120, 0, 0);
        GuestThread child = g.newProcess(parent);
        counter.set(child.process(), 0, 120, 0, 0);
        clock.onNewThread(parent, child);
        assertThat(clock.threadNanos(parent)).as("brought up to the fork").isEqualTo(1200);
        assertThat(clock.threadNanos(child)).isZero();

        counter.set(child.process(), 0, 125, 0, 0);
        clock.onRuntimeSyscall(child);
        assertThat(clock.threadNanos(child)).as("only the child's own work").isEqualTo(50);

        counter.set(parent.process(), 0, 130, 0, 0);
        clock.onRuntimeSyscall(parent);
        assertThat(clock.threadNanos(parent)).isEqualTo(1300);
        assertThat(clock.totals().get(Counts.BRANCHES_CONDITIONAL)).isEqualTo(135);
        assertThat(counter.calls).containsExactly("new " + parent.vtid() + "->" + child.vtid());
    }

    @Test
    void execStartsTheProcessReadingFromZero() {
        FakeCounter counter = new FakeCounter(true);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        Guests g = new Guests(clock);
        GuestThread t = g.root();
        counter.set(t.process(), 0, 1000, 0, 0);
        clock.onRuntimeSyscall(t);
        assertThat(clock.threadNanos(t)).isEqualTo(10_000);

        clock.onExec(t);
        counter.set(t.process(), 0, 30, 0, 0); // the new image's block counts from zero
        clock.onRuntimeSyscall(t);
        assertThat(clock.threadNanos(t)).isEqualTo(10_300);
        assertThat(clock.totals().get(Counts.BRANCHES_CONDITIONAL)).isEqualTo(1030);
        assertThat(counter.calls).containsExactly("exec " + t.vtid());
    }

    @Test
    void perThreadScopeKeepsAReadingPerThread() {
        FakeCounter counter = new FakeCounter(false);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        Guests g = new Guests(clock);
        GuestThread a = g.root();
        GuestThread b = g.thread(a);
        clock.onNewThread(a, b);

        counter.set(a, 100, 10, 0, 0);
        counter.set(b, 7, 1, 0, 0);
        clock.onRuntimeSyscall(a);
        clock.onRuntimeSyscall(b);
        assertThat(clock.threadNanos(a)).isEqualTo(200);
        assertThat(clock.threadNanos(b)).isEqualTo(17);

        counter.set(a, 150, 10, 0, 0);
        clock.onRuntimeSyscall(a);
        clock.onRuntimeSyscall(b);
        assertThat(clock.threadNanos(a)).isEqualTo(250);
        assertThat(clock.threadNanos(b)).isEqualTo(17);
        assertThat(clock.totals()).isEqualTo(counts(157, 11, 0, 0));
    }

    @Test
    void perThreadScopeGivesAForkedChildItsOwnReading() {
        FakeCounter counter = new FakeCounter(false);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        Guests g = new Guests(clock);
        GuestThread parent = g.root();
        counter.set(parent, 100, 0, 0, 0);
        clock.onRuntimeSyscall(parent);
        GuestThread child = g.newProcess(parent);
        clock.onNewThread(parent, child);
        counter.set(child, 3, 0, 0, 0); // perf counters of a new thread start at zero
        clock.onRuntimeSyscall(child);
        assertThat(clock.threadNanos(child)).isEqualTo(3);
        assertThat(clock.threadNanos(parent)).isEqualTo(100);
    }

    @Test
    void noReadingChargesOnlyTheEvent() {
        FakeCounter counter = new FakeCounter(true);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        Guests g = new Guests(clock);
        GuestThread t = g.root();
        clock.onSyscall(t);
        assertThat(clock.threadNanos(t)).isEqualTo(100);
    }

    @Test
    void exitedThreadsAreReportedInExitOrderWithTheirOwnWork() {
        FakeCounter counter = new FakeCounter(false);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        Guests g = new Guests(clock);
        GuestThread a = g.root();
        GuestThread b = g.thread(a);
        counter.set(a, 10, 2, 1, 0);
        counter.set(b, 40, 5, 3, 0);
        for (int i = 0; i < 4; i++) {
            clock.onSyscall(a);
        }
        for (int i = 0; i < 9; i++) {
            clock.onSyscall(b);
        }
        counter.set(b, 40, 5, 3, 2); // and the backend saw 2 more of b's system calls
        clock.onRuntimeSyscall(b);
        clock.onThreadExit(b);
        clock.onThreadExit(a);
        assertThat(clock.threads()).containsExactly(
                new VirtualClock.ThreadWork(b.vtid(), counts(40, 5, 3, 9 + 2)),
                new VirtualClock.ThreadWork(a.vtid(), counts(10, 2, 1, 4)));
        assertThatThrownBy(() -> clock.threads().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(counter.calls).containsExactly("exit " + b.vtid(), "exit " + a.vtid());
    }

    @Test
    void totalsIsACopy() {
        FakeCounter counter = new FakeCounter(true);
        VirtualClock clock = new VirtualClock(MODEL, counter);
        Guests g = new Guests(clock);
        GuestThread t = g.root();
        counter.set(t.process(), 1, 1, 1, 1);
        clock.onRuntimeSyscall(t);
        clock.totals().clear(); // a copy: clearing it changes nothing
        assertThat(clock.totals()).isEqualTo(counts(1, 1, 1, 1));
    }

    @Test
    void theSameEventsGiveTheSameTime() {
        long[] elapsed = new long[2];
        for (int run = 0; run < 2; run++) {
            FakeCounter counter = new FakeCounter(true);
            VirtualClock clock = new VirtualClock(CostModel.DEFAULT, counter);
            Guests g = new Guests(clock);
            GuestThread t = g.root();
            for (int i = 1; i <= 100; i++) {
                counter.set(t.process(), i * 1000L, i * 37L, i, 0);
                clock.onSyscall(t);
            }
            elapsed[run] = clock.elapsedNanos();
        }
        assertThat(elapsed[0]).isEqualTo(elapsed[1]).isEqualTo(100 * 10_000L + 100 * 37 * 10L);
    }

    @Test
    void eachCountIsPricedByItsNameWhateverItsPosition() {
        // --perf-events branches alone: conditional branches in the first slot, priced as such
        CounterBackend branchesOnly = new CounterBackend() {
            @Override
            public String name() {
                return "perf";
            }

            @Override
            public java.util.List<String> countNames() {
                return java.util.List.of(Counts.BRANCHES_CONDITIONAL);
            }

            @Override
            public boolean read(GuestThread thread, long[] out) {
                out[0] = 7;
                return true;
            }

            @Override
            public boolean perProcess() {
                return false;
            }
        };
        VirtualClock clock = new VirtualClock(MODEL, branchesOnly);
        GuestThread t = new Guests(clock).root();
        clock.onRuntimeSyscall(t);
        assertThat(clock.threadNanos(t)).isEqualTo(70);
        assertThat(clock.totals()).isEqualTo(Map.of(Counts.BRANCHES_CONDITIONAL, 7L));
    }

    @Test
    void processTimeIsItsLiveAndExitedThreadsTime() {
        VirtualClock clock = new VirtualClock(MODEL, CounterBackend.NONE);
        Guests g = new Guests(clock);
        GuestThread a = g.root();
        GuestThread b = g.thread(a);
        clock.onSyscall(a);
        clock.onSyscall(b);
        clock.onSyscall(b);
        g.exit(b);
        assertThat(clock.processNanos(a.process())).isEqualTo(300);
    }

    @Test
    void aChildProcessesTimeIsItsOwnAndAnExecKeepsAProcessesTime() {
        VirtualClock clock = new VirtualClock(MODEL, CounterBackend.NONE);
        Guests g = new Guests(clock);
        GuestThread a = g.root();
        clock.onSyscall(a);
        GuestThread child = g.newProcess(a);
        clock.onNewThread(a, child);
        GuestThread childThread = g.thread(child);
        clock.onSyscall(child);
        clock.onSyscall(childThread);
        clock.onSyscall(childThread);
        clock.onExec(child);
        clock.onSyscall(child);
        assertThat(clock.processNanos(a.process())).isEqualTo(100);
        assertThat(clock.processNanos(child.process())).isEqualTo(400);
        g.exit(childThread);
        assertThat(clock.processNanos(child.process())).isEqualTo(400);
        assertThat(clock.threadNanos(child)).isEqualTo(200);
    }
}
