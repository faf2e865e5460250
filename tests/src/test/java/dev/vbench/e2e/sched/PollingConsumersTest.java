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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Consumers that wait with poll, epoll_wait or select on one descriptor and race for a producer's
 * tokens (sched/pollrace.c). A consumer preempted at the entry of a ready poll used to be let
 * through to the kernel when next chosen; another consumer had taken the token meanwhile, so the
 * poll blocked in the kernel until the 5 s wall-clock watchdog preempted it: 2-3 watchdog
 * preemptions per run, virtual time and counts that changed from run to run, and epoll_wait
 * failing with EINTR. A poll on a non-blocking descriptor went to the kernel whether it was ready
 * or not. Each case runs twice and must repeat exactly, without the watchdog.
 */
class PollingConsumersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One run's stdout and result (the first benchmark). */
    private record Run(RunResult result, JsonNode benchmark) {
    }

    private static Run run(String schedSeed, List<String> guest) throws Exception {
        Path json = Processes.scratch("pollrace").resolve("result.json");
        RunResult r = Vbench.runGuest(List.of("--counter", "none", "--sched-seed", schedSeed, "--json", json.toString()),
                guest, Map.of(), Processes.scratch("cwd"));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return new Run(r, JSON.readTree(json.toFile()).get("benchmarks").get(0));
    }

    @ParameterizedTest(name = "{0} on a {1} ({2}), sched seed {3}")
    @CsvSource({
        "poll, pipe, block, 1",
        "epoll, eventfd, block, 1",
        "select, socket, block, 3",
        "poll, pipe, nonblock, 0",
    })
    void consumersRacingForTokensRepeatExactlyWithoutTheWatchdog(String how, String kind, String blocking,
            String schedSeed) throws Exception {
        // 4 consumers, 200 tokens written 100 at a time, 10 s timeouts: none should expire
        List<String> guest = new ArrayList<>(List.of(SchedGuests.path("pollrace"), how, kind, blocking, "4", "200",
                "10000", "100"));
        Run a = run(schedSeed, guest);
        assertThat(a.benchmark().get("scheduler").path("watchdog_preemptions").asLong())
                .as("watchdog preemptions: %s", a.benchmark()).isZero();
        assertThat(a.benchmark().get("deterministic").asBoolean()).as(a.benchmark().toString()).isTrue();
        assertThat(a.result().stdout()).startsWith(how + " " + kind + " " + blocking + " consumers 4 tokens 200 ")
                .doesNotContainPattern("timeouts [1-9]");
        Run b = run(schedSeed, guest);
        assertThat(b.result().stdout()).as(b.result().describe()).isEqualTo(a.result().stdout());
        for (String field : List.of("counters", "per_thread", "virtual_time_ns", "syscalls_by_name", "scheduler")) {
            assertThat(b.benchmark().get(field)).as(field + " of two runs").isEqualTo(a.benchmark().get(field));
        }
    }
}
