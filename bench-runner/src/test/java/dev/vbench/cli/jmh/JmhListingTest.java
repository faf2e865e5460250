package dev.vbench.cli.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhListingTest {
    /** What JMH 1.37 prints for `java -jar benchmarks.jar -lp` (first line with its trailing space). */
    static final String LISTING = """
            Benchmarks:\s
            bench.Work.mix
              param "n" = {1000, 2000}
              param "kind" = {a, b}
            bench.Work.plain
            """;

    @Test
    void readsEachBenchmarkAndItsParameters() {
        List<JmhListing.Listed> listed = JmhListing.parse(LISTING);
        assertThat(listed).containsExactly(
                new JmhListing.Listed("bench.Work.mix", Map.of("n", List.of("1000", "2000"), "kind", List.of("a", "b"))),
                new JmhListing.Listed("bench.Work.plain", Map.of()));
    }

    @Test
    void everyCombinationIsARunNamedWithItsParametersInNameOrder() {
        List<JmhListing.Run> runs = JmhListing.runs(JmhListing.parse(LISTING), Map.of());
        assertThat(runs.stream().map(JmhListing.Run::displayName)).containsExactly(
                "bench.Work.mix(kind=a,n=1000)", "bench.Work.mix(kind=a,n=2000)", "bench.Work.mix(kind=b,n=1000)",
                "bench.Work.mix(kind=b,n=2000)", "bench.Work.plain");
    }

    @Test
    void valuesGivenWithDashPReplaceTheAnnotationsOnlyForBenchmarksThatHaveTheParameter() {
        List<JmhListing.Run> runs = JmhListing.runs(JmhListing.parse(LISTING),
                Map.of("n", List.of("7"), "other", List.of("x")));
        assertThat(runs.stream().map(JmhListing.Run::displayName)).containsExactly(
                "bench.Work.mix(kind=a,n=7)", "bench.Work.mix(kind=b,n=7)", "bench.Work.plain");
    }

    @Test
    void anEmptyListingHasNoRunsAndOtherTextIsRefused() {
        assertThat(JmhListing.parse("Benchmarks: \n")).isEmpty();
        assertThatThrownBy(() -> JmhListing.parse("Error: Unable to access jarfile x.jar\n"))
                .hasMessageContaining("no \"Benchmarks:\" line");
        assertThatThrownBy(() -> JmhListing.parse("Benchmarks:\nnot a name here\n"))
                .hasMessageContaining("not a line of JMH's benchmark listing");
    }
}
