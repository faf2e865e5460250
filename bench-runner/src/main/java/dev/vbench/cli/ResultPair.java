package dev.vbench.cli;

import dev.vbench.reports.compare.CompareEngine;
import dev.vbench.reports.compare.Comparison;
import dev.vbench.reports.compare.IncomparableResultsException;
import dev.vbench.reports.compare.Metric;
import dev.vbench.reports.compare.Threshold;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/** The BASE and NEW results that {@code compare} and {@code explain} take, loaded and compared the same way. */
record ResultPair(ResultSources.Loaded base, ResultSources.Loaded current) {

    /**
     * Reads both (a file, '-', baseline:NAME or history:BRANCH) and passes each through
     * {@code prepare} (re-pricing, or nothing). The two reads are independent and most of the work
     * for large results, so NEW is read on another thread meanwhile.
     */
    static ResultPair load(ResultSources sources, String base, String current, UnaryOperator<ResultSources.Loaded> prepare) {
        if (base.equals("-") && current.equals("-")) {
            throw new UserError("BASE and NEW cannot both be '-': there is one standard input");
        }
        CompletableFuture<ResultSources.Loaded> pending =
                CompletableFuture.supplyAsync(() -> sources.load("NEW", current), Outputs.READER);
        ResultSources.Loaded b = prepare.apply(sources.load("BASE", base));
        return new ResultPair(b, prepare.apply(Outputs.join(pending)));
    }

    /** Every benchmark's verdict; results that cannot be compared are the user's error, with the reason. */
    Comparison compare(Metric metric, Threshold threshold, boolean allowMismatch) {
        try {
            return CompareEngine.compare(new CompareEngine.Labeled(base.label(), base.result()),
                    new CompareEngine.Labeled(current.label(), current.result()), metric, threshold, allowMismatch);
        } catch (IncomparableResultsException e) {
            throw new UserError(e.getMessage());
        }
    }
}
