package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Determinism;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ASLR is off for the guest, and its stack does not move with the host's environment or cwd. */
class AslrDeterminismTest {
    @Test
    void addressesAreIdenticalAcrossRunsAndVaryNatively() {
        RunResult r = Determinism.check(Vbench.NO_COUNTER, List.of(Guests.path("aslr")), true);
        for (String k : List.of("stack", "malloc_small", "malloc_large", "mmap", "libc_printf", "static_var", "main")) {
            assertThat(r.value(k)).as("%s\n%s", k, r).startsWith("0x");
        }
    }
}
