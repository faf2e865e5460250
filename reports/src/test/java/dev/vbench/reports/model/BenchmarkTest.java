package dev.vbench.reports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vbench.reports.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkTest {
    @Test
    void syscallsByNameIsSortedByNameWhateverTheInsertionOrder() {
        assertThat(Fixtures.qsort().syscallsByName().keySet()).containsExactly("brk", "mmap", "write");
    }

    @Test
    void absentCollectionsAreEmptyAndAbsentCountersAreUnmeasured() {
        Benchmark b = new Benchmark("b", null, 0, null, null, 0, null, null, null, null, 0, false, null, null, null,
                null, null, 0, 0, null, null, null, null, null, null, null, null);

        assertThat(b.command()).isEmpty();
        assertThat(b.syscallsByName()).isEmpty();
        assertThat(b.perThread()).isEmpty();
        assertThat(b.notes()).isEmpty();
        assertThat(b.counters()).isEqualTo(Counters.NONE);
        assertThat(b.termination()).isEqualTo(Termination.EXITED);
        assertThat(b.deadlock()).isNull();
    }

    @Test
    void countsAreNamedInCanonicalOrderAndExtraEventsKeepTheirNames() {
        Counters c = Counters.of(Map.of("page-faults", 51L, Counters.SYSCALLS, 3L, "context-switches", 2L));

        assertThat(c.names()).containsExactly(Counters.SYSCALLS, "context-switches", "page-faults");
        assertThat(c.instructions()).isNull();
        assertThat(c.extraNames()).containsExactly("context-switches", "page-faults");
    }

    @Test
    void toBuilderCopiesEveryField() {
        Benchmark q = Fixtures.qsort();
        assertThat(q.toBuilder().build()).isEqualTo(q);
        Benchmark t = Fixtures.threaded();
        assertThat(t.toBuilder().build()).isEqualTo(t);
    }

    @Test
    void isImmutableAndDoesNotAliasTheCallersCollections() {
        List<String> command = new ArrayList<>(List.of("./a"));
        Benchmark b = Benchmark.builder("b").command(command).build();
        command.add("--changed");

        assertThat(b.command()).containsExactly("./a");
        assertThatThrownBy(() -> b.notes().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> b.syscallsByName().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nameIsRequired() {
        assertThatThrownBy(() -> Benchmark.builder(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("name");
    }

    @Test
    void builderDefaultsMatchAnAbsentJsonField() {
        Benchmark b = Benchmark.builder("b").syscallsByName(Map.of("read", 2L)).note("n1").note("n2").build();

        assertThat(b.runs()).isZero();
        assertThat(b.wallTimeNs()).isNull();
        assertThat(b.scheduler()).isNull();
        assertThat(b.notes()).containsExactly("n1", "n2");
        assertThat(b.syscallsByName()).containsEntry("read", 2L);
    }
}
