package dev.vbench.reports;

import dev.vbench.reports.model.Benchmark;
import dev.vbench.reports.model.Counters;
import dev.vbench.reports.model.Environment;
import dev.vbench.reports.model.Host;
import dev.vbench.reports.model.Result;
import dev.vbench.reports.model.SchedulerStats;
import dev.vbench.reports.model.ThreadCounters;
import dev.vbench.reports.model.VbenchInfo;
import dev.vbench.reports.model.WallTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Results that use every field, so a lost or renamed field shows up in round trips. */
public final class Fixtures {
    private Fixtures() {}

    public static Environment environment() {
        return Environment.builder()
                .counter("valgrind").counterReason("perf_event_open: EACCES (no PMU in this VM)")
                .model("default").epoch("2024-01-01T00:00:00Z").seed(7).schedSeed(42).cpus(4)
                .memoryBytes(8L << 30).cpuidVirtualized(true)
                .host(new Host("Intel(R) Xeon(R) Platinum", "6.1.0-18-amd64"))
                .build();
    }

    /** Fully populated, single-threaded, with wall time. */
    public static Benchmark qsort() {
        Map<String, Long> syscalls = new LinkedHashMap<>();
        syscalls.put("write", 1L); // inserted out of name order on purpose
        syscalls.put("mmap", 9L);
        syscalls.put("brk", 3L);
        return Benchmark.builder("qsort-200k")
                .command(List.of("./qsort", "200000"))
                .exitStatus(0).virtualTimeNs(1_234_567L)
                .counters(counts(105_586_321L, 16_490_394L, 12_345L, 41L))
                .syscallsByName(syscalls)
                .runs(3).deterministic(true).thresholdPct(0.5)
                .wallTimeNs(new WallTime(30, 900_000L, 1_000_000L, 1_100_000L, 1_500_000L))
                .stdoutSha256("a".repeat(64)).stderrSha256("b".repeat(64))
                .processes(1).threads(1)
                .perThread(List.of(new ThreadCounters(1000, counts(105_586_321L, 16_490_394L, 12_345L, 41L))))
                .scheduler(new SchedulerStats(12, 0, 0))
                .build();
    }

    /** Multi-threaded, non-deterministic, no wall time, counter values partly unmeasured. */
    public static Benchmark threaded() {
        return Benchmark.builder("threads-4")
                .command(List.of("./threads", "--n", "4"))
                .exitStatus(1).virtualTimeNs(98_765_432_100L)
                .counters(counts(null, 5_000_000L, null, 900L))
                .syscallsByName(Map.of("futex", 800L, "clone3", 3L))
                .runs(2).deterministic(false)
                .deterministicReason("stdout differed between run 1 and run 2")
                .processes(1).threads(4)
                .perThread(List.of(
                        new ThreadCounters(2000, counts(null, 1_000_000L, null, 200L)),
                        new ThreadCounters(2001, counts(null, 4_000_000L, null, 700L))))
                .scheduler(new SchedulerStats(5000, 4200, 17))
                .note("reads /dev/urandom through an unemulated ioctl")
                .build();
    }

    public static Result result() {
        return Result.of(new VbenchInfo("0.1.0-SNAPSHOT"), environment(), List.of(qsort(), threaded()));
    }

    /** One benchmark with the given name, otherwise like {@link #qsort()}. */
    public static Result named(String name) {
        Benchmark q = qsort();
        Benchmark b = Benchmark.builder(name).command(q.command()).exitStatus(q.exitStatus())
                .virtualTimeNs(q.virtualTimeNs()).counters(q.counters()).syscallsByName(q.syscallsByName())
                .runs(q.runs()).deterministic(q.deterministic()).wallTimeNs(q.wallTimeNs())
                .stdoutSha256(q.stdoutSha256()).stderrSha256(q.stderrSha256()).processes(q.processes())
                .threads(q.threads()).perThread(q.perThread()).scheduler(q.scheduler()).build();
        return Result.of(new VbenchInfo("0.1.0-SNAPSHOT"), environment(), List.of(b));
    }

    /** The four classic counts; null = not measured. */
    public static Counters counts(Long instructions, Long branchesConditional, Long branchesIndirect, Long syscalls) {
        Map<String, Long> m = new java.util.HashMap<>();
        m.put(Counters.INSTRUCTIONS, instructions);
        m.put(Counters.BRANCHES_CONDITIONAL, branchesConditional);
        m.put(Counters.BRANCHES_INDIRECT, branchesIndirect);
        m.put(Counters.SYSCALLS, syscalls);
        return Counters.of(m);
    }
}
