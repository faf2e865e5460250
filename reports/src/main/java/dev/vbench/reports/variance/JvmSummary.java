package dev.vbench.reports.variance;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JVM log in numbers: compilations (by tier, OSR among them), compiled methods made not entrant
 * (deoptimized or replaced by a higher tier), the virtual time of the last compilation, GC pauses and
 * their total, concurrent GC phases, safepoints and their total time.
 */
@JsonPropertyOrder({"compilations", "by_tier", "osr", "made_not_entrant", "last_compilation_ns", "gc_pauses",
        "gc_pause_ms", "gc_concurrent", "safepoints", "safepoint_ns", "unparsed_lines"})
public record JvmSummary(
        @JsonProperty("compilations") int compilations,
        @JsonProperty("by_tier") Map<String, Integer> byTier,
        @JsonProperty("osr") int osr,
        @JsonProperty("made_not_entrant") int madeNotEntrant,
        @JsonProperty("last_compilation_ns") long lastCompilationNs,
        @JsonProperty("gc_pauses") int gcPauses,
        @JsonProperty("gc_pause_ms") double gcPauseMillis,
        @JsonProperty("gc_concurrent") int gcConcurrent,
        @JsonProperty("safepoints") int safepoints,
        @JsonProperty("safepoint_ns") long safepointNs,
        @JsonProperty("unparsed_lines") int unparsedLines) {

    static JvmSummary of(JvmLog log) {
        int compilations = 0;
        int osr = 0;
        int mne = 0;
        long last = 0;
        Map<String, Integer> byTier = new TreeMap<>();
        for (JvmLog.Compilation c : log.compilations()) {
            if (c.madeNotEntrant()) {
                mne++;
                continue;
            }
            compilations++;
            osr += c.osrBci() >= 0 ? 1 : 0;
            last = Math.max(last, c.uptimeNs());
            byTier.merge(Integer.toString(c.tier()), 1, Integer::sum);
        }
        int pauses = 0;
        int concurrent = 0;
        double pauseMs = 0;
        for (JvmLog.GcEvent g : log.gcEvents()) {
            if (g.pause()) {
                pauses++;
                pauseMs += g.millis();
            } else {
                concurrent++;
            }
        }
        long spNs = log.safepoints().stream().mapToLong(JvmLog.Safepoint::totalNs).sum();
        return new JvmSummary(compilations, byTier, osr, mne, last, pauses, Math.round(pauseMs * 1000) / 1000.0, concurrent,
                log.safepoints().size(), spNs, log.skipped());
    }
}
