package dev.vbench.reports.compare;

/**
 * The two results cannot be compared as asked: different platforms (without allowing it), duplicate
 * benchmark names, a metric one side never measured, an invalid per-benchmark threshold. The
 * message names the result and the problem; a command line maps it to "bad input" (exit 2).
 */
public final class IncomparableResultsException extends Exception {
    private static final long serialVersionUID = 1L;

    public IncomparableResultsException(String message) {
        super(message);
    }
}
