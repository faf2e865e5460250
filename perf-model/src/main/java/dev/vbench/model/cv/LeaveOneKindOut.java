package dev.vbench.model.cv;

import dev.vbench.model.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Leave-one-workload-out cross-validation: for each workload kind, train on every other kind and
 * predict all points of the held-out one. Holding out single points would flatter a model, since the
 * other sizes of the same program would still be in the training set; holding out whole kinds asks
 * what a user's program, unlike anything in the corpus, can expect.
 */
public final class LeaveOneKindOut {
    private LeaveOneKindOut() {}

    public static CrossValidation run(Estimator estimator, List<Observation> observations) {
        Map<String, List<Observation>> byKind = new LinkedHashMap<>();
        for (Observation o : observations) {
            byKind.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o);
        }
        if (byKind.size() < 2) {
            throw new IllegalArgumentException("leave-one-kind-out needs at least two workload kinds, got " + byKind.keySet());
        }
        List<HeldOutPrediction> predictions = new ArrayList<>();
        for (Map.Entry<String, List<Observation>> heldOut : byKind.entrySet()) {
            List<Observation> training = new ArrayList<>();
            for (Observation o : observations) {
                if (!o.kind().equals(heldOut.getKey())) {
                    training.add(o);
                }
            }
            Predictor predictor = estimator.train(training);
            for (Observation o : heldOut.getValue()) {
                predictions.add(new HeldOutPrediction(o, predictor.predictNanos(o.counts())));
            }
        }
        return CrossValidation.of(estimator.name(), predictions);
    }
}
