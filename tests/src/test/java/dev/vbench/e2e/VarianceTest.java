package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * {@code vbench variance} end to end on a multithreaded Java program under Valgrind's counter: 8
 * seeds, their spread, identical replays of the fastest and the slowest, and JIT/GC differences
 * between them from the JVM's own logs. Ten guest JVMs of a few seconds each.
 */
class VarianceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Four threads hash strings into one shared map: the schedule decides who waits and when the JIT runs. */
    static final String PROGRAM = """
            import java.util.*;
            import java.util.concurrent.*;

            public class Shared {
                public static void main(String[] args) throws Exception {
                    int threads = 4;
                    ExecutorService pool = Executors.newFixedThreadPool(threads);
                    ConcurrentHashMap<Integer, Long> map = new ConcurrentHashMap<>();
                    List<Future<Long>> results = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        final int id = t;
                        results.add(pool.submit(() -> {
                            long s = 0;
                            for (int i = 0; i < 6000; i++) {
                                s += Integer.toString(i * 7 + id).hashCode();
                                map.merge(i % 512, s, Long::sum);
                            }
                            return s;
                        }));
                    }
                    long total = 0;
                    for (Future<Long> f : results) {
                        total += f.get();
                    }
                    pool.shutdown();
                    System.out.println(map.size() + " " + total);
                }
            }
            """;

    @Test
    void seedsSpreadEachReplaysExactlyAndTheJvmLogsNameWhatDiffered() throws IOException {
        Path dir = Processes.scratch("variance");
        Files.writeString(dir.resolve("Shared.java"), PROGRAM);
        int javac = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(),
                dir.resolve("Shared.java").toString());
        assertThat(javac).isZero();

        RunResult r = Vbench.run(List.of("variance", "--seeds", "8", "--jvm-logs", "--wall", "2", "--counter", "valgrind",
                "--json", "variance.json", "--html", "variance.html", "--", "java", "-cp", ".", "Shared"), Map.of(), dir,
                Duration.ofMinutes(8));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).contains("vbench variance: 8 scheduler seeds (1..8)", "replayed: identical",
                "JVM logs, fastest seed");

        JsonNode v = JSON.readTree(dir.resolve("variance.json").toFile());
        assertThat(v.get("schema").asText()).isEqualTo("vbench.variance/1");
        JsonNode runs = v.get("runs");
        assertThat(runs).hasSize(8);
        Set<Long> times = new HashSet<>();
        Set<String> outputs = new HashSet<>();
        runs.forEach(run -> {
            times.add(run.get("virtual_time_ns").asLong());
            outputs.add(run.get("stdout_sha256").asText());
            assertThat(run.get("exit_status").asInt()).isZero();
            assertThat(run.get("jvm").get("compilations").asInt()).isPositive();
        });
        // The schedule changes the work, not the answer.
        assertThat(times).as("virtual times over 8 seeds").hasSizeGreaterThan(1);
        assertThat(outputs).hasSize(1);
        JsonNode time = v.get("distributions").get("virtual_time_ns");
        assertThat(time.get("spread_pct").asDouble()).isPositive();
        assertThat(time.get("min").asLong()).isEqualTo(v.get("fastest").get("virtual_time_ns").asLong());
        assertThat(time.get("max").asLong()).isEqualTo(v.get("slowest").get("virtual_time_ns").asLong());
        for (String extreme : List.of("fastest", "slowest")) {
            JsonNode e = v.get(extreme);
            assertThat(e.get("replay_identical").asBoolean()).as(extreme + ": " + e).isTrue();
            assertThat(e.get("replay_command").asText()).contains("vbench run --sched-seed " + e.get("seed").asLong(),
                    "--counter valgrind", "JAVA_TOOL_OPTIONS=", "-- java -cp . Shared");
        }
        assertThat(v.get("wall_time_ns").get("runs").asInt()).isEqualTo(2);

        // The JVM logs: real compilations that happened in one seed only or at different virtual times.
        JsonNode jvm = v.get("jvm");
        assertThat(jvm.get("fastest_seed").asLong()).isEqualTo(v.get("fastest").get("seed").asLong());
        int onlyOne = jvm.get("only_in_fastest_count").asInt() + jvm.get("only_in_slowest_count").asInt();
        assertThat(onlyOne + jvm.get("shifted").size()).isPositive();
        JsonNode named = jvm.get("shifted").size() > 0 ? jvm.get("shifted").get(0)
                : (jvm.get("only_in_fastest").size() > 0 ? jvm.get("only_in_fastest") : jvm.get("only_in_slowest")).get(0);
        assertThat(named.get("method").asText()).matches("[\\w.$/]+::[\\w<>$]+.*");
        assertThat(r.stdout()).contains(named.get("method").asText());
        Path seedLogs = dir.resolve("vbench-jvm-logs/seed-" + jvm.get("slowest_seed").asLong());
        try (var files = Files.list(seedLogs)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("jvm-1000.log");
        }

        String html = Files.readString(dir.resolve("variance.html"));
        assertThat(html).contains("id=\"chart-variance-histogram\"", "Compiled", "\"kind\":\"variance\"");
    }
}
