package dev.vbench.reports.format;

import java.util.Locale;

/** Human-facing number text shared by the text, Markdown and HTML formats; Locale.ROOT for stable bytes. */
final class Numbers {
    /** Shown where a counter was not measured, so it is not mistaken for 0. */
    static final String NOT_MEASURED = "n/a";

    private Numbers() {}

    /** 1234567 -> "1,234,567"; null -> "n/a". */
    static String grouped(Long value) {
        return value == null ? NOT_MEASURED : String.format(Locale.ROOT, "%,d", value);
    }

    static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Nanoseconds in the largest unit that keeps the value >= 1: 1234567 -> "1.235 ms". */
    static String duration(long nanos) {
        double abs = Math.abs((double) nanos);
        if (abs >= 1e9) {
            return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
        } else if (abs >= 1e6) {
            return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
        } else if (abs >= 1e3) {
            return String.format(Locale.ROOT, "%.3f us", nanos / 1e3);
        }
        return nanos + " ns";
    }

    /** A change in percent with its sign: "+0.30%", "-12.50%", "0.00%"; tiny changes keep 4 decimals; null -> "n/a". */
    static String percent(Double pct) {
        if (pct == null) {
            return NOT_MEASURED;
        }
        if (pct == 0) {
            return "0.00%";
        }
        return String.format(Locale.ROOT, Math.abs(pct) >= 0.01 ? "%+.2f%%" : "%+.4f%%", pct);
    }

    /** A difference with its sign and digit grouping: "+1,234", "-5", "0"; null -> "n/a". */
    static String signed(Long value) {
        if (value == null) {
            return NOT_MEASURED;
        }
        return value > 0 ? "+" + grouped(value) : grouped(value);
    }

    static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    static String orNA(String value) {
        return value == null ? NOT_MEASURED : value;
    }
}
