package dev.vbench.reports.compare;

/**
 * One benchmark in a comparison. {@code base} and {@code current} are the metric's values (null on
 * the side where the benchmark is absent or did not measure it); {@code delta} is current - base
 * and {@code deltaPct} the change in percent of base, both null unless both values exist
 * ({@code deltaPct} is also null when base is 0 and current is not). {@code thresholdPct} is the
 * threshold that applied (the benchmark's own or the global one); {@code reason} explains a
 * failed, nondeterministic or not-measured verdict and is null otherwise.
 */
public record Row(String name, Verdict verdict, Long base, Long current, Long delta, Double deltaPct,
                  Threshold threshold, String reason) {}
