package dev.vbench.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One {@code vbench run --json} of a guest: what it printed and the result's benchmarks[0]. */
public record Counted(RunResult run, JsonNode benchmark) {

    /** Runs the guest with {@code options --json FILE} in a fresh working directory; it must exit 0. */
    public static Counted run(List<String> options, List<String> guest) {
        return run(options, guest, Processes.scratch("cwd"));
    }

    public static Counted run(List<String> options, List<String> guest, Path cwd) {
        Path json = Processes.scratch("result").resolve("r.json");
        List<String> opts = new ArrayList<>(options);
        opts.add("--json");
        opts.add(json.toString());
        RunResult r = Vbench.run(Vbench.runArgs(opts, guest), Map.of(), cwd, Vbench.DEFAULT_TIMEOUT.multipliedBy(2));
        assertThat(r.exitCode()).as(r.describe()).isZero();
        try {
            JsonNode b = new ObjectMapper().readTree(json.toFile()).path("benchmarks").path(0);
            assertThat(b.isObject()).as("benchmarks[0] of %s\n%s", json, r).isTrue();
            return new Counted(r, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long counter(String name) {
        JsonNode n = benchmark.path("counters").path(name);
        assertThat(n.isIntegralNumber()).as("counters.%s in %s", name, benchmark).isTrue();
        return n.asLong();
    }

    public long virtualNanos() {
        return benchmark.path("virtual_time_ns").asLong();
    }

    /** The counted work, for comparing runs: instructions, branches, syscalls and virtual time. */
    public String work() {
        return "instructions=" + counter("instructions") + " branches_conditional=" + counter("branches_conditional")
                + " branches_indirect=" + counter("branches_indirect") + " syscalls=" + counter("syscalls")
                + " virtual_time_ns=" + virtualNanos();
    }
}
