package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The guest's own system calls are counted, whatever the counter backend: the guest makes exactly
 * 1000 getppid, 1000 clock_gettime and 1000 uname calls, and the result says so.
 */
class SyscallCountTest {

    private static JsonNode run(List<String> options) throws Exception {
        Path dir = Processes.scratch("count");
        Path json = dir.resolve("r.json");
        List<String> opts = new java.util.ArrayList<>(options);
        opts.addAll(List.of("--json", json.toString()));
        RunResult r = Vbench.runGuest(opts, List.of(Guests.path("syscalls")), Map.of(), dir);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).isEqualTo("done 1\n");
        return new ObjectMapper().readTree(json.toFile()).path("benchmarks").path(0);
    }

    private static void assertCounted(JsonNode b) {
        JsonNode byName = b.path("syscalls_by_name");
        assertThat(byName.path("getppid").asLong()).as("getppid calls in %s", b).isEqualTo(1000);
        assertThat(byName.path("clock_gettime").asLong()).as("clock_gettime calls in %s", b).isEqualTo(1000);
        assertThat(byName.path("uname").asLong()).as("uname calls in %s", b).isEqualTo(1000);
        assertThat(b.path("counters").path("syscalls").asLong()).as("total in %s", b).isGreaterThanOrEqualTo(3000);
    }

    @Test
    void defaultCounterCountsTheGuestsSystemCalls() throws Exception {
        assertCounted(run(List.of()));
    }

    @Test
    void syscallOnlyCounterCountsTheGuestsSystemCalls() throws Exception {
        assertCounted(run(List.of("--counter", "none")));
    }
}
