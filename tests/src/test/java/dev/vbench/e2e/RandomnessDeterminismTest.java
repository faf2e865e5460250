package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Determinism;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** getrandom, /dev/urandom, /dev/random and AT_RANDOM come from a stream seeded by --seed. */
class RandomnessDeterminismTest {
    private static final List<String> SOURCES = List.of("getrandom", "getrandom2", "urandom", "random", "at_random");

    @Test
    void everySourceIsIdenticalAcrossRunsAndVariesNatively() {
        RunResult r = Determinism.check(Vbench.NO_COUNTER, List.of(Guests.path("random")), true);
        Map<String, String> v = r.values();
        for (String s : SOURCES) {
            assertThat(v.get(s)).as("%s\n%s", s, r).matches("[0-9a-f]{32}");
        }
        // the seeded bytes are not all zero, and successive reads are not the same bytes
        assertThat(v.get("getrandom")).isNotEqualTo("0".repeat(32)).isNotEqualTo(v.get("getrandom2"));
        assertThat(v.values()).as("every source gives different bytes").doesNotHaveDuplicates();
    }

    @Test
    void theSeedChoosesTheBytes() {
        String guest = Guests.path("random");
        RunResult seed1 = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--seed", "1"), List.of(guest));
        RunResult seed1again = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--seed", "1"), List.of(guest));
        RunResult seed2 = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--seed", "2"), List.of(guest));
        RunResult seed0 = Vbench.runGuest(Vbench.options(Vbench.NO_COUNTER, "--seed", "0"), List.of(guest));
        RunResult deflt = Vbench.runGuest(Vbench.NO_COUNTER, List.of(guest));
        for (RunResult r : List.of(seed1, seed1again, seed2, seed0, deflt)) {
            assertThat(r.exitCode()).as(r.describe()).isZero();
        }
        assertThat(seed1again.stdout()).as("the same seed repeats").isEqualTo(seed1.stdout());
        assertThat(seed0.stdout()).as("the default seed is 0").isEqualTo(deflt.stdout());
        for (String s : SOURCES) {
            assertThat(seed2.value(s)).as("%s with --seed 2 against --seed 1", s).isNotEqualTo(seed1.value(s));
            assertThat(seed0.value(s)).as("%s with --seed 0 against --seed 1", s).isNotEqualTo(seed1.value(s));
        }
    }
}
