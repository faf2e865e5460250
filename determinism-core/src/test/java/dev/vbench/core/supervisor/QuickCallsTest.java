package dev.vbench.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.core.guest.GuestThread;
import dev.vbench.core.guest.TestGuests;
import dev.vbench.core.handlers.ClockReader;
import dev.vbench.core.nativ.AnswerBlock;
import dev.vbench.core.syscalls.Syscall;
import java.util.BitSet;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Which answers the tracer gets for a thread (learned ones until any other event, and the clocks),
 * and when its wait is armed at all.
 */
class QuickCallsTest {
    private static final int GETPID = Syscall.GETPID.nr(), GETPPID = Syscall.GETPPID.nr(),
            CLOCK_GETTIME = Syscall.CLOCK_GETTIME.nr(), OPENAT = Syscall.OPENAT.nr();

    /** The thread would run alone for as many calls as a wait answers. */
    private static final LongUnaryOperator ALONE = charge -> AnswerBlock.LIMIT;

    private final TestGuests guests = new TestGuests();
    private final GuestThread thread = guests.root();

    /** The supervisor answers {@code nr} as one event, as its loop takes a stop. */
    private static void answer(QuickCalls quick, GuestThread t, int nr, long value) {
        quick.eventBegins();
        quick.answered(t, nr, value);
        quick.eventEnds();
    }

    @Test
    void answersAreLearnedAndHoldWhileOnlyQuickCallsHappen() {
        QuickCalls quick = new QuickCalls(true, new BitSet(), null, 100);
        assertThat(quick.arm(thread, ALONE)).as("nothing learned yet").isNull();
        answer(quick, thread, GETPID, 1000);
        answer(quick, thread, GETPPID, 1);
        answer(quick, thread, GETPID, 1000);
        assertThat(quick.arm(thread, ALONE).entries()).isEqualTo(2);
    }

    @Test
    void anyOtherEventVoidsEveryAnswer() {
        QuickCalls quick = new QuickCalls(true, new BitSet(), null, 100);
        answer(quick, thread, GETPID, 1000);
        answer(quick, thread, OPENAT, 3); // not pure: an event like any other
        assertThat(quick.arm(thread, ALONE)).isNull();
        answer(quick, thread, GETPID, 1000);
        quick.eventBegins(); // another thread's stop, a process's end...
        quick.eventEnds();
        assertThat(quick.arm(thread, ALONE)).isNull();
    }

    @Test
    void clockReadsAreArmedWithoutLearningAndVoidNothing() {
        ClockReader clocks = (reader, id) -> id == 3 ? 42 : -1;
        QuickCalls quick = new QuickCalls(true, new BitSet(), clocks, 100);
        answer(quick, thread, CLOCK_GETTIME, 0);
        AnswerBlock armed = quick.arm(thread, ALONE);
        assertThat(armed).as("clocks alone").isNotNull();
        assertThat(armed.entries()).isZero();
        answer(quick, thread, GETPID, 1000);
        answer(quick, thread, CLOCK_GETTIME, 0);
        assertThat(quick.arm(thread, ALONE).entries()).isEqualTo(1);
    }

    @Test
    void aWaitIsArmedOnlyRightAfterTheThreadsOwnQuickCall() {
        QuickCalls quick = new QuickCalls(true, new BitSet(), (reader, id) -> 5, 100);
        GuestThread other = guests.threadIn(thread.process());
        answer(quick, thread, GETPID, 1000);
        assertThat(quick.arm(other, ALONE)).as("another thread's call").isNull();
        assertThat(quick.arm(thread, ALONE)).isNotNull();
        assertThat(quick.arm(thread, charge -> 0)).as("others could run at its next stop").isNull();
    }

    @Test
    void anArmedWaitThatAnsweredNothingPassesUpTheNextChances() {
        QuickCalls quick = new QuickCalls(true, new BitSet(), (reader, id) -> 5, 100);
        answer(quick, thread, CLOCK_GETTIME, 0);
        assertThat(quick.arm(thread, ALONE)).isNotNull();
        quick.tookAnswers(thread, 0);
        for (int i = 0; i < QuickCalls.BACKOFF; i++) {
            answer(quick, thread, CLOCK_GETTIME, 0);
            assertThat(quick.arm(thread, ALONE)).as("chance %d", i).isNull();
        }
        answer(quick, thread, CLOCK_GETTIME, 0);
        assertThat(quick.arm(thread, ALONE)).isNotNull();
        quick.tookAnswers(thread, 7);
        answer(quick, thread, CLOCK_GETTIME, 0);
        assertThat(quick.arm(thread, ALONE)).as("the last wait answered some").isNotNull();
    }

    @Test
    void callsAHandlerFromOutsideSeesFirstAreNeverQuick() {
        BitSet firstLook = new BitSet();
        firstLook.set(GETPID);
        firstLook.set(CLOCK_GETTIME);
        QuickCalls quick = new QuickCalls(true, firstLook, (reader, id) -> 5, 100);
        answer(quick, thread, GETPID, 1000);
        assertThat(quick.arm(thread, ALONE)).isNull();
    }

    @Test
    void noQuickCallsWhereACallsChargeVariesOrTheRunForbidsThem() {
        QuickCalls varying = new QuickCalls(true, new BitSet(), (reader, id) -> 5, -1);
        answer(varying, thread, GETPID, 1000);
        assertThat(varying.arm(thread, ALONE)).isNull();
        QuickCalls forbidden = new QuickCalls(false, new BitSet(), (reader, id) -> 5, 100);
        answer(forbidden, thread, GETPID, 1000);
        assertThat(forbidden.arm(thread, ALONE)).isNull();
    }
}
