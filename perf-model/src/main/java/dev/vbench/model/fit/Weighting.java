package dev.vbench.model.fit;

/**
 * How much each calibration point's residual counts in a least-squares fit.
 *
 * <p>The corpus spans more than an order of magnitude of wall time (20 ms to 300 ms, and users add
 * their own points), and what vbench promises is a relative error ("within 5% of wall time"). With
 * {@link #ABSOLUTE} weights the longest points dominate the sum of squares and the short ones can be
 * off by tens of percent; {@link #RELATIVE} weights (1/y^2) minimise the squared relative error,
 * which is the quantity the cross-validation reports. The calibrator fits both and keeps the one
 * that predicts held-out workloads better (CalibrationAnalysis.better), so this is a measured
 * choice, not an assumption. On the first real calibration (dev VM) they tied on the median and
 * relative weighting had a far smaller worst case (555% against 9026%).
 */
public enum Weighting {
    /** Every point weighs the same in squared nanoseconds. */
    ABSOLUTE("absolute"),
    /** Every point weighs 1/y^2: the fit minimises squared relative residuals. */
    RELATIVE("relative");

    private final String label;

    Weighting(String label) {
        this.label = label;
    }

    /** The weight of a point whose measured time is {@code y} (> 0 for relative weights). */
    public double weight(double y) {
        return this == ABSOLUTE ? 1.0 : 1.0 / (y * y);
    }

    /** The name used in reports and model files. */
    public String label() {
        return label;
    }

    public static Weighting fromLabel(String label) {
        for (Weighting w : values()) {
            if (w.label.equals(label)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown weighting '" + label + "' (absolute or relative)");
    }
}
