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
 * rdtsc and cpuid fault (PR_SET_TSC, CPUID faulting) only where they must: the guest's own code
 * executes them natively under --counter none, so there they fault in every thread and image;
 * under --counter valgrind Valgrind answers them once its start-up is over, so they are taken back
 * then, because every switch to a thread that carries them costs privileged register writes (VM
 * exits here). Valgrind's start-up in each new image must still meet them: it chooses the CPU it
 * presents from what cpuid tells it, so a child image shows the same CPU as its parent.
 */
class CpuTrapsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(String stdout, JsonNode result, JsonNode benchmark) {}

    private static Run run(String counter) throws Exception {
        Path json = Processes.scratch("cputraps").resolve("result.json");
        RunResult r = Vbench.runGuest(List.of("--counter", counter, "--json", json.toString()),
                List.of(Guests.path("cputraps")), Map.of(), Processes.scratch("cwd"));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        JsonNode result = JSON.readTree(json.toFile());
        return new Run(r.stdout(), result, result.get("benchmarks").get(0));
    }

    /** "main tsc=2 cpuid=..." and so on: the value after {@code key=} on the line that starts with {@code who}. */
    private static String field(String stdout, String who, String key) {
        String line = stdout.lines().filter(l -> l.startsWith(who + " ")).findFirst().orElseThrow();
        return line.replaceAll(".*\\b" + key + "=(\\S+).*", "$1");
    }

    @Test
    void underValgrindTheTrapsAreTakenBackOnceTheGuestRunsInEveryThreadAndImage() throws Exception {
        Run r = run("valgrind");
        for (String who : List.of("main", "thread", "child")) {
            assertThat(field(r.stdout(), who, "tsc")).as(who + " in\n" + r.stdout()).isEqualTo("1"); // PR_TSC_ENABLE
        }
        assertThat(field(r.stdout(), "child", "cpuid")).as(r.stdout()).isEqualTo(field(r.stdout(), "main", "cpuid"));
        Run again = run("valgrind");
        assertThat(again.stdout()).isEqualTo(r.stdout());
        for (String field : List.of("counters", "virtual_time_ns", "scheduler")) {
            assertThat(again.benchmark().get(field)).as(field).isEqualTo(r.benchmark().get(field));
        }
    }

    @Test
    void underCounterNoneRdtscFaultsInEveryThreadAndImageWhereTheHostTrapsIt() throws Exception {
        Run r = run("none");
        // 2 is PR_TSC_SIGSEGV; a host that ignores CR4.TSD gets the setting taken back at once.
        String expected = r.result().get("environment").get("rdtsc_virtualized").asBoolean() ? "2" : "1";
        for (String who : List.of("main", "thread", "child")) {
            assertThat(field(r.stdout(), who, "tsc")).as(who + " in\n" + r.stdout()).isEqualTo(expected);
        }
        assertThat(field(r.stdout(), "child", "cpuid")).as(r.stdout()).isEqualTo(field(r.stdout(), "main", "cpuid"));
    }
}
