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
import org.junit.jupiter.api.Test;

/** The scheduler under --counter valgrind: a threaded guest's stdout and counted work are identical. */
class ValgrindScheduleTest {

    @Test
    void producerConsumerUnderValgrindHasIdenticalStdoutAndCounters() throws Exception {
        List<String> guest = List.of(SchedGuests.path("prodcons"), "2", "2", "60");
        List<RunResult> runs = new ArrayList<>();
        List<JsonNode> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path json = Processes.scratch("vg").resolve("result.json");
            RunResult r = Vbench.runGuest(List.of("--counter", "valgrind", "--json", json.toString()), guest,
                    Map.of(), Processes.scratch("cwd"));
            assertThat(r.exitCode()).as(r.describe()).isZero();
            runs.add(r);
            results.add(new ObjectMapper().readTree(json.toFile()));
        }
        assertThat(runs.get(1).stdout()).as(runs.get(1).describe()).isEqualTo(runs.get(0).stdout());
        assertThat(runs.get(0).value("handoffs")).isEqualTo("120");
        JsonNode b0 = results.get(0).get("benchmarks").get(0);
        JsonNode b1 = results.get(1).get("benchmarks").get(0);
        assertThat(b0.get("counters").get("instructions").asLong()).as(b0.toString()).isPositive();
        assertThat(b1.get("counters")).as("counters of two runs").isEqualTo(b0.get("counters"));
        assertThat(b1.get("per_thread")).as("per-thread counters of two runs").isEqualTo(b0.get("per_thread"));
        assertThat(b1.get("virtual_time_ns")).isEqualTo(b0.get("virtual_time_ns"));
        assertThat(b1.get("scheduler")).as("scheduler statistics of two runs").isEqualTo(b0.get("scheduler"));
    }
}
