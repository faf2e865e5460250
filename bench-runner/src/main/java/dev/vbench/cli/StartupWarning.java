package dev.vbench.cli;

import dev.vbench.reports.model.Benchmark;
import java.util.Locale;

/**
 * Whether a benchmark measures mostly its own start-up: the instructions its process images ran
 * before their {@code main} (the dynamic loader, relocations, the C library's initialisation;
 * vbcount marks main's first instruction, so this is exact under the valgrind counter) are more
 * than half of all it ran, and it marked no region. Such a benchmark's changes are mostly changes
 * of the loader and libc, not of the code it means to measure.
 */
final class StartupWarning {
    /** The share of start-up above which {@code bench} warns. */
    static final double SHARE = 0.5;

    private StartupWarning() {}

    /** The warning for {@code b}, or null. */
    static String of(Benchmark b) {
        Long startup = b.startupInstructions();
        Long total = b.counters().instructions();
        if (b.regions() != null || startup == null || total == null || total == 0 || startup <= total * SHARE) {
            return null;
        }
        return String.format(Locale.ROOT, "%.0f%% of its %,d instructions ran before main (process start-up: the "
                + "dynamic loader and the C library's initialisation); mark the work to measure with "
                + "vbench_region_begin/vbench_region_end (vbench.h) and compare with --region, or make the "
                + "benchmark do more work", 100.0 * startup / total, total);
    }
}
