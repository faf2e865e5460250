package dev.vbench.reports.compare;

/**
 * One field of the environment that differs between the two results and changes counts: comparing
 * such results would report a change that is not the program's. {@code null} = not recorded.
 */
public record Mismatch(String field, String base, String current) {
    /** {@code "cpus: 4 (base) vs 8 (new)"}. */
    public String describe() {
        return field + ": " + show(base) + " (base) vs " + show(current) + " (new)";
    }

    private static String show(String v) {
        return v == null ? "not recorded" : "'" + v + "'";
    }
}
