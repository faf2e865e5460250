package dev.vbench.reports.variance;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a JVM did differently in two runs (the fastest and the slowest seed): compilations only one
 * of them made (by method, tier and OSR entry), compilations both made at different virtual times
 * (largest shifts first), methods made not entrant in only one, GC pauses and safepoints of each.
 * Lists are cut at {@link #LIMIT} entries; the counts beside them are whole.
 */
@JsonPropertyOrder({"fastest_seed", "slowest_seed", "fastest", "slowest", "only_in_fastest_count", "only_in_fastest",
        "only_in_slowest_count", "only_in_slowest", "shifted", "not_entrant_only_in_fastest",
        "not_entrant_only_in_slowest", "gc_fastest", "gc_slowest", "safepoints_fastest", "safepoints_slowest",
        "findings"})
public record JvmComparison(
        @JsonProperty("fastest_seed") long fastestSeed,
        @JsonProperty("slowest_seed") long slowestSeed,
        @JsonProperty("fastest") JvmSummary fastest,
        @JsonProperty("slowest") JvmSummary slowest,
        @JsonProperty("only_in_fastest_count") int onlyInFastestCount,
        @JsonProperty("only_in_fastest") List<Compile> onlyInFastest,
        @JsonProperty("only_in_slowest_count") int onlyInSlowestCount,
        @JsonProperty("only_in_slowest") List<Compile> onlyInSlowest,
        @JsonProperty("shifted") List<Shift> shifted,
        @JsonProperty("not_entrant_only_in_fastest") List<Compile> notEntrantOnlyInFastest,
        @JsonProperty("not_entrant_only_in_slowest") List<Compile> notEntrantOnlyInSlowest,
        @JsonProperty("gc_fastest") List<JvmLog.GcEvent> gcFastest,
        @JsonProperty("gc_slowest") List<JvmLog.GcEvent> gcSlowest,
        @JsonProperty("safepoints_fastest") Map<String, Integer> safepointsFastest,
        @JsonProperty("safepoints_slowest") Map<String, Integer> safepointsSlowest,
        @JsonProperty("findings") List<String> findings) {

    public static final int LIMIT = 30;

    /** A compilation as the report lists it: what, and when (virtual ns since the JVM started). */
    public record Compile(@JsonProperty("method") String method, @JsonProperty("tier") int tier,
                          @JsonProperty("osr_bci") Integer osrBci, @JsonProperty("uptime_ns") long uptimeNs) {
        static Compile of(JvmLog.Compilation c) {
            return new Compile(c.method(), c.tier(), c.osrBci() >= 0 ? c.osrBci() : null, c.uptimeNs());
        }
    }

    /** The same compilation at different times: {@code deltaNs} is slowest minus fastest. */
    public record Shift(@JsonProperty("method") String method, @JsonProperty("tier") int tier,
                        @JsonProperty("osr_bci") Integer osrBci, @JsonProperty("fastest_ns") long fastestNs,
                        @JsonProperty("slowest_ns") long slowestNs, @JsonProperty("delta_ns") long deltaNs) {}

    public static JvmComparison of(long fastestSeed, JvmLog fastest, long slowestSeed, JvmLog slowest) {
        Map<String, JvmLog.Compilation> a = firsts(fastest, false);
        Map<String, JvmLog.Compilation> b = firsts(slowest, false);
        List<Compile> onlyA = only(a, b);
        List<Compile> onlyB = only(b, a);
        List<Shift> shifts = new ArrayList<>();
        for (Map.Entry<String, JvmLog.Compilation> e : a.entrySet()) {
            JvmLog.Compilation y = b.get(e.getKey());
            JvmLog.Compilation x = e.getValue();
            if (y != null && y.uptimeNs() != x.uptimeNs()) {
                shifts.add(new Shift(x.method(), x.tier(), x.osrBci() >= 0 ? x.osrBci() : null, x.uptimeNs(), y.uptimeNs(),
                        y.uptimeNs() - x.uptimeNs()));
            }
        }
        shifts.sort(Comparator.comparingLong((Shift s) -> -Math.abs(s.deltaNs())).thenComparing(Shift::method));
        Map<String, JvmLog.Compilation> na = firsts(fastest, true);
        Map<String, JvmLog.Compilation> nb = firsts(slowest, true);
        JvmSummary sa = fastest.summary();
        JvmSummary sb = slowest.summary();
        List<String> findings = new ArrayList<>();
        findings.add(String.format(java.util.Locale.ROOT, "compilations: %d (fastest seed %d) vs %d (slowest seed %d); "
                + "%d made only by the fastest, %d only by the slowest; %d made by both at different virtual times",
                sa.compilations(), fastestSeed, sb.compilations(), slowestSeed, onlyA.size(), onlyB.size(), shifts.size()));
        findings.add(String.format(java.util.Locale.ROOT, "last compilation at %.3f ms vs %.3f ms of virtual time",
                sa.lastCompilationNs() / 1e6, sb.lastCompilationNs() / 1e6));
        findings.add(String.format(java.util.Locale.ROOT, "made not entrant: %d vs %d", sa.madeNotEntrant(), sb.madeNotEntrant()));
        findings.add(String.format(java.util.Locale.ROOT, "GC pauses: %d (%.3f ms) vs %d (%.3f ms); concurrent GC phases: %d vs %d",
                sa.gcPauses(), sa.gcPauseMillis(), sb.gcPauses(), sb.gcPauseMillis(), sa.gcConcurrent(), sb.gcConcurrent()));
        findings.add(String.format(java.util.Locale.ROOT, "safepoints: %d (%.3f ms) vs %d (%.3f ms)", sa.safepoints(),
                sa.safepointNs() / 1e6, sb.safepoints(), sb.safepointNs() / 1e6));
        return new JvmComparison(fastestSeed, slowestSeed, sa, sb, onlyA.size(), cut(onlyA), onlyB.size(), cut(onlyB),
                cut(shifts), cut(only(na, nb)), cut(only(nb, na)), cut(pauses(fastest)), cut(pauses(slowest)),
                byOperation(fastest), byOperation(slowest), findings);
    }

    /** The first event of each compilation key (compilations, or made-not-entrant events). */
    private static Map<String, JvmLog.Compilation> firsts(JvmLog log, boolean madeNotEntrant) {
        Map<String, JvmLog.Compilation> m = new LinkedHashMap<>();
        for (JvmLog.Compilation c : log.compilations()) {
            if (c.madeNotEntrant() == madeNotEntrant) {
                m.putIfAbsent(c.key(), c);
            }
        }
        return m;
    }

    private static List<Compile> only(Map<String, JvmLog.Compilation> in, Map<String, JvmLog.Compilation> notIn) {
        List<Compile> out = new ArrayList<>();
        for (Map.Entry<String, JvmLog.Compilation> e : in.entrySet()) {
            if (!notIn.containsKey(e.getKey())) {
                out.add(Compile.of(e.getValue()));
            }
        }
        return out;
    }

    private static List<JvmLog.GcEvent> pauses(JvmLog log) {
        return log.gcEvents().stream().filter(JvmLog.GcEvent::pause).toList();
    }

    private static Map<String, Integer> byOperation(JvmLog log) {
        Map<String, Integer> m = new TreeMap<>();
        log.safepoints().forEach(s -> m.merge(s.operation(), 1, Integer::sum));
        return m;
    }

    private static <T> List<T> cut(List<T> list) {
        return List.copyOf(list.subList(0, Math.min(LIMIT, list.size())));
    }
}
