package dev.vbench.e2e.sched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.RunResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * --sched-seed N gives another reproducible schedule; --chaos --sched-seed N PCT-style random
 * ones. The producer/consumer hand-off log depends on the interleaving, so it tells schedules apart.
 */
class ScheduleSeedTest {
    private static List<String> guest() {
        return List.of(SchedGuests.path("prodcons"), "3", "3", "300");
    }

    private static List<String> options(String... extra) {
        List<String> o = new ArrayList<>(SchedCheck.FAST);
        o.addAll(List.of(extra));
        return o;
    }

    /** Two runs with the same options; both succeed with the same stdout, which is returned. */
    private static String reproducible(List<String> options) {
        List<RunResult> runs = SchedCheck.runs(options, guest(), 2);
        for (RunResult r : runs) {
            assertThat(r.exitCode()).as("%s\n%s", options, r).isZero();
            assertThat(r.value("handoffs")).as(r.describe()).isEqualTo("900");
        }
        assertThat(runs.get(1).stdout()).as("a second run with %s (stderr: %s)", options, runs.get(1).stderr())
                .isEqualTo(runs.get(0).stdout());
        return runs.get(0).stdout();
    }

    @Test
    void chaosSeedsGiveDifferentSchedulesEachReproducible() {
        String seed1 = reproducible(options("--chaos", "--sched-seed", "1"));
        String seed2 = reproducible(options("--chaos", "--sched-seed", "2"));
        assertThat(seed2).as("--chaos with seeds 1 and 2 explore different interleavings").isNotEqualTo(seed1);
    }

    /** A seed that were ignored would still reproduce: it must also change the round-robin schedule. */
    @Test
    void nonChaosSeedReproducesItselfAndChangesTheSchedule() {
        String seed7 = reproducible(options("--sched-seed", "7"));
        String roundRobin = reproducible(options("--sched-seed", "0"));
        assertThat(seed7).contains("log_hash=").isNotEqualTo(roundRobin);
    }
}
