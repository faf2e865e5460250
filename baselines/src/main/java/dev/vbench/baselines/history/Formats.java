package dev.vbench.baselines.history;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How history numbers, times and commits are written in text and HTML. */
final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Formats() {}

    /** A value, rounded to a whole number, with thousands separated: {@code 1,234,567}. */
    static String number(double value) {
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    /** A signed percentage; tiny changes (a few instructions in billions) keep significant digits. */
    static String percent(double p) {
        if (Double.isNaN(p)) {
            return "n/a";
        }
        if (p == 0) {
            return "0.00%";
        }
        if (Math.abs(p) >= 0.01) {
            return String.format(Locale.ROOT, "%+.2f%%", p);
        }
        return String.format(Locale.ROOT, "%+.2e%%", p);
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    /** The first 12 characters of a commit name (git's short names are shorter; 12 stay unique longer). */
    static String commit(String c) {
        return c.length() <= 12 ? c : c.substring(0, 12);
    }

    static String html(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
