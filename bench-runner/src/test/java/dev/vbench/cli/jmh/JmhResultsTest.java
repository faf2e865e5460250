package dev.vbench.cli.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vbench.reports.model.JmhScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhResultsTest {
    /** The parts of JMH 1.37's -rf json output that vbench reads (as written under vbench). */
    static final String JSON = """
            [
                {
                    "jmhVersion" : "1.37",
                    "benchmark" : "bench.Work.mix",
                    "mode" : "ss",
                    "threads" : 1,
                    "forks" : 0,
                    "jvm" : "/usr/lib/jvm/java-17-openjdk-amd64/bin/java",
                    "jvmArgs" : [ "-XX:-UsePerfData" ],
                    "warmupIterations" : 10,
                    "warmupBatchSize" : 1000,
                    "measurementIterations" : 5,
                    "measurementBatchSize" : 1000,
                    "params" : { "n" : "1000" },
                    "primaryMetric" : {
                        "score" : 973990.0,
                        "scoreError" : 0.001,
                        "scoreUnit" : "ns/op",
                        "rawData" : [ [ 973990.0, 973990.0, 973990.0, 973990.0, 973990.0 ] ]
                    },
                    "secondaryMetrics" : { }
                }
            ]
            """;

    @Test
    void readsTheScoreItsUnitTheSettingsAndTheMeasuredIterations(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("r.json"), JSON);
        List<JmhScore> scores = JmhResults.read(f, List.of("-f", "0"));
        assertThat(scores).hasSize(1);
        JmhScore s = scores.get(0);
        assertThat(s.benchmark()).isEqualTo("bench.Work.mix");
        assertThat(s.params()).containsEntry("n", "1000");
        assertThat(s.mode()).isEqualTo("ss");
        assertThat(s.score()).isEqualTo(973990.0);
        assertThat(s.virtualTimePerOpNs()).isEqualTo(973990.0);
        assertThat(s.batchSize()).isEqualTo(1000);
        assertThat(s.warmupIterations()).isEqualTo(10);
        assertThat(s.measurementIterations()).isEqualTo(5);
        assertThat(s.rawData()).containsExactly(List.of(973990.0, 973990.0, 973990.0, 973990.0, 973990.0));
        assertThat(s.jvmArgs()).containsExactly("-XX:-UsePerfData");
        assertThat(s.settings()).containsExactly("-f", "0");
        assertThat(JmhScore.displayName(s.benchmark(), s.params())).isEqualTo("bench.Work.mix(n=1000)");
    }

    @Test
    void turnsEveryTimeAndThroughputUnitIntoNanosecondsPerOperation() {
        assertThat(JmhResults.nanosPerOp(2.5, "ns/op")).isEqualTo(2.5);
        assertThat(JmhResults.nanosPerOp(2.5, "us/op")).isEqualTo(2500.0);
        assertThat(JmhResults.nanosPerOp(3, "ms/op")).isEqualTo(3e6);
        assertThat(JmhResults.nanosPerOp(4, "s/op")).isEqualTo(4e9);
        assertThat(JmhResults.nanosPerOp(1000, "ops/s")).isEqualTo(1e6, within(1e-6));
        assertThat(JmhResults.nanosPerOp(0.5, "ops/ns")).isEqualTo(2.0);
        assertThat(JmhResults.nanosPerOp(2, "ops/us")).isEqualTo(500.0);
        assertThatThrownBy(() -> JmhResults.nanosPerOp(1, "B/op")).hasMessageContaining("unknown time unit B");
        assertThatThrownBy(() -> JmhResults.nanosPerOp(1, "furlongs")).hasMessageContaining("neither");
    }

    @Test
    void somethingElseIsNotJmhsJson(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("r.json"), "{\"schema\": \"vbench.result/1\"}");
        assertThatThrownBy(() -> JmhResults.read(f, List.of())).isInstanceOf(IOException.class)
                .hasMessageContaining("not JMH's JSON");
        Path g = Files.writeString(dir.resolve("g.json"), "[{\"benchmark\": \"x\"}]");
        assertThatThrownBy(() -> JmhResults.read(g, List.of())).hasMessageContaining("primaryMetric.score");
    }
}
