package dev.vbench.model.fit;

/** A least-squares method: ordinary, or constrained to non-negative coefficients. */
public interface Regression {
    /** Short name for reports and model files ("ols", "nnls"). */
    String name();

    LinearFit fit(FitProblem problem);
}
