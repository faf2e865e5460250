package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vbench.e2e.support.Guests;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Quick calls (the tracer answers a lone thread's identity calls and clock reads without the
 * supervisor, which takes them afterwards) change the time per call only: with them and without them
 * ({@code -Dvbench.quickCalls=off}) a run prints the same, counts the same calls, charges the same
 * virtual time and schedules its threads and signals the same, through either tracer. And they are
 * used where a thread runs alone (a single thread, threads one after another, a child whose parent
 * waits, clock reads, a JVM's main thread while its others wait), and not under an armed timer,
 * which may fire between any two calls.
 */
class QuickCallsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REPORT = Pattern.compile("vbench-quick-calls: (\\d+) of (\\d+) system calls");
    private static final List<String> FIELDS = List.of("counters", "virtual_time_ns", "scheduler", "syscalls_by_name",
            "emulated_syscalls", "per_thread");

    private record Run(String stdout, JsonNode benchmark, long answered, long syscalls) {}

    private static Run run(String quickCalls, String tracer, List<String> options, List<String> guest) throws Exception {
        Path json = Processes.scratch("quick-" + quickCalls + "-" + tracer).resolve("result.json");
        List<String> vbenchOptions = new ArrayList<>(List.of("--counter", "none", "--json", json.toString()));
        vbenchOptions.addAll(options);
        List<String> args = Vbench.runArgs(vbenchOptions, guest);
        RunResult r = Processes.run(
                Vbench.command(List.of("-Dvbench.tracer=" + tracer, "-Dvbench.quickCalls=" + quickCalls), args),
                Map.of(), Processes.scratch("cwd"), Vbench.DEFAULT_TIMEOUT);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        Matcher m = REPORT.matcher(r.stderr());
        boolean reported = m.find();
        assertThat(reported).as(r.describe()).isEqualTo(quickCalls.equals("report"));
        return new Run(r.stdout(), JSON.readTree(json.toFile()).get("benchmarks").get(0),
                reported ? Long.parseLong(m.group(1)) : 0, reported ? Long.parseLong(m.group(2)) : 0);
    }

    /** Runs {@code guest} with quick calls and without; asserts they agree; returns the one with them. */
    private static Run sameWithAndWithout(String tracer, List<String> options, List<String> guest) throws Exception {
        Run quick = run("report", tracer, options, guest);
        Run slow = run("off", tracer, options, guest);
        assertThat(quick.stdout()).as(guest.toString()).isEqualTo(slow.stdout()).isNotEmpty();
        for (String field : FIELDS) {
            assertThat(quick.benchmark().get(field)).as(guest + " " + field).isEqualTo(slow.benchmark().get(field));
        }
        return quick;
    }

    private static List<String> guest(String... args) {
        List<String> command = new ArrayList<>(List.of(Guests.path("quickcalls")));
        command.addAll(List.of(args));
        return command;
    }

    @ParameterizedTest
    @ValueSource(strings = {"direct", "remote"})
    void quickCallsChangeNothingButTheTime(String tracer) throws Exception {
        Run alone = sameWithAndWithout(tracer, List.of(), guest("alone", "3000"));
        assertThat(alone.answered()).as("one thread's 24,000 identity calls").isGreaterThan(alone.syscalls() * 9 / 10);

        Run threads = sameWithAndWithout(tracer, List.of(), guest("threads", "3", "2000"));
        assertThat(threads.stdout()).contains("order: a");
        assertThat(threads.answered()).as("threads one after another, after the sleeper").isGreaterThan(20_000);

        Run forked = sameWithAndWithout(tracer, List.of(), guest("fork", "2000"));
        assertThat(forked.answered()).as("a child whose parent waits").isGreaterThan(15_000);

        Run clocks = sameWithAndWithout(tracer, List.of(), guest("clocks", "500"));
        assertThat(clocks.stdout()).contains("bad id -1, bad address -1, bad timeval -1");
        assertThat(clocks.answered()).as("clock reads and identity calls").isGreaterThan(clocks.syscalls() * 9 / 10);

        Run timed = sameWithAndWithout(tracer, List.of(), guest("timer", "2000"));
        assertThat(timed.stdout()).doesNotContain("signals: 0 ");
        assertThat(timed.answered()).as("under an armed interval timer").isZero();
    }

    /**
     * A JVM's main thread reads the clock while its other threads wait, some with deadlines (a
     * ticker sleeping 2 ms at a time, the JVM's own periodic tasks): quick calls stop short of
     * each deadline, so every wake-up and every turn falls where it falls without them.
     */
    @Test
    void aJvmReadingClocksBesideSleepingThreads() throws Exception {
        Path dir = Processes.scratch("quick-jvm");
        Files.writeString(dir.resolve("Clocks.java"), JVM_PROGRAM);
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(),
                dir.resolve("Clocks.java").toString())).isZero();
        List<String> guest = List.of("java", "-XX:TieredStopAtLevel=1", "-cp", dir.toString(), "Clocks");
        Run jvm = sameWithAndWithout("direct", List.of(), guest);
        assertThat(jvm.stdout()).contains("ticks: ");
        assertThat(jvm.answered()).as("the clock reads of a JVM's main thread").isGreaterThan(jvm.syscalls() / 2);
    }

    private static final String JVM_PROGRAM = """
            public class Clocks {
                static volatile int ticks;
                public static void main(String[] args) throws Exception {
                    Thread ticker = new Thread(() -> {
                        try {
                            while (true) { Thread.sleep(2); ticks++; }
                        } catch (InterruptedException e) { }
                    });
                    ticker.setDaemon(true);
                    ticker.start();
                    long sum = 0;
                    int[] seen = new int[8];
                    for (int i = 0; i < 100_000; i++) {
                        sum += System.nanoTime() & 1;
                        if (i % 10_000 == 0) seen[i / 10_000 % 8] = ticks;
                    }
                    System.out.println("sum: " + sum + ", ticks: " + java.util.Arrays.toString(seen));
                }
            }
            """;

    /** Chaos mode draws a random number at every pick: taken calls must draw them as stops would. */
    @Test
    void chaosSchedulesAreTheSame() throws Exception {
        Run chaos = sameWithAndWithout("direct", List.of("--chaos", "--sched-seed", "7"), guest("threads", "4", "1500"));
        assertThat(chaos.answered()).isPositive();
    }
}
