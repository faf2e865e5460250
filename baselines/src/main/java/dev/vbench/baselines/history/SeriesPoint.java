package dev.vbench.baselines.history;

import dev.vbench.reports.model.Fingerprint;
import java.time.Instant;

/**
 * One value of a series: the metric's value in one recorded result.
 *
 * @param resultId      the recorded result's id in the database
 * @param deterministic whether the benchmark's runs agreed (false makes an exact metric noisy)
 * @param fingerprint   the platform the result was measured on, or null if the result did not say
 */
public record SeriesPoint(long resultId, String commit, String branch, Instant recordedAt, long value,
                          boolean deterministic, Fingerprint fingerprint) {}
