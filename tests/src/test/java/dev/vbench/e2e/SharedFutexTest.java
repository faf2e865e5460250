package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Determinism;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Processes that share a futex through shared memory wake each other: the supervisor keys a futex
 * that is not FUTEX_PRIVATE on a shared mapping by the memory behind it, as the kernel does. Before,
 * each process had its own futex at that address, and the first wait across processes never ended
 * (the run stopped as a deadlock, exit 3).
 */
class SharedFutexTest {
    @Test
    void aParentAndItsChildHandATurnBackAndForthThroughASharedAnonymousPage() {
        RunResult r = Determinism.check(Vbench.NO_COUNTER, List.of(Guests.path("sharedfutex"), "2000"), false);
        assertThat(r.stdout()).isEqualTo("child took 2000 turns\nparent took 2000 turns\n");
    }

    @Test
    void aPythonProcessPoolRunsAndShowsTheSameWorkersOnEveryRun() {
        RunResult r = Determinism.check(Vbench.NO_COUNTER, List.of("python3", Guests.source("pool.py").toString()), true);
        assertThat(r.stdout()).startsWith("[(0, ").contains("(11, ");
    }
}
