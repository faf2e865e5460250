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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The remote tracer (a native thread on the guest's CPU that carries its CPU-trap flags and makes
 * the supervisor's ptrace requests) changes the time per stop only: a run through it and a run
 * from the supervisor's own thread give the same output, counts, virtual time and schedule. The
 * guests: threads, child processes, signals, rdtsc and cpuid (cputraps), and a process tree with
 * threads and blocked signals (chaos mix).
 */
class RemoteTracerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(String stdout, JsonNode benchmark) {}

    private static Run run(String tracer, String counter, List<String> guest) throws Exception {
        Path json = Processes.scratch("tracer-" + tracer).resolve("result.json");
        List<String> args = Vbench.runArgs(List.of("--counter", counter, "--json", json.toString()), guest);
        RunResult r = Processes.run(Vbench.command(List.of("-Dvbench.tracer=" + tracer), args), Map.of(),
                Processes.scratch("cwd"), Vbench.DEFAULT_TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return new Run(r.stdout(), JSON.readTree(json.toFile()).get("benchmarks").get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "valgrind"})
    void bothTracersGiveTheSameRun(String counter) throws Exception {
        for (List<String> guest : List.of(List.of(Guests.path("cputraps")),
                List.of(Guests.path("chaos"), "vbench-tracer-test", "mix", "30"))) {
            Run remote = run("remote", counter, guest);
            Run direct = run("direct", counter, guest);
            assertThat(remote.stdout()).as(guest.toString()).isEqualTo(direct.stdout()).isNotEmpty();
            for (String field : List.of("counters", "virtual_time_ns", "scheduler", "syscalls_by_name", "per_thread")) {
                assertThat(remote.benchmark().get(field)).as(guest + " " + field).isEqualTo(direct.benchmark().get(field));
            }
        }
    }
}
