package dev.vbench.model.calibrate;

import dev.vbench.model.corpus.CorpusPoint;
import java.io.IOException;
import java.util.Map;

/**
 * Where a point's counts come from: the command line implements it by running the point under
 * vbench and returning the run's named counts (instructions, syscalls, processes, ...; see
 * {@link dev.vbench.model.FeatureNames}). Tests use synthetic sources.
 */
public interface CountSource {
    /** The counter backend the counts come from ("valgrind", "perf", "none"); recorded in the model. */
    String counter();

    /** The counts of one run of the point. Names the source does not know are simply absent. */
    Map<String, Long> counts(CorpusPoint point) throws IOException, InterruptedException;
}
