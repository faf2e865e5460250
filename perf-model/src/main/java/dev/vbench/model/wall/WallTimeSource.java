package dev.vbench.model.wall;

import dev.vbench.model.corpus.CorpusPoint;
import java.io.IOException;
import java.util.List;

/** Measures how long the points take natively; {@link WallClockSampler} runs them for real. */
public interface WallTimeSource {
    /** One sample per point, in the order of {@code points}. */
    List<WallSample> measure(List<CorpusPoint> points) throws IOException, InterruptedException;
}
