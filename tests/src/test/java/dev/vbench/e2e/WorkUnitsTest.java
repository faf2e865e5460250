package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Counted;
import dev.vbench.e2e.support.CpuLoad;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.Native;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A program that measures itself: workunits counts how many work units fit in 20 ms of its own
 * CLOCK_MONOTONIC (a unit is K or 2K iterations of a conditional-branch loop, then a clock read).
 * Under {@code --counter valgrind} its clock is counted work, so the count is the same on every run
 * and halves when the unit doubles. Natively it depends on the CPU's speed and load.
 */
class WorkUnitsTest {
    private static final int RUNS = 3;

    private static long units(RunResult r) {
        assertThat(r.exitCode()).as(r.describe()).isZero();
        String v = r.value("units");
        assertThat(v).as(r.describe()).isNotNull();
        return Long.parseLong(v);
    }

    private static List<Long> underVbench(String mult) {
        List<Long> counts = new ArrayList<>();
        List<String> work = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            Counted c = Counted.run(Vbench.VALGRIND, List.of(Guests.path("workunits"), mult));
            counts.add(units(c.run()));
            work.add(c.work());
        }
        assertThat(work).as("counted work of %d runs of workunits %s (units %s)", RUNS, mult, counts)
                .containsOnly(work.get(0));
        return counts;
    }

    @Test
    void theCountIsStableUnderValgrindAndHalvesWhenTheUnitDoubles() {
        List<Long> native1 = new ArrayList<>();
        List<Long> native2 = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            native1.add(units(Native.run(List.of(Guests.path("workunits"), "1"))));
            native2.add(units(Native.run(List.of(Guests.path("workunits"), "2"))));
        }
        List<Long> vb1;
        List<Long> vb2;
        try (CpuLoad load = CpuLoad.otherCores()) {
            vb1 = underVbench("1");
            vb2 = underVbench("2");
        }
        String report = String.format("work units in 20 ms: native 1x %s, 2x %s; vbench --counter valgrind 1x %s, 2x %s",
                native1, native2, vb1, vb2);
        System.out.println("[WorkUnitsTest] " + report);
        // natively the count varies with the machine (not asserted: an idle machine may repeat it)
        assertThat(vb1).as(report).containsOnly(vb1.get(0));
        assertThat(vb2).as(report).containsOnly(vb2.get(0));
        long one = vb1.get(0);
        long two = vb2.get(0);
        assertThat(one).as("enough units that halving is measurable: %s", report).isGreaterThanOrEqualTo(20);
        double ratio = (double) one / two;
        assertThat(ratio).as("1x/2x count ratio %.3f, about 2 (within 15%%): %s", ratio, report)
                .isBetween(2 * 0.85, 2 * 1.15);
    }
}
