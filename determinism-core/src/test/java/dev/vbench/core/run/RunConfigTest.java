package dev.vbench.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunConfigTest {

    private static RunConfig config(List<String> command, int cpus, long memory) {
        return new RunConfig(command, List.of(), 0, RunConfig.DEFAULT_EPOCH_NANOS, cpus, memory, false,
                Redirects.NONE, 0, false);
    }

    @Test
    void defaults() {
        RunConfig c = RunConfig.of(List.of("/bin/true"), List.of("A=1"));
        assertThat(c.seed()).isZero();
        assertThat(c.cpus()).isEqualTo(4);
        assertThat(c.memoryBytes()).isEqualTo(8L * 1024 * 1024 * 1024);
        assertThat(Instant.ofEpochSecond(0, c.epochNanos())).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(c.passTerminal()).isFalse();
        assertThat(c.redirects()).isEqualTo(Redirects.NONE);
        assertThat(c.schedSeed()).isZero();
        assertThat(c.chaos()).isFalse();
    }

    @Test
    void emptyCommandIsRefused() {
        assertThatThrownBy(() -> RunConfig.of(List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("command is empty: there is no program to run");
    }

    @Test
    void cpusMustBeBetweenOneAnd1024() {
        assertThatThrownBy(() -> config(List.of("x"), 0, 1L << 30))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cpus must be between 1 and 1024, not 0");
        assertThatThrownBy(() -> config(List.of("x"), 1025, 1L << 30))
                .hasMessage("cpus must be between 1 and 1024, not 1025");
        assertThatThrownBy(() -> config(List.of("x"), -3, 1L << 30))
                .hasMessage("cpus must be between 1 and 1024, not -3");
        assertThat(config(List.of("x"), 1, 1L << 30).cpus()).isEqualTo(1);
        assertThat(config(List.of("x"), 1024, 1L << 30).cpus()).isEqualTo(1024);
    }

    @Test
    void memoryMustBeAtLeast16M() {
        assertThatThrownBy(() -> config(List.of("x"), 4, (16L << 20) - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("memory must be at least 16 MiB");
        assertThatThrownBy(() -> config(List.of("x"), 4, -1)).hasMessageStartingWith("memory must be at least 16 MiB");
        assertThat(config(List.of("x"), 4, 16L << 20).memoryBytes()).isEqualTo(16L << 20);
    }

    @Test
    void listsAreCopiedAndImmutable() {
        List<String> command = new ArrayList<>(List.of("/bin/echo", "hi"));
        List<String> env = new ArrayList<>(List.of("A=1"));
        RunConfig c = RunConfig.of(command, env);
        command.add("more");
        env.clear();
        assertThat(c.command()).containsExactly("/bin/echo", "hi");
        assertThat(c.environment()).containsExactly("A=1");
        assertThatThrownBy(() -> c.command().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withRedirectsKeepsEverythingElse() {
        RunConfig c = new RunConfig(List.of("x"), List.of("E=1"), 9, 123, 2, 1L << 30, true, Redirects.NONE, 5, true);
        Redirects r = new Redirects("/tmp/out", "/tmp/err");
        RunConfig d = c.withRedirects(r);
        assertThat(d.redirects()).isEqualTo(r);
        assertThat(d).isEqualTo(new RunConfig(List.of("x"), List.of("E=1"), 9, 123, 2, 1L << 30, true, r, 5, true));
    }

    /** A descriptor vbench was started without is closed for the guest, unless it goes to a capture file. */
    @Test
    void aClosedStandardDescriptorIsClosedForTheGuestUnlessRedirected() {
        Redirects closed = new Redirects(null, null, java.util.Set.of(0, 1, 2));
        assertThat(List.of(closed.closes(0), closed.closes(1), closed.closes(2))).containsExactly(true, true, true);
        Redirects captured = new Redirects("/tmp/out", "/tmp/err", closed.closed());
        assertThat(List.of(captured.closes(0), captured.closes(1), captured.closes(2))).containsExactly(true, false, false);
        assertThat(Redirects.NONE.closes(0)).isFalse();
    }
}
