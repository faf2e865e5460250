package dev.vbench.model.fit;

/** The data do not determine the coefficients (e.g. two features move in lockstep in every point). */
public final class FitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FitException(String message) {
        super(message);
    }
}
