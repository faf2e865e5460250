package dev.vbench.reports.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vbench.reports.Fixtures;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TextFormatTest {
    @Test
    void summarisesEachBenchmark() throws IOException {
        StringWriter out = new StringWriter();
        new TextFormat().writeOut(Fixtures.result(), out);
        String text = out.toString();

        assertThat(text).startsWith("vbench 0.1.0-SNAPSHOT (vbench.result/1)\n"
                + "counter valgrind (perf_event_open: EACCES (no PMU in this VM)), model default, seed 7, sched seed 42");
        assertThat(text).contains("\nqsort-200k\n", "  virtual time:          1,234,567 ns (1.235 ms)\n",
                "  instructions:          105,586,321\n",
                "  syscalls by name:      mmap 9, brk 3, write 1\n",
                "  deterministic:         yes (3 runs)\n",
                "  wall time (native):    median 1.000 ms, min 900.000 us, p90 1.100 ms, max 1.500 ms (30 runs)\n",
                "\nthreads-4\n", "  conditional branches:  5,000,000\n",
                "  virtual time:          98,765,432,100 ns (98.765 s)\n",
                "  deterministic:         no (2 runs): stdout differed between run 1 and run 2\n",
                "  note:                  reads /dev/urandom through an unemulated ioctl\n");
        assertThat(text).doesNotContain("\r");
        String threads = text.substring(text.indexOf("\nthreads-4\n"));
        assertThat(threads).as("an unmeasured count is not shown").doesNotContain("instructions:");
    }

    @Test
    void showsADeadlockWithWhatEachThreadWaitsForAndExtraCountsByName() throws IOException {
        var b = Fixtures.qsort().toBuilder()
                .termination(dev.vbench.reports.model.Termination.DEADLOCK)
                .deadlock(java.util.List.of("thread 1000 (process 1000) waits for a futex at 0x10"))
                .counters(dev.vbench.reports.model.Counters.of(java.util.Map.of("syscalls", 4L, "page-faults", 51L)))
                .build();
        StringWriter out = new StringWriter();
        new TextFormat().writeOut(dev.vbench.reports.model.Result.of(Fixtures.result().vbench(),
                Fixtures.environment(), java.util.List.of(b)), out);

        assertThat(out.toString()).contains("  exit status:           0 (deadlock: vbench ended the run)\n",
                "    thread 1000 (process 1000) waits for a futex at 0x10\n", "  page-faults:           51\n");
    }
}
