package dev.vbench.reports.compare;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How large a change must be, relative to the base, to count as a regression or an improvement.
 * Kept as an exact decimal percentage so that a change of exactly the threshold compares exactly
 * (0.2% of 1000 is 2, not 2.0000000000000004): a change counts only when it is strictly larger.
 */
public final class Threshold {
    /** The default: 0.2%. Virtual time does not vary between runs, so a small drift is real. */
    public static final Threshold DEFAULT = new Threshold(new BigDecimal("0.2"));

    private final BigDecimal percent;

    private Threshold(BigDecimal percent) {
        this.percent = percent.stripTrailingZeros();
    }

    /**
     * {@code "0.2%"} is a percentage; a bare number is a fraction of the base, so {@code "0.002"} is
     * the same threshold. A bare number of 1 or more is refused (it would mean 100% or more, and is
     * almost always a percentage without its sign). Negative numbers are refused.
     */
    public static Threshold parse(String text) {
        String t = text.trim();
        boolean pct = t.endsWith("%");
        String number = pct ? t.substring(0, t.length() - 1).trim() : t;
        BigDecimal value;
        try {
            value = new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("threshold '" + text + "' is not a number; write it as a percentage "
                    + "such as 0.2% or as a fraction such as 0.002");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("threshold '" + text + "' is negative");
        }
        if (pct) {
            return new Threshold(checked(value, text));
        }
        if (value.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("threshold '" + text + "' would be " + value.movePointRight(2).toPlainString()
                    + "%: a bare number is a fraction (0.002 = 0.2%); write " + value.toPlainString() + "% if you meant a percentage");
        }
        return new Threshold(checked(value.movePointRight(2), text));
    }

    /**
     * At most 100% (as a suite's threshold), and not finer than 1e-9%: a huge or tiny exponent
     * ({@code 1e999999999%}) would otherwise make every comparison build a number of that many digits.
     */
    private static BigDecimal checked(BigDecimal percent, String text) {
        if (percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("threshold '" + text + "' is more than 100%");
        }
        if (percent.signum() != 0 && percent.compareTo(new BigDecimal("1e-9")) < 0) {
            throw new IllegalArgumentException("threshold '" + text + "' is below 1e-9%; write 0 for no threshold");
        }
        return percent;
    }

    /** A percentage as a result file carries it ({@code threshold_pct}); must be finite and >= 0. */
    public static Threshold ofPercent(double percent) {
        if (!Double.isFinite(percent) || percent < 0) {
            throw new IllegalArgumentException("threshold " + percent + "% is not a finite number >= 0");
        }
        return new Threshold(BigDecimal.valueOf(percent));
    }

    public BigDecimal percent() {
        return percent;
    }

    /** True if going from {@code base} to {@code base + delta} changes by strictly more than this threshold. */
    boolean exceeded(long base, long delta) {
        if (base == 0) {
            return delta != 0; // any change from nothing is an infinite relative change
        }
        // |delta| / |base| * 100 > percent, without dividing.
        BigDecimal lhs = BigDecimal.valueOf(Math.abs(delta)).movePointRight(2);
        BigDecimal rhs = percent.multiply(BigDecimal.valueOf(Math.abs(base)));
        return lhs.compareTo(rhs) > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Threshold t && t.percent.compareTo(percent) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(percent.doubleValue());
    }

    /** {@code "0.2%"}. */
    @Override
    public String toString() {
        return percent.toPlainString() + "%";
    }
}
