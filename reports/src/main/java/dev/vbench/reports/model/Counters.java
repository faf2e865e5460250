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
    /** The known counts in the order every rendering lists them. */
    public static final List<String> KNOWN = List.of(INSTRUCTIONS, BRANCHES_CONDITIONAL, BRANCHES_INDIRECT, SYSCALLS,
            TRAPS);

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
