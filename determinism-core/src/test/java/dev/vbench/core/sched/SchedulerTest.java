package dev.vbench.core.sched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.guest.Wait;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    /** Each test's guests and the clock their CPU time is charged to (a fresh world per test). */
    private static final ThreadLocal<TestGuests> WORLD = ThreadLocal.withInitial(TestGuests::new);

    @org.junit.jupiter.api.BeforeEach
    void freshWorld() {
        WORLD.set(new TestGuests());
    }

    private static TestGuests world() {
        return WORLD.get();
    }

    /** A scheduler that measures slices in the test clock's CPU time. */
    private static Scheduler scheduler(long seed, boolean chaos) {
        return Scheduler.forSeed(seed, chaos, t -> world().clock().threadNanos(t));
    }

    private static GuestThread thread() {
        TestGuests w = world();
        return w.tree().root() == null ? w.root() : w.threadIn(w.root().process());
    }

    private static void charge(GuestThread t, long nanos) {
        world().clock().charge(t, nanos);
    }

    /** {@code n} threads of a new world, virtual ids 1000, 1001, ... */
    private static List<GuestThread> threads(int n) {
        WORLD.set(new TestGuests());
        List<GuestThread> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(thread());
        }
        return out;
    }

    /** Picks, runs for {@code nanosPerTurn} and re-readies the chosen thread {@code turns} times; the vtids picked. */
    private static List<Integer> drive(Scheduler s, List<GuestThread> ts, int turns, long nanosPerTurn) {
        for (GuestThread t : ts) {
            s.admit(t);
            s.makeReady(t);
        }
        List<Integer> picks = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            GuestThread t = s.pickNext();
            assertThat(t).isNotNull();
            assertThat(s.running()).isSameAs(t);
            picks.add(t.vtid());
            charge(t, nanosPerTurn);
            s.stopped(t);
            s.makeReady(t);
        }
        return picks;
    }

    /** Run lengths of consecutive equal picks. */
    private static List<Integer> runs(List<Integer> picks) {
        List<Integer> out = new ArrayList<>();
        int len = 1;
        for (int i = 1; i <= picks.size(); i++) {
            if (i < picks.size() && picks.get(i).equals(picks.get(i - 1))) {
                len++;
            } else {
                out.add(len);
                len = 1;
            }
        }
        return out;
    }

    @Test
    void nothingReadyPicksNull() {
        Scheduler s = scheduler(0, false);
        assertThat(s.hasReady()).isFalse();
        assertThat(s.pickNext()).isNull();
        assertThat(s.running()).isNull();
        assertThat(s.turns()).isZero();
    }

    @Test
    void roundRobinKeepsTheRunningThreadForSliceTurnsThenTakesTheLongestWaiting() {
        Scheduler s = scheduler(0, false);
        List<GuestThread> ts = threads(3);
        List<Integer> picks = drive(s, ts, 3 * Scheduler.SLICE_TURNS + 1, 0); // free work: only turns end slices
        for (int i = 0; i < Scheduler.SLICE_TURNS; i++) {
            assertThat(picks.get(i)).isEqualTo(1000);
            assertThat(picks.get(Scheduler.SLICE_TURNS + i)).isEqualTo(1001);
            assertThat(picks.get(2 * Scheduler.SLICE_TURNS + i)).isEqualTo(1002);
        }
        assertThat(picks.get(3 * Scheduler.SLICE_TURNS)).isEqualTo(1000);
        assertThat(s.turns()).isEqualTo(3L * Scheduler.SLICE_TURNS + 1);
        assertThat(s.contextSwitches()).isEqualTo(4);
        assertThat(s.preemptions()).isEqualTo(3);
    }

    @Test
    void roundRobinEndsASliceAfterSliceNanosOfTheThreadsOwnTime() {
        Scheduler s = scheduler(0, false);
        List<GuestThread> ts = threads(2);
        long perTurn = Scheduler.SLICE_NANOS / 4;
        List<Integer> picks = drive(s, ts, 12, perTurn);
        assertThat(picks).containsExactly(1000, 1000, 1000, 1000, 1001, 1001, 1001, 1001, 1000, 1000, 1000, 1000);
    }

    @Test
    void aSliceJustShortOfSliceNanosContinues() {
        Scheduler s = scheduler(0, false);
        List<GuestThread> ts = threads(2);
        for (GuestThread t : ts) {
            s.makeReady(t);
        }
        GuestThread a = s.pickNext();
        charge(a, Scheduler.SLICE_NANOS - 1);
        s.stopped(a);
        s.makeReady(a);
        assertThat(s.pickNext()).isSameAs(a);
        charge(a, 1);
        s.stopped(a);
        s.makeReady(a);
        assertThat(s.pickNext()).isSameAs(ts.get(1));
    }

    @Test
    void aThreadAloneKeepsRunningPastItsSliceWithoutPreemption() {
        Scheduler s = scheduler(0, false);
        List<Integer> picks = drive(s, threads(1), 200, Scheduler.SLICE_NANOS);
        assertThat(picks).containsOnly(1000);
        assertThat(s.preemptions()).isZero();
        assertThat(s.contextSwitches()).isEqualTo(1);
    }

    @Test
    void roundRobinVisitsThreadsInTheOrderTheyBecameReady() {
        Scheduler s = scheduler(0, false);
        List<GuestThread> ts = threads(4);
        for (int i : new int[] {2, 0, 3, 1}) {
            s.makeReady(ts.get(i));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            GuestThread t = s.pickNext();
            order.add(t.vtid());
            charge(t, Scheduler.SLICE_NANOS);
            s.stopped(t);
            s.makeReady(t);
        }
        assertThat(order).containsExactly(1002, 1000, 1003, 1001, 1002, 1000, 1003, 1001);
    }

    @Test
    void yieldEndsTheSlice() {
        Scheduler s = scheduler(0, false);
        List<GuestThread> ts = threads(2);
        ts.forEach(s::makeReady);
        GuestThread a = s.pickNext();
        s.stopped(a);
        s.yielded(a);
        s.makeReady(a);
        assertThat(s.pickNext()).isSameAs(ts.get(1));
    }

    @Test
    void aSliceThatEndedWhileNoOneElseWasReadyStaysOverUntilAnotherThreadIsReady() {
        Scheduler s = scheduler(0, false);
        List<GuestThread> ts = threads(2);
        GuestThread a = ts.get(0);
        GuestThread b = ts.get(1);
        s.makeReady(a);
        assertThat(s.pickNext()).isSameAs(a);
        s.stopped(a);
        s.yielded(a);
        s.makeReady(a);
        assertThat(s.pickNext()).as("alone: it keeps running").isSameAs(a);
        s.stopped(a);
        s.makeReady(a);
        s.makeReady(b);
        assertThat(s.pickNext()).as("its slice did not start again").isSameAs(b);
    }

    @Test
    void whenTheChosenThreadCannotRunThePreemptedOneContinuesWithItsSliceStillOver() {
        Scheduler s = scheduler(0, false);
        List<GuestThread> ts = threads(2);
        GuestThread a = ts.get(0);
        GuestThread b = ts.get(1);
        ts.forEach(s::makeReady);
        assertThat(s.pickNext()).isSameAs(a);
        charge(a, Scheduler.SLICE_NANOS);
        s.stopped(a);
        s.makeReady(a);
        assertThat(s.pickNext()).isSameAs(b);
        s.park(b, new Wait.Sleep(5_000)); // what b waited for was taken (WaitChecker.stillReady)
        s.couldNotRun(b);
        assertThat(s.running()).isNull();
        assertThat(s.pickNext()).isSameAs(a);
        s.stopped(a);
        s.makeReady(a);
        s.makeReady(b);
        assertThat(s.pickNext()).as("the hand-off is due at a's next stop").isSameAs(b);
    }

    @Test
    void aSpinningThreadGivesUpItsSliceAndIsCounted() {
        Scheduler s = scheduler(0, false);
        List<GuestThread> ts = threads(2);
        ts.forEach(s::makeReady);
        GuestThread a = s.pickNext();
        s.stopped(a);
        s.spun(a);
        s.makeReady(a);
        assertThat(s.pickNext()).isSameAs(ts.get(1));
        assertThat(s.spinYields()).isEqualTo(1);
    }

    @Test
    void yieldOfAThreadThatDidNotRunLastChangesNothing() {
        Scheduler s = scheduler(0, false);
        List<GuestThread> ts = threads(2);
        ts.forEach(s::makeReady);
        GuestThread a = s.pickNext();
        s.stopped(a);
        s.yielded(ts.get(1));
        s.makeReady(a);
        assertThat(s.pickNext()).isSameAs(a);
    }

    @Test
    void parkedThreadsAreNotPickedUntilMadeReady() {
        Scheduler s = scheduler(0, false);
        List<GuestThread> ts = threads(2);
        GuestThread a = ts.get(0);
        GuestThread b = ts.get(1);
        ts.forEach(s::makeReady);
        assertThat(s.pickNext()).isSameAs(a);
        s.stopped(a);
        a.signalSent(1);
        a.signalSent(3);
        Wait wait = new Wait.Sleep(5_000);
        s.park(a, wait);
        assertThat(s.waitOf(a)).isSameAs(wait);
        assertThat(a.incomingSignals()).isZero();
        assertThat(s.parked()).containsExactly(a);

        assertThat(s.pickNext()).isSameAs(b);
        s.stopped(b);
        assertThat(s.hasReady()).isFalse();
        assertThat(s.pickNext()).isNull();

        s.makeReady(a);
        assertThat(s.waitOf(a)).isNull();
        assertThat(s.parked()).isEmpty();
        assertThat(s.pickNext()).isSameAs(a);
    }

    @Test
    void parkingAReadyThreadTakesItOffTheReadyList() {
        Scheduler s = scheduler(0, false);
        GuestThread a = thread();
        s.makeReady(a);
        s.park(a, new Wait.Sleep(1));
        s.park(a, new Wait.Sleep(2));
        assertThat(s.hasReady()).isFalse();
        assertThat(s.parked()).containsExactly(a);
        assertThat(s.waitOf(a)).isEqualTo(new Wait.Sleep(2));
    }

    @Test
    void makeReadyTwiceQueuesTheThreadOnce() {
        Scheduler s = scheduler(0, false);
        GuestThread a = thread();
        s.makeReady(a);
        s.makeReady(a);
        assertThat(s.pickNext()).isSameAs(a);
        assertThat(s.hasReady()).isFalse();
    }

    @Test
    void forgetRemovesTheThreadEverywhere() {
        Scheduler s = scheduler(0, false);
        List<GuestThread> ts = threads(3);
        ts.forEach(s::makeReady);
        GuestThread a = s.pickNext();
        s.forget(a);
        assertThat(s.running()).isNull();

        s.park(ts.get(1), new Wait.Sleep(1));
        s.forget(ts.get(1));
        assertThat(s.parked()).isEmpty();

        long switches = s.contextSwitches();
        assertThat(s.pickNext()).isSameAs(ts.get(2));
        assertThat(s.contextSwitches()).isEqualTo(switches + 1);
        assertThat(s.preemptions()).isZero();
        s.forget(ts.get(2));
        assertThat(s.hasReady()).isFalse();
        assertThat(s.pickNext()).isNull();
    }

    @Test
    void stoppedOnlyClearsTheRunningThread() {
        Scheduler s = scheduler(0, false);
        List<GuestThread> ts = threads(2);
        s.makeReady(ts.get(0));
        GuestThread a = s.pickNext();
        s.stopped(ts.get(1));
        assertThat(s.running()).isSameAs(a);
        s.stopped(a);
        assertThat(s.running()).isNull();
    }

    @Test
    void roundRobinAdmitsWithPriorityZero() {
        Scheduler s = scheduler(0, false);
        GuestThread a = thread();
        s.admit(a);
        assertThat(s.priorityOf(a)).isZero();
    }

    @Test
    void seededScheduleIsAFunctionOfTheSeed() {
        List<Integer> first = drive(scheduler(7, false), threads(4), 500, 100_000);
        List<Integer> again = drive(scheduler(7, false), threads(4), 500, 100_000);
        List<Integer> other = drive(scheduler(8, false), threads(4), 500, 100_000);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first).as("every thread gets turns").contains(1000, 1001, 1002, 1003);
    }

    @Test
    void seededSchedulesDifferFromRoundRobin() {
        List<Integer> rr = drive(scheduler(0, false), threads(4), 500, 100_000);
        List<Integer> seeded = drive(scheduler(7, false), threads(4), 500, 100_000);
        assertThat(seeded).isNotEqualTo(rr);
        // round robin: every slice is exactly SLICE_NANOS / 100_000 = 10 turns
        assertThat(runs(rr)).containsOnly(10);
        // seeded: slices last between SLICE_NANOS/2 and 3*SLICE_NANOS/2 (5 to 15 turns here), and a
        // thread may be drawn again, so a run is at least 5 turns and the lengths vary
        List<Integer> seededRuns = runs(seeded);
        assertThat(seededRuns.subList(0, seededRuns.size() - 1)).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(5));
        assertThat(new java.util.HashSet<>(seededRuns)).hasSizeGreaterThan(2);
    }

    @Test
    void seededSlicesOfFreeWorkEndAfterSliceTurns() {
        List<Integer> picks = drive(scheduler(3, false), threads(3), 2000, 0);
        List<Integer> runs = runs(picks);
        // each slice is exactly SLICE_TURNS long; a thread drawn again makes a run of several slices
        assertThat(runs.subList(0, runs.size() - 1)).allSatisfy(n -> assertThat(n % Scheduler.SLICE_TURNS).isZero());
        assertThat(runs.size()).isGreaterThan(5);
    }

    @Test
    void chaosIsReproduciblePerSeed() {
        List<Integer> first = drive(scheduler(11, true), threads(5), 1000, 10_000);
        List<Integer> again = drive(scheduler(11, true), threads(5), 1000, 10_000);
        List<Integer> other = drive(scheduler(12, true), threads(5), 1000, 10_000);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void chaosAlwaysRunsTheHighestPriorityThreadAndDemotesAtChangePoints() {
        Scheduler s = scheduler(11, true);
        List<GuestThread> ts = threads(4);
        ts.forEach(t -> {
            s.admit(t);
            s.makeReady(t);
        });
        for (int i = 0; i < 2000; i++) {
            GuestThread t = s.pickNext();
            for (GuestThread other : ts) {
                assertThat(s.priorityOf(t)).isGreaterThanOrEqualTo(s.priorityOf(other));
            }
            charge(t, 1_000);
            s.stopped(t);
            s.makeReady(t);
        }
        long negative = ts.stream().filter(t -> s.priorityOf(t) < 0).count();
        assertThat(negative).as("threads demoted below every admitted priority").isPositive();
        assertThat(s.contextSwitches()).isGreaterThan(1);
    }

    @Test
    void chaosRunsTheHighestPriorityReadyThreadAndGivesRandomPriorities() {
        Scheduler s = scheduler(5, true);
        List<GuestThread> ts = threads(6);
        ts.forEach(s::admit);
        assertThat(ts).allSatisfy(t -> assertThat(s.priorityOf(t)).isNotNegative());
        assertThat(ts.stream().map(s::priorityOf).distinct().count()).isEqualTo(6);
        ts.forEach(s::makeReady);
        GuestThread highest = ts.stream().max((x, y) -> Long.compare(s.priorityOf(x), s.priorityOf(y))).orElseThrow();
        assertThat(s.pickNext()).isSameAs(highest);
    }

    @Test
    void chaosPrioritiesAreReproduciblePerSeed() {
        List<GuestThread> a = threads(4);
        List<GuestThread> b = threads(4);
        Scheduler sa = scheduler(21, true);
        Scheduler sb = scheduler(21, true);
        a.forEach(sa::admit);
        b.forEach(sb::admit);
        for (int i = 0; i < 4; i++) {
            assertThat(sa.priorityOf(a.get(i))).isEqualTo(sb.priorityOf(b.get(i)));
        }
    }
}
