package dev.vbench.e2e.sched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * When every guest thread waits, virtual time jumps to the next deadline: sleeps return at once
 * in wall time but take their full length in the guest's clocks, and timeouts expire. The timeouts
 * guest (nanosleep 10 s, pthread_cond_timedwait timing out after 1.5 s, poll 500 ms on an empty
 * pipe, each measured with CLOCK_MONOTONIC) is checked once; each test looks at one part of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SleepsAndTimeoutsTest {
    private RunResult timeouts;

    @BeforeAll
    void runTheTimeoutsGuest() {
        // natively (with a short sleep) the measured nanoseconds vary from run to run
        SchedCheck.assertVariesNatively(List.of(SchedGuests.path("timeouts"), "0.05"));
        timeouts = SchedCheck.assertIdenticalUnderVbench(SchedCheck.FAST, List.of(SchedGuests.path("timeouts"), "10"));
    }

    @Test
    void binSleepReturnsAtOnce() {
        RunResult r = Vbench.runGuest(List.of("--counter", "none", "--summary"), List.of("/bin/sleep", "100"));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        // not a timing: a sleep that really slept could not end in half its length, however loaded the machine
        assertThat(r.wall()).as("sleep 100 under vbench (JVM start included)\n%s", r).isLessThan(Duration.ofSeconds(50));
        assertThat(r.stderr()).as(r.describe()).containsPattern("virtual time: .*\\(10[0-9]\\.[0-9]+ s\\)");
    }

    @Test
    void tenSecondSleepMeasuresTenSecondsInAFewSecondsOfWallTime() {
        RunResult r = timeouts;
        // 12 s of waiting in all, which a run that really waited could not beat
        assertThat(r.wall()).as("10 s + 1.5 s + 0.5 s of waiting under vbench\n%s", r)
                .isLessThan(Duration.ofSeconds(11));
        assertThat(Long.parseLong(r.value("sleep_ns"))).as(r.describe())
                .isGreaterThanOrEqualTo(10_000_000_000L).isLessThan(11_000_000_000L);
    }

    @Test
    void condTimedwaitTimesOutAfterItsVirtualTimeout() {
        RunResult r = timeouts;
        assertThat(r.value("condwait_rc")).as(r.describe()).isEqualTo("ETIMEDOUT");
        assertThat(Long.parseLong(r.value("condwait_ns"))).as(r.describe())
                .isGreaterThanOrEqualTo(1_500_000_000L).isLessThan(2_500_000_000L);
    }

    @Test
    void pollOnAnEmptyPipeReturnsZeroAfterItsTimeout() {
        RunResult r = timeouts;
        assertThat(r.value("poll_rc")).as("poll on an empty pipe times out\n%s", r).isEqualTo("0");
        assertThat(Long.parseLong(r.value("poll_ns"))).as("CLOCK_MONOTONIC across poll(500 ms)\n%s", r)
                .isGreaterThanOrEqualTo(500_000_000L).isLessThan(1_500_000_000L);
    }
}
