package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vbench.e2e.support.Determinism;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Clocks: every clock id, gettimeofday, time and clock_getres answer from virtual time. */
class TimeDeterminismTest {
    private static final long DEFAULT_EPOCH = Instant.parse("2030-01-01T00:00:00Z").getEpochSecond();

    @Test
    void everyClockIsIdenticalAcrossRunsAndVariesNatively() {
        RunResult r = Determinism.check(Vbench.NO_COUNTER, List.of(Guests.path("time")), true);
        Map<String, String> v = r.values();
        for (String key : List.of("realtime", "monotonic", "boottime", "process_cputime", "thread_cputime",
                "monotonic_coarse", "gettimeofday", "time", "res.realtime", "res.monotonic")) {
            assertThat(v.get(key)).as("%s in\n%s", key, r).isNotNull().isNotEqualTo("error");
        }
        // CLOCK_REALTIME starts at the default epoch, the monotonic clocks at an uptime of 60 s.
        assertThat(Double.parseDouble(v.get("realtime"))).as(r.describe()).isCloseTo(DEFAULT_EPOCH, within(1.0));
        assertThat(Double.parseDouble(v.get("gettimeofday"))).isCloseTo(DEFAULT_EPOCH, within(1.0));
        assertThat(Long.parseLong(v.get("time"))).isBetween(DEFAULT_EPOCH, DEFAULT_EPOCH + 1);
        assertThat(Double.parseDouble(v.get("monotonic"))).as(r.describe()).isCloseTo(60.0, within(1.0));
        assertThat(Double.parseDouble(v.get("boottime"))).isCloseTo(60.0, within(1.0));
        assertThat(Double.parseDouble(v.get("process_cputime"))).isBetween(0.0, 1.0);
    }

    /**
     * Under a counter, virtual time is counted work, so the readings are the same on every run only
     * if the work is: the other core is loaded, the host environment grows by 20 KB and the working
     * directory gets 300 characters longer (Determinism.check), and the clocks must not move.
     */
    @Test
    void everyClockIsIdenticalUnderTheValgrindCounter() {
        RunResult r = Determinism.check(Vbench.VALGRIND, List.of(Guests.path("time")), true);
        assertThat(Double.parseDouble(r.value("realtime"))).as(r.describe()).isCloseTo(DEFAULT_EPOCH, within(1.0));
        assertThat(Double.parseDouble(r.value("monotonic"))).as(r.describe()).isCloseTo(60.0, within(1.0));
    }

    @Test
    void clockReadingsDoNotDependOnTheWorkingDirectory() throws Exception {
        // the working directory's path length must not reach the guest (README: PWD is not passed),
        // so neither its environment scan nor its virtual time can depend on it. Only a counter makes
        // the guest's own work (its start-up scanning a longer or shorter environment) visible in
        // virtual time, so this runs under the Valgrind counter; lengths 1..16 cross a 16-byte
        // stack alignment boundary whatever the prefix.
        java.util.Map<String, String> byDir = new java.util.LinkedHashMap<>();
        for (int n : new int[] {1, 4, 8, 12, 16}) {
            java.nio.file.Path dir = dev.vbench.e2e.support.Processes.scratch("w").resolve("d".repeat(n));
            java.nio.file.Files.createDirectory(dir);
            RunResult r = Vbench.runGuest(Vbench.VALGRIND, List.of(Guests.path("time")), Map.of(), dir);
            assertThat(r.exitCode()).as(r.describe()).isZero();
            byDir.put(dir.toString(), r.stdout());
        }
        assertThat(new java.util.HashSet<>(byDir.values())).as("clock readings by working directory: %s", byDir)
                .hasSize(1);
    }

    @Test
    void timeMovesForward() {
        RunResult r = Vbench.runGuest(Vbench.NO_COUNTER, List.of(Guests.path("time")));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        for (String clock : List.of("realtime", "monotonic", "boottime", "process_cputime")) {
            assertThat(r.value("forward." + clock)).as("two successive reads of %s strictly increase\n%s", clock, r)
                    .isEqualTo("1");
        }
        // gettimeofday counts microseconds: two back-to-back reads may be equal, never earlier
        assertThat(r.value("forward.gettimeofday")).as(r.describe()).isIn("0", "1");
        // and later reads are later than earlier ones of the same clock
        double first = Double.parseDouble(r.value("realtime"));
        double later = Double.parseDouble(r.value("gettimeofday"));
        assertThat(later).isGreaterThan(first);
    }

    @Test
    void epochOptionSetsTheWallClock() {
        long expected = Instant.parse("2030-05-06T07:08:09Z").getEpochSecond();
        // 2030-05-06T07:08:09Z is 1904281689 s after 1970 (date -u -d 2030-05-06T07:08:09Z +%s)
        assertThat(expected).isEqualTo(1904281689L);
        RunResult r = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--epoch", "2030-05-06T07:08:09Z"), List.of(Guests.path("time")));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(Double.parseDouble(r.value("realtime"))).as(r.describe()).isCloseTo(expected, within(1.0));
        assertThat(Long.parseLong(r.value("time"))).as(r.describe()).isBetween(expected, expected + 1);
        assertThat(Double.parseDouble(r.value("gettimeofday"))).isCloseTo(expected, within(1.0));
        // the monotonic clocks do not depend on the epoch
        assertThat(Double.parseDouble(r.value("monotonic"))).isCloseTo(60.0, within(1.0));
    }

    @Test
    void sleepsReturnAtOnceButAdvanceVirtualTime() {
        RunResult r = Vbench.runGuest(Vbench.NO_COUNTER, List.of(Guests.path("sleep"), "100"));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        // not a timing: a sleep that really slept could not end in half its length, however loaded the machine
        assertThat(r.wall()).as("a 100 s sleep under vbench\n%s", r).isLessThan(Duration.ofSeconds(50));
        assertThat(Double.parseDouble(r.value("slept.monotonic"))).as(r.describe()).isGreaterThanOrEqualTo(100.0)
                .isLessThan(101.0);
        assertThat(Double.parseDouble(r.value("slept.realtime"))).as(r.describe()).isGreaterThanOrEqualTo(99.999999)
                .isLessThan(101.0);
        RunResult again = Vbench.runGuest(Vbench.NO_COUNTER, List.of(Guests.path("sleep"), "100"));
        assertThat(again.stdout()).isEqualTo(r.stdout());
    }
}
