package dev.vbench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vbench.e2e.support.JmhJars;
import dev.vbench.e2e.support.Processes;
import dev.vbench.e2e.support.RunResult;
import dev.vbench.e2e.support.Vbench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code vbench jmh} end to end: a JMH project compiled and packaged at test time (javac with JMH's
 * annotation processor, the archetype's uber-jar layout), run under Valgrind's counter with vbench's
 * default JMH settings. Each guest JVM costs about 10 s here, so the test runs seven of them in all.
 */
class JmhTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SLOW = Duration.ofMinutes(5);

    /** Two benchmarks; {@code mix} does {@code n * work / 100} rounds, so work=101 is 1% more work. */
    static String source(int work) {
        return """
                package bench;

                import org.openjdk.jmh.annotations.*;

                @State(Scope.Thread)
                public class Work {
                    @State(Scope.Thread)
                    public static class Size {
                        @Param({"2000", "4000"})
                        public int n;
                    }

                    private long seed = 42;

                    @Benchmark
                    public long mix(Size size) {
                        long s = seed;
                        int rounds = size.n * WORK / 100;
                        for (int i = 0; i < rounds; i++) {
                            s = s * 6364136223846793005L + 1442695040888963407L;
                            s ^= s >>> 29;
                        }
                        return s;
                    }

                    @Benchmark
                    public long steady() {
                        long s = seed;
                        for (int i = 0; i < 1500; i++) {
                            s = s * 6364136223846793005L + 1442695040888963407L;
                            s ^= s >>> 29;
                        }
                        return s;
                    }

                    static final int WORK = %d;
                }
                """.formatted(work);
    }

    private static Path project(String name, int work) throws IOException {
        Path dir = Processes.scratch(name);
        JmhJars.build(dir.resolve("build"), Map.of("bench/Work.java", source(work)), dir.resolve("benchmarks.jar"));
        return dir;
    }

    private static RunResult jmh(Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("jmh", "benchmarks.jar", "--out", "result.json", "--counter", "valgrind"));
        args.addAll(List.of(more));
        return Vbench.run(args, Map.of(), dir, SLOW);
    }

    private static JsonNode benchmarks(Path dir) throws IOException {
        return JSON.readTree(dir.resolve("result.json").toFile()).get("benchmarks");
    }

    private static JsonNode named(JsonNode benchmarks, String name) {
        for (JsonNode b : benchmarks) {
            if (b.get("name").asText().equals(name)) {
                return b;
            }
        }
        throw new AssertionError("no " + name + " in " + benchmarks);
    }

    @Test
    void jmhBenchmarksAreDeterministicAndOnePercentMoreWorkIsFlaggedAtHalfAPercent() throws IOException {
        Path base = project("jmh-base", 100);
        Path head = project("jmh-head", 101);

        // Every @Param combination is a benchmark of its own.
        RunResult first = jmh(base);
        assertThat(first.exitCode()).as(first.describe()).isZero();
        JsonNode all = benchmarks(base);
        assertThat(all).extracting(b -> b.get("name").asText()).containsExactly("bench.Work.mix(n=2000)",
                "bench.Work.mix(n=4000)", "bench.Work.steady");
        JsonNode mix = named(all, "bench.Work.mix(n=2000)");
        JsonNode jmh = mix.get("jmh");
        assertThat(jmh.get("mode").asText()).isEqualTo("ss");
        assertThat(jmh.get("batch_size").asInt()).isEqualTo(1000);
        assertThat(jmh.get("forks").asInt()).isZero();
        assertThat(jmh.get("params").get("n").asText()).isEqualTo("2000");
        assertThat(jmh.get("settings").toString()).contains("\"-wi\",\"10\"", "\"-i\",\"5\"");
        // JMH timed its iterations with the guest's virtual clock: every measured iteration costs the same.
        JsonNode raw = jmh.get("raw_data").get(0);
        assertThat(raw).hasSize(5);
        raw.forEach(v -> assertThat(v.asDouble()).isEqualTo(raw.get(0).asDouble()));
        assertThat(mix.get("virtual_time_ns").asLong()).isEqualTo(Math.round(jmh.get("score").asDouble()));
        assertThat(mix.get("counters").get("instructions").asLong()).isPositive();
        assertThat(named(all, "bench.Work.mix(n=4000)").get("virtual_time_ns").asLong())
                .isGreaterThan(mix.get("virtual_time_ns").asLong() * 3 / 2);

        // A second invocation (-p picks one combination): the same entries, byte for byte. (From another
        // directory the counts would differ by a few dozen instructions: the JVM hashes the jar's path.)
        Files.move(base.resolve("result.json"), base.resolve("first.json"));
        RunResult second = jmh(base, "-p", "n=2000");
        assertThat(second.exitCode()).as(second.describe()).isZero();
        JsonNode repeated = benchmarks(base);
        assertThat(repeated).hasSize(2);
        for (JsonNode b : repeated) {
            assertThat(b).as(b.get("name").asText()).isEqualTo(named(all, b.get("name").asText()));
        }

        // 1% more work in mix is flagged at 0.5% by virtual time per operation; steady is unchanged.
        RunResult changed = jmh(head, "-p", "n=2000");
        assertThat(changed.exitCode()).as(changed.describe()).isZero();
        JsonNode byTime = compare(base, head, "virtual_time", 1);
        assertThat(verdict(byTime, "bench.Work.mix(n=2000)").get("verdict").asText()).isEqualTo("regressed");
        assertThat(verdict(byTime, "bench.Work.mix(n=2000)").get("delta_pct").asDouble()).isBetween(0.5, 3.0);
        assertThat(verdict(byTime, "bench.Work.steady").get("delta").asLong()).isZero();
        // The counts are the whole guest JVM's (start-up and warm-up too): they move, but diluted.
        JsonNode byInstructions = compare(base, head, "instructions", 0);
        assertThat(verdict(byInstructions, "bench.Work.mix(n=2000)").get("delta_pct").asDouble()).isBetween(0.05, 3.0);
        assertThat(Math.abs(verdict(byInstructions, "bench.Work.steady").get("delta_pct").asDouble())).isLessThan(0.001);
    }

    private static JsonNode compare(Path base, Path head, String metric, int expectedExit) throws IOException {
        RunResult c = Vbench.run(List.of("compare", base.resolve("result.json").toString(), head.resolve("result.json").toString(),
                "--threshold", "0.5%", "--metric", metric, "--format", "json"), Map.of(), null, Duration.ofSeconds(60));
        assertThat(c.exitCode()).as(c.describe()).isEqualTo(expectedExit);
        return JSON.readTree(c.stdout()).get("benchmarks");
    }

    private static JsonNode verdict(JsonNode rows, String name) {
        return named(rows, name);
    }

    @Test
    void aJarThatIsNotJmhIsBadInput() throws IOException {
        Path dir = Processes.scratch("jmh-notjmh");
        Path jar = dir.resolve("benchmarks.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("x.txt"));
            out.write('x');
        }
        RunResult r = jmh(dir);
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
        assertThat(r.stderr()).contains("JMH could not list its benchmarks");
        assertThat(dir.resolve("result.json")).doesNotExist();
        RunResult bad = jmh(dir, "-rf", "csv");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("-rf is vbench's");
    }
}
