package dev.vbench.reports.compare;

import java.util.Locale;

/**
 * What a comparison concluded about one benchmark. Declared in the order outputs list them: what
 * fails the gate first, then what changed, then what did not.
 */
public enum Verdict {
    /** Either side did not end normally (timed out, interrupted, deadlocked), or its exit status is non-zero or changed. */
    FAILED(true),
    /** Either side's runs disagreed ({@code deterministic: false}): its numbers cannot be trusted. */
    NONDETERMINISTIC(true),
    /** One side (or both) did not measure the metric (e.g. no instruction count under {@code --counter none}). */
    NOT_MEASURED(true),
    /** The metric grew by more than the threshold. */
    REGRESSED(true),
    /** The metric shrank by more than the threshold. */
    IMPROVED(false),
    /** Only in the new result. */
    ADDED(false),
    /** Only in the base result. */
    REMOVED(false),
    /** Changed by no more than the threshold. */
    UNCHANGED(false);

    private final boolean failsGate;

    Verdict(boolean failsGate) {
        this.failsGate = failsGate;
    }

    /**
     * True for the verdicts that make {@code vbench compare} exit 1. NOT_MEASURED is among them: a
     * gate that cannot check a benchmark must not say it passed.
     */
    public boolean failsGate() {
        return failsGate;
    }

    /** As written in outputs: {@code "not_measured"}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As written in human summaries: {@code "not measured"}. */
    public String label() {
        return jsonName().replace('_', ' ');
    }
}
