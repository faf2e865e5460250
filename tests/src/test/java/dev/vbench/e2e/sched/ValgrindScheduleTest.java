package dev.vbench.e2e.sched;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The scheduler under --counter valgrind: the producer/consumer guest, run twice with --json, has
 * identical stdout and counted work (and should have identical scheduler statistics).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValgrindScheduleTest {
    private final List<RunResult> runs = new ArrayList<>();
    private final List<JsonNode> benchmarks = new ArrayList<>();

    @BeforeAll
    void runTwiceUnderValgrind() throws Exception {
        List<String> guest = List.of(SchedGuests.path("prodcons"), "2", "2", "60");
        for (int i = 0; i < 2; i++) {
            Path json = Processes.scratch("vg").resolve("result.json");
            RunResult r = Vbench.runGuest(List.of("--counter", "valgrind", "--json", json.toString()), guest,
                    Map.of(), Processes.scratch("cwd"));
            assertThat(r.exitCode()).as(r.describe()).isZero();
            runs.add(r);
            benchmarks.add(new ObjectMapper().readTree(json.toFile()).get("benchmarks").get(0));
        }
    }

    @Test
    void stdoutAndCountersAreIdentical() {
        assertThat(runs.get(0).value("handoffs")).as(runs.get(0).describe()).isEqualTo("120");
        assertThat(runs.get(1).stdout()).as(runs.get(1).describe()).isEqualTo(runs.get(0).stdout());
        JsonNode b0 = benchmarks.get(0);
        JsonNode b1 = benchmarks.get(1);
        assertThat(b0.get("counters").get("instructions").asLong()).as(b0.toString()).isPositive();
        assertThat(b1.get("counters")).as("counters of two runs").isEqualTo(b0.get("counters"));
        assertThat(b1.get("per_thread")).as("per-thread counters of two runs").isEqualTo(b0.get("per_thread"));
        assertThat(b1.get("virtual_time_ns")).isEqualTo(b0.get("virtual_time_ns"));
        assertThat(b1.get("syscalls_by_name")).isEqualTo(b0.get("syscalls_by_name"));
    }

    @Test
    void schedulerStatisticsAreIdentical() {
        JsonNode s0 = benchmarks.get(0).get("scheduler");
        assertThat(s0).as(benchmarks.get(0).toString()).isNotNull();
        assertThat(benchmarks.get(1).get("scheduler")).as("scheduler statistics of two runs").isEqualTo(s0);
    }
}
