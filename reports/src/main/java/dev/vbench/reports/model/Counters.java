package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whole-run (or one thread's) event counts, by name. A count the counter backend does not measure
 * is absent, never 0, so a comparison skips it instead of seeing a fake 0. The names the engine
 * knows are the constants below; any other name is an extra event (an extra perf event such as
 * {@code page-faults}) under its own name.
 *
 * <p>Order is canonical, so the same counts always give the same JSON bytes: the known names in
 * the order of {@link #KNOWN}, then any other name sorted.
 */
public final class Counters {
    public static final String INSTRUCTIONS = "instructions";
    public static final String BRANCHES_CONDITIONAL = "branches_conditional";
    public static final String BRANCHES_INDIRECT = "branches_indirect";
    public static final String SYSCALLS = "syscalls";
    public static final String TRAPS = "traps";
    /** System calls by class (a calibrated model prices each class): see {@code SyscallClass}. */
    public static final String SYSCALLS_CHEAP = "syscalls_cheap";
    public static final String SYSCALLS_FILE = "syscalls_file";
    public static final String SYSCALLS_MEMORY = "syscalls_memory";
    public static final String SYSCALLS_PROCESS = "syscalls_process";
    public static final String SYSCALLS_BLOCKING = "syscalls_blocking";
    /** Bytes returned by read-like and taken by write-like system calls, and accessible bytes mapped. */
    public static final String BYTES_READ = "bytes_read";
    public static final String BYTES_WRITTEN = "bytes_written";
    public static final String BYTES_MAPPED = "bytes_mapped";
    /** 4 KiB pages first written since they were mapped. */
    public static final String PAGES_TOUCHED = "pages_touched";
    /** Misses of vbcount's simulated cache, its simulated branch mispredictions, divisions and square roots. */
    public static final String CACHE_MISSES = "cache_misses";
    public static final String CACHE_LINES_STREAMED = "cache_lines_streamed";
    public static final String CACHE_MID_MISSES = "cache_mid_misses";
    public static final String BRANCH_MISPREDICTS = "branch_mispredicts";
    public static final String LONG_LATENCY_OPS = "long_latency_ops";
    public static final String ATOMIC_OPS = "atomic_ops";
    /** Issue slots of a fixed 4-wide core, dependency chains carried by loops included (vbcount). */
    public static final String ISSUE_SLOTS = "issue_slots";
    /** Virtual nanoseconds spent asleep or waiting for a deadline. */
    public static final String SLEEP_NS = "sleep_ns";
    /** The known counts in the order every rendering lists them. */
    public static final List<String> KNOWN = List.of(INSTRUCTIONS, BRANCHES_CONDITIONAL, BRANCHES_INDIRECT, SYSCALLS,
            TRAPS, SYSCALLS_CHEAP, SYSCALLS_FILE, SYSCALLS_MEMORY, SYSCALLS_PROCESS, SYSCALLS_BLOCKING, BYTES_READ,
            BYTES_WRITTEN, BYTES_MAPPED, PAGES_TOUCHED, CACHE_MID_MISSES, CACHE_MISSES, CACHE_LINES_STREAMED, BRANCH_MISPREDICTS,
            LONG_LATENCY_OPS, ATOMIC_OPS, ISSUE_SLOTS, SLEEP_NS);

    /** Nothing measured. */
    public static final Counters NONE = new Counters(Map.of());

    private final Map<String, Long> counts;

    private Counters(Map<String, Long> counts) {
        this.counts = counts;
    }

    /** The counts given, in canonical order; null values are dropped (not measured). */
    @JsonCreator
    public static Counters of(Map<String, Long> counts) {
        if (counts == null || counts.isEmpty()) {
            return NONE;
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String name : KNOWN) {
            Long v = counts.get(name);
            if (v != null) {
                ordered.put(name, v);
            }
        }
        counts.keySet().stream().filter(n -> !KNOWN.contains(n)).sorted().forEach(n -> {
            Long v = counts.get(n);
            if (v != null) {
                ordered.put(Objects.requireNonNull(n, "count name"), v);
            }
        });
        return new Counters(Collections.unmodifiableMap(ordered));
    }

    /** The count named {@code name}, or null if it was not measured. */
    public Long get(String name) {
        return counts.get(name);
    }

    public Long instructions() {
        return get(INSTRUCTIONS);
    }

    public Long branchesConditional() {
        return get(BRANCHES_CONDITIONAL);
    }

    public Long branchesIndirect() {
        return get(BRANCHES_INDIRECT);
    }

    public Long syscalls() {
        return get(SYSCALLS);
    }

    /** Every measured count, in canonical order. */
    @JsonValue
    public Map<String, Long> asMap() {
        return counts;
    }

    public Set<String> names() {
        return counts.keySet();
    }

    /** Names measured here that are not among the known ones, sorted: extra events. */
    public List<String> extraNames() {
        List<String> extra = new ArrayList<>();
        for (String n : counts.keySet()) {
            if (!KNOWN.contains(n)) {
                extra.add(n);
            }
        }
        return extra;
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Counters c && c.counts.equals(counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }

    @Override
    public String toString() {
        return counts.toString();
    }
}
