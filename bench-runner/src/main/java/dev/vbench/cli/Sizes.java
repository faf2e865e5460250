package dev.vbench.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the sizes and durations users type: 512M, 8G, 30s, 5m, 250ms. */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMGT]?)(I?B)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);

    private Sizes() {}

    public static long parseBytes(String text, String option) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " takes a size such as 512M or 8G, not '" + text + "'");
        }
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        long value;
        try {
            value = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 0 || Long.numberOfLeadingZeros(value) <= shift) {
            throw new IllegalArgumentException(option + " is too large: '" + text + "'");
        }
        return value << shift;
    }

    /** The longest timeout: far beyond any benchmark, far below where the arithmetic of deadlines overflows. */
    static final Duration MAX_DURATION = Duration.ofDays(30);

    public static Duration parseDuration(String text, String option) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " takes a duration such as 30s, 5m or 250ms, not '" + text + "'");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        double millis = switch (unit) {
            case "ms" -> value;
            case "m" -> value * 60_000;
            case "h" -> value * 3_600_000;
            default -> value * 1000;
        };
        millis = Math.ceil(millis); // 0.5ms is a timeout, not none
        if (millis <= 0) {
            throw new IllegalArgumentException(option + " must be positive, not '" + text + "'");
        }
        if (millis > MAX_DURATION.toMillis()) {
            // (long) of a larger double saturates, and a deadline computed from it overflows.
            throw new IllegalArgumentException(option + " must be at most " + MAX_DURATION.toDays() + " days, not '"
                    + text + "'");
        }
        return Duration.ofMillis((long) millis);
    }
}
