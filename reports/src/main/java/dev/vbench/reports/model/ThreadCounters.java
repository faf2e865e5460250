package dev.vbench.reports.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The counts charged to one guest thread (one {@code per_thread} entry). In JSON the counts sit
 * flat beside {@code tid}: {@code {"tid": 1000, "instructions": 5, "syscalls": 3}}.
 */
public record ThreadCounters(int tid, Counters counters) {

    public ThreadCounters {
        counters = counters == null ? Counters.NONE : counters;
    }

    @JsonCreator
    static ThreadCounters fromJson(Map<String, Object> fields) {
        Object tid = fields.get("tid");
        if (!(tid instanceof Number n)) {
            throw new IllegalArgumentException("a per_thread entry needs a numeric tid");
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (!name.equals("tid") && value instanceof Number v) {
                counts.put(name, v.longValue());
            }
        });
        return new ThreadCounters(n.intValue(), Counters.of(counts));
    }

    @JsonValue
    Map<String, Object> toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tid", tid);
        fields.putAll(Objects.requireNonNull(counters).asMap());
        return fields;
    }
}
