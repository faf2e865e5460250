package dev.vbench.baselines.history;

import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Fingerprint;
import dev.vbench.reports.model.Host;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.VbenchInfo;
import dev.vbench.reports.model.WallTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Results and provenances for history tests. */
final class Results {
    static final Fingerprint FINGERPRINT = new Fingerprint("valgrind", "3.19.0/vbcount-1", "x86-64-v2 (vbench)",
            "glibc 2.36", "6.1.0-vbench", "default");
    static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

    private Results() {}

    static Environment environment(Fingerprint fingerprint) {
        return Environment.builder().counter("valgrind").model("default").epoch("2024-01-01T00:00:00Z")
                .seed(0).cpus(4).memoryBytes(8L << 30).fingerprint(fingerprint)
                .host(new Host("AMD EPYC", "6.1.0-18-amd64")).build();
    }

    /** A deterministic benchmark with virtual time, three counts and an extra event. */
    static Benchmark benchmark(String name, long virtualNs, long instructions) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(Counters.INSTRUCTIONS, instructions);
        counts.put(Counters.BRANCHES_CONDITIONAL, instructions / 6);
        counts.put(Counters.BRANCHES_INDIRECT, instructions / 100);
        counts.put(Counters.SYSCALLS, 41L);
        counts.put("page-faults", 120L);
        return Benchmark.builder(name).command(List.of("./" + name)).virtualTimeNs(virtualNs)
                .counters(Counters.of(counts)).runs(1).deterministic(true).build();
    }

    static Benchmark withWall(Benchmark b, long median) {
        return b.toBuilder().wallTimeNs(new WallTime(10, median * 9 / 10, median, median * 11 / 10, median * 12 / 10))
                .build();
    }

    static Result result(Benchmark... benchmarks) {
        return result(FINGERPRINT, benchmarks);
    }

    static Result result(Fingerprint fingerprint, Benchmark... benchmarks) {
        return Result.of(new VbenchInfo("0.1.0-test"), environment(fingerprint), List.of(benchmarks));
    }

    /** Commit names that look like git's: 40 hex digits, distinct per i. */
    static String commit(int i) {
        return String.format("%08x", 0x1000 + i).repeat(5);
    }

    static Provenance at(int i, String branch) {
        return new Provenance(commit(i), branch, T0.plusSeconds(60L * i));
    }
}
