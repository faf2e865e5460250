package dev.vbench.e2e.sched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.e2e.support.Native;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Writes far larger than a pipe or a Unix stream socket holds, to a reader in another process
 * (sched/bigpipe.c). The kernel
 * writes what fits and sleeps in the call until the reader reads, but under vbench the reader waits
 * for its turn: each such write stayed in the kernel until the 5 s watchdog preempted it, and the
 * run was marked nondeterministic (`seq 1 200000 | gzip | zstd -T2 | zstd -d | gunzip | md5sum`
 * took 40 s). vbench now writes such a call into the pipe piece by piece for the guest. The guest
 * must see what it sees natively: every byte in order, one return of the whole length, and, when
 * the reader stops early, a short write followed by EPIPE.
 */
class PipeWriteTest {
    @ParameterizedTest(name = "{3}: writes of {0} bytes, {1} in all, reader stops after {2} (0: never)")
    @CsvSource({
        "1000000, 3000000, 0, pipe",
        "70000, 3000000, 0, pipe",
        "1000000, 3000000, 100000, pipe",
        "3000000, 3000000, 0, socket",
        "1000000, 3000000, 100000, socket",
        "1000000, 3000000, 0, writev",
        "1000000, 3000000, 0, sendmsg",
        "1000000, 3000000, 100000, sendmsg",
    })
    void aWriteLargerThanThePipeOrSocketTakesGoesThroughAsNativelyWithoutTheWatchdog(String chunk, String total,
            String limit, String kind) {
        List<String> guest = new java.util.ArrayList<>(List.of(SchedGuests.path("bigpipe"), chunk, total, limit));
        if (!kind.equals("pipe")) {
            guest.add(kind);
        }
        RunResult nat = Native.run(guest, Map.of(), Processes.scratch("bigpipe-native"), Vbench.DEFAULT_TIMEOUT);
        assertThat(nat.exitCode()).as(nat.describe()).isZero();
        for (int run = 0; run < 2; run++) {
            RunResult r = SchedCheck.runWithoutWatchdog(List.of(), guest);
            assertThat(r.stdout()).as("what the reader and the writer saw, as natively").isEqualTo(nat.stdout());
        }
    }
}
