package dev.vbench.model.cv;

import dev.vbench.model.Observation;

/** What a model trained without this point's workload kind predicted for it. */
public record HeldOutPrediction(Observation observation, double predictedNanos) {
    public double absPercentError() {
        return observation.absPercentError(predictedNanos);
    }
}
